import { describe, expect, it } from 'vitest';
import { analyzeArticle } from './article-analyzer';
import type { ArticleAnalysis } from './analysis.types';

const analyze = (body: string): ArticleAnalysis => analyzeArticle({ id: 't', body });
const actors = (a: ArticleAnalysis): Array<[string, string]> => a.actors.map((x) => [x.name, x.kind]);
const speakers = (a: ArticleAnalysis): Array<[string, string | undefined]> => a.statements.map((s) => [s.text, s.speaker?.name]);

describe(analyzeArticle.name, () => {
  describe('when a sentence opens with a number word and a nationality', () => {
    it('reports no actor for the counted group', () => {
      const a = analyze('Three Russian soldiers were killed on Monday. Seven Iraqis were wounded near Basra.');
      expect(actors(a)).toEqual([]);
    });
  });

  describe('when a capitalised word only opens sentences and the article also writes it in lower case', () => {
    it('reports no actor for it, but keeps a name the article never writes in lower case', () => {
      const a = analyze(
        'Prices fell on Monday as traders sold shares. Traders said the market was nervous. Carver said rates would rise.',
      );
      expect(actors(a).map(([name]) => name)).toEqual(['Carver']);
    });

    it('takes no lower-case evidence from an all-caps headline', () => {
      const a = analyze('RUGBY LEAGUE - WIGAN ROUT LEEDS IN SUPER LEAGUE.\nWigan beat Leeds 30-10 on Sunday to stay top.');
      const wigan = a.actors.find((x) => x.name.toLowerCase() === 'wigan');
      expect(wigan?.mentions.map((m) => m.text)).toContain('Wigan');
    });
  });

  describe('when the rules see a name inside a longer miscellaneous name the model reads', () => {
    it('reports no actor for the part ("Day" of "Labor Day")', () => {
      const a = analyze('U.S. stocks closed higher on Friday ahead of the U.S. Labor Day holiday weekend, traders said.');
      expect(actors(a)).toEqual([]);
    });
  });

  describe('when a lone club name in sports copy leads or follows a verb', () => {
    it("takes the name tagger's reading of it as a club, not a player", () => {
      const a = analyze(
        'BASEBALL - RANGERS BEAT INDIANS.\n' +
          'Todd Vane pitched a five-hitter for his first career shutout as the Tigers blanked the Kansas City Royals 4-0.\n' +
          'Vane walked two and struck out two in defeating the Royals for the second time this week.',
      );
      expect(actors(a)).toContainEqual(['Royals', 'organization']);
      expect(
        actors(a)
          .filter(([, kind]) => kind === 'person')
          .map(([name]) => name),
      ).toEqual(['Todd Vane']);
    });
  });

  describe('when a Title Case headline opens the article', () => {
    it('reads only its names as actors, also when the headline shares a paragraph with the body', () => {
      const a = analyze(
        'Donald Trump Tweets A Wildly Inaccurate Graphic To Portray Black People As Murderers. ' +
          'Real estate mogul Donald Trump on Sunday tweeted a chart of inaccurate crime statistics.',
      );
      expect(actors(a)).toEqual([['Donald Trump', 'person']]);
    });

    it('keeps a name the article capitalises in its prose and the quote the headline gives it', () => {
      const a = analyze(
        'Kasich: ‘We Are Going To Go All The Way To Cleveland.’ Ohio Gov. John Kasich vowed on Tuesday to press on.',
      );
      const headline = a.statements.find((s) => s.text.startsWith('‘We Are Going'));
      expect(headline?.speaker?.name).toBe('John Kasich');
    });
  });

  describe('when a surname is written with a curly apostrophe', () => {
    it('knows the lone surname as the person, as with a straight apostrophe', () => {
      for (const mark of ['’', "'"]) {
        const a = analyze(`Conan O${mark}Brien joked on Monday. O${mark}Brien said the show was over.`);
        const person = a.actors.find((x) => x.name === `Conan O${mark}Brien`);
        expect(person?.mentions.map((m) => m.text)).toEqual([`Conan O${mark}Brien`, `O${mark}Brien`]);
        expect(speakers(a)).toEqual([['the show was over', `Conan O${mark}Brien`]]);
      }
    });
  });

  describe('when an acronym appears only once outside quotes', () => {
    it('reports it as an organisation', () => {
      expect(actors(analyze('Delegates of the OSCE met in Vienna on Monday to discuss the vote.'))).toEqual([
        ['OSCE', 'organization'],
      ]);
    });
  });

  describe('when a well-known company is named once without an organisation word', () => {
    it('reports it as an organisation and its statement with it as speaker', () => {
      const a = analyze('Commerzbank said on Wednesday its quarterly profit rose sharply.');
      expect(actors(a)).toEqual([['Commerzbank', 'organization']]);
      expect(speakers(a)).toEqual([['its quarterly profit rose sharply', 'Commerzbank']]);
    });
  });

  describe('when an unknown one-word speaker talks about "its" results', () => {
    it('reports an organisation, not a person', () => {
      expect(actors(analyze('Shares rose after Zorvantix said on Monday its sales had doubled.'))).toEqual([
        ['Zorvantix', 'organization'],
      ]);
    });
  });

  describe('when an unknown one-word name follows an organisation description', () => {
    it('reports an organisation', () => {
      expect(actors(analyze('The film was released by the distributor Lumora in May.'))).toEqual([['Lumora', 'organization']]);
    });
  });

  describe('when a team result names unknown clubs and cities', () => {
    it('reports the clubs as organisations and keeps national teams as places', () => {
      const a = analyze('Vardby beat Holmstad 3-1 on Sunday. Leeds drew 1-1 with Newcastle. Germany beat France 2-0.');
      expect(actors(a)).toEqual([
        ['Vardby', 'organization'],
        ['Holmstad', 'organization'],
        ['Leeds', 'organization'],
        ['Newcastle', 'organization'],
      ]);
      expect(a.places.map((p) => p.name)).toEqual(['Germany', 'France']);
    });
  });

  describe('when an individual result is scored in sets', () => {
    it('reports the lone surnames as people', () => {
      expect(actors(analyze('Top seed Kovarik beat Lindhagen 6-4 6-3 and will face Oduya on Sunday.'))).toEqual([
        ['Kovarik', 'person'],
        ['Lindhagen', 'person'],
        ['Oduya', 'person'],
      ]);
    });
  });

  describe('when a box score lists players with their numbers', () => {
    it('reports the players as people and the counties as clubs', () => {
      const a = analyze('Essex 410 (Pellow 131, Drummaker 77) v Kent 198.');
      expect(actors(a)).toEqual([
        ['Essex', 'organization'],
        ['Pellow', 'person'],
        ['Drummaker', 'person'],
        ['Kent', 'organization'],
      ]);
    });
  });

  describe('when an unknown full name appears once', () => {
    it('reports it as a person', () => {
      expect(actors(analyze('The report was written by Tarquin Obuya and published on Monday.'))).toEqual([
        ['Tarquin Obuya', 'person'],
      ]);
    });
  });

  describe('when a name carries a two-word particle and is later shortened', () => {
    it('keeps the whole name and folds the short form into the same actor', () => {
      const a = analyze('Ursula von der Leyen arrived in Ankara. Later, Von der Leyen met the press.');
      expect(a.actors.map((x) => [x.name, x.mentions.map((m) => m.text)])).toEqual([
        ['Ursula von der Leyen', ['Ursula von der Leyen', 'Von der Leyen']],
      ]);
    });
  });

  describe('when a paragraph is written in capitals', () => {
    it('keeps known names and ignores shouted ordinary words', () => {
      const a = analyze('TOYOTA SAID ON FRIDAY IT WOULD CUT OUTPUT AT TWO PLANTS IN JAPAN.');
      expect(a.actors.map((x) => [x.name, x.kind, x.mentions.map((m) => m.text)])).toEqual([
        ['Toyota', 'organization', ['TOYOTA']],
      ]);
      expect(a.places.map((p) => p.name)).toEqual(['Japan']);
    });
  });

  describe('when a full name starts with a place that is also a given name', () => {
    it('reports the person with the full name', () => {
      const a = analyze('Chad Morris, a relief worker from Georgia, said the camps were full.');
      expect(actors(a)).toEqual([['Chad Morris', 'person']]);
      expect(speakers(a)).toEqual([['the camps were full', 'Chad Morris']]);
    });
  });

  describe('when a sentence opens with a job word before a given name', () => {
    it('keeps the job word as the role, not the name', () => {
      const a = analyze('Curator Alice M. Brennan said the letters had never been shown.');
      expect(a.actors.map((x) => [x.name, x.role])).toEqual([['Alice M. Brennan', 'Curator']]);
    });
  });

  describe('when the name is set off by commas after its role', () => {
    it('attributes the statement to the named person', () => {
      const a = analyze('His lawyer, Daniel Reyes, said his client would appeal.');
      expect(speakers(a)).toEqual([['his client would appeal', 'Daniel Reyes']]);
    });
  });

  describe('when an unnamed source is followed by a relative clause', () => {
    it('reports the statement without a speaker rather than the description as content', () => {
      const a = analyze('A senior official, who asked not to be named, said the exercise had been suspended.');
      expect(speakers(a)).toEqual([['the exercise had been suspended', undefined]]);
    });
  });

  describe('when the second half of a split quote follows a relative clause', () => {
    it('gives the second half no other speaker, so the halves are one statement', () => {
      const a = analyze('"The harvest was late," said Helen Clarke, who farms near York, "and then the rain came."');
      expect(speakers(a)).toEqual([
        ['The harvest was late," said Helen Clarke, who farms near York, "and then the rain came.', 'Helen Clarke'],
      ]);
    });
  });
  describe('when a result line names a venue after "in" or a small country as a national side', () => {
    const body =
      'SOCCER - U.S. EDGES AUSTRIA .\n' +
      'The United States edged Austria in Salzburg 3-2 in the opening round in April . Wales beat San Marino 6-0 in their qualifier .';

    it('reads them as places, not clubs', () => {
      const a = analyze(body);
      expect(actors(a)).toEqual([]);
      expect(a.places.map((p) => p.name)).toEqual(expect.arrayContaining(['Salzburg', 'San Marino']));
    });
  });
  describe('when a capital names where a speaker is rather than who speaks', () => {
    it('keeps the capital a place', () => {
      const a = analyze(
        'Fighting went on near Arbil on Saturday. A U.N. official in Baghdad said the rebels had taken the city.',
      );
      expect(a.actors.map((x) => x.name)).not.toContain('Baghdad');
      expect(a.places.map((p) => p.name)).toContain('Baghdad');
    });
  });

  describe('when a title and "of" name an office', () => {
    it('reports no actor for the office word', () => {
      const a = analyze(
        'Governor Ruth Okafor offered the banker a job as Secretary of Defense. The Minister of Finance resigned.',
      );
      expect(actors(a)).toEqual([['Ruth Okafor', 'person']]);
    });
  });

  describe('when a surname the registry knows as a well-known person follows an article person of that surname', () => {
    it('folds it into the article person, unless the article names the well-known one in full', () => {
      const local = analyze('Senator Dora Vance spoke on Monday. Vance said the vote was fair.');
      expect(local.actors.map((x) => [x.name, x.mentions.map((m) => m.text)])).toEqual([['Dora Vance', ['Dora Vance', 'Vance']]]);
      const both = analyze(
        'Donald Trump arrived in Ohio on Monday. His son Eric Trump spoke first. Trump said the rally was huge.',
      );
      expect(speakers(both)).toEqual([['the rally was huge', 'Donald Trump']]);
    });
  });

  describe('when a surname the registry knows as a well-known organisation follows an article person of that surname', () => {
    it('folds it into the person, unless the article names the organisation in full', () => {
      const local = analyze('Premier Doug Ford spoke on Monday. "We will not wait," Ford said.');
      expect(local.actors.map((x) => [x.name, x.kind, x.mentions.map((m) => m.text)])).toEqual([
        ['Doug Ford', 'person', ['Doug Ford', 'Ford']],
      ]);
      expect(speakers(local)).toEqual([['We will not wait,', 'Doug Ford']]);
      const company = analyze('Ford cut 3,000 jobs on Monday. "We will not wait," Ford said.');
      expect(company.actors.map((x) => [x.name, x.kind])).toEqual([['Ford', 'organization']]);
    });
  });

  describe('when a place and a party member describe a speaker', () => {
    it('reports no organisation for the description and gives the quote to the person it describes', () => {
      const a = analyze('Senator Anna Kessler of Oregon spoke on Monday. “The plan is dead,” the Oregon Democrat said.');
      expect(actors(a)).toEqual([['Anna Kessler', 'person']]);
      expect(speakers(a)).toEqual([['The plan is dead,', 'Anna Kessler']]);
    });
  });
});
