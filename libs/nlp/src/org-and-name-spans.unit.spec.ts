import { describe, expect, it } from 'vitest';
import { analyzeArticle } from './article-analyzer';
import type { ArticleAnalysis } from './analysis.types';

const analyze = (body: string): ArticleAnalysis => analyzeArticle({ id: 't', body });
const actors = (a: ArticleAnalysis): Array<[string, string]> => a.actors.map((x) => [x.name, x.kind]);
const reported = (a: ArticleAnalysis): Array<[string, string | null]> =>
  a.statements.filter((s) => s.kind === 'indirect').map((s) => [s.text, s.speaker?.name ?? null]);

describe(analyzeArticle.name, () => {
  describe('when a person is later called by given name alone', () => {
    it('folds the given name into the one person of the article who has it', () => {
      const a = analyze(
        'Senator Hillary Lindqvist opened the debate on Monday. Voters cheered when Hillary spoke about the budget.',
      );
      const person = a.actors.find((x) => x.name === 'Hillary Lindqvist');
      expect(person?.mentions.map((m) => m.text)).toEqual(['Hillary Lindqvist', 'Hillary']);
      expect(a.actors.map((x) => x.name)).not.toContain('Hillary');
    });

    it('leaves it apart when two people of the article share it', () => {
      const a = analyze(
        'Senator Hillary Lindqvist and Governor Hillary Okafor debated on Monday. Voters cheered when Hillary spoke.',
      );
      expect(a.actors.find((x) => x.name === 'Hillary Lindqvist')?.mentions.map((m) => m.text)).toEqual(['Hillary Lindqvist']);
      expect(a.actors.find((x) => x.name === 'Hillary Okafor')?.mentions.map((m) => m.text)).toEqual(['Hillary Okafor']);
    });
  });

  describe('when an organisation is named for what it is for ("Center for …", "Council on …")', () => {
    it('keeps the whole name as one organisation, "the" and a later "of" included', () => {
      const a = analyze(
        'Dana Okafor of the Center for Rural Progress said the plan would fail. The Council on Northern Trade agreed, ' +
          'and the Institute for the Study of Baltic Trade said nothing.',
      );
      expect(actors(a)).toEqual([
        ['Dana Okafor', 'person'],
        ['Center for Rural Progress', 'organization'],
        ['Council on Northern Trade', 'organization'],
        ['Institute for the Study of Baltic Trade', 'organization'],
      ]);
    });

    it('leaves out a day that follows ("the Council on Tuesday")', () => {
      const a = analyze('The Harbour Council on Tuesday rejected the plan.');
      expect(actors(a)).toEqual([['Harbour Council', 'organization']]);
    });
  });

  describe('when a capitalised local-office title comes before a name', () => {
    it('keeps the title out of the name', () => {
      const a = analyze('“It is over,” City Councilwoman Trish Okafor said. “It is not,” Public Advocate Tom Reyes said.');
      expect(actors(a)).toEqual([
        ['Trish Okafor', 'person'],
        ['Tom Reyes', 'person'],
      ]);
    });
  });

  describe('when a name ends in "Center"', () => {
    it('reads it as an organisation that can be a source', () => {
      const a = analyze('Taxes rose. The plan would raise $1 trillion over a decade, according to the Haskell Center.');
      expect(actors(a)).toEqual([['Haskell Center', 'organization']]);
      expect(reported(a)).toEqual([['The plan would raise $1 trillion over a decade', 'Haskell Center']]);
    });
  });

  describe('when a chamber and its side come before a title ("Senate Minority Leader")', () => {
    it('names the chamber, not the chamber and its side', () => {
      const a = analyze('Lawmakers met on Monday. Senate Minority Leader Harry Reid spoke first.');
      expect(actors(a)).toEqual([
        ['Senate', 'organization'],
        ['Harry Reid', 'person'],
      ]);
    });

    it('reads a whip as a title, so the whip is the speaker', () => {
      const a = analyze('Leaders had no answer. “I don’t know,” said Senate Minority Whip Dick Durbin in an interview.');
      expect(a.statements.map((s) => [s.text, s.speaker?.name ?? null])).toEqual([['I don’t know,', 'Dick Durbin']]);
    });
  });

  describe('when a title of an organisation stands without a name ("The CEO of Apple")', () => {
    it('names the organisation alone, and no person "of Apple"', () => {
      const a = analyze('The CEO of Apple said on Monday that sales would rise. Shares of Apple fell.');
      expect(actors(a)).toEqual([['Apple', 'organization']]);
      expect(a.actors[0]!.mentions.map((m) => m.text)).toEqual(['Apple', 'Apple']);
    });

    it('names nobody when the rest only completes the title ("Secretary of State")', () => {
      const a = analyze('The Secretary of State said on Monday that talks would resume. Officials agreed.');
      expect(actors(a)).toEqual([]);
    });
  });

  describe('when a party convention is named and then called "the Convention"', () => {
    it('reports one organisation under its whole name, not a bare "Convention"', () => {
      const a = analyze(
        'Kasich won all 66 of the delegates to the Republican National Convention. Trump spoke at the Convention on Thursday.',
      );
      const convention = a.actors.find((x) => x.name === 'Republican National Convention');
      expect(convention?.kind).toBe('organization');
      expect(convention?.mentions.map((m) => m.text)).toEqual(['Republican National Convention', 'Convention']);
    });
  });

  describe('when an upper-case word the lexicon knows is no organisation stands alone', () => {
    it('reports no actor for it, while a place written in capitals stays a place', () => {
      const a = analyze('The TV reporter Alison Parker died. She ran no TV ads. Voters watched TV all night in the UK.');
      expect(actors(a)).toEqual([['Alison Parker', 'person']]);
      expect(a.places.map((p) => p.name)).toContain('United Kingdom');
    });

    it('reports none where the name tagger reads it as one either', () => {
      const a = analyze('Senator Maria Lindqvist of Ohio is airing a new TV ad in the state aimed at farmers.');
      expect(actors(a)).toEqual([['Maria Lindqvist', 'person']]);
    });
  });

  describe('when a weekday follows a name', () => {
    it('dates the sentence and stays out of the name, while a named day keeps its weekday', () => {
      const a = analyze(
        'Senator Maria Lindqvist told Radio Nord Tuesday that the talks would resume. She spoke to Okafor Monday.\n' +
          'Voters in twelve states go to the polls on Super Tuesday.',
      );
      const names = a.actors.map((x) => x.name);
      expect(names).toEqual(expect.arrayContaining(['Maria Lindqvist', 'Radio Nord']));
      expect(names.filter((n) => /Monday|Tuesday/.test(n) && n !== 'Super Tuesday')).toEqual([]);
      expect(names).not.toContain('Super');
    });
  });

  describe('when an organisation name has "<Head> of X" after a place or a determiner', () => {
    it('keeps the whole name as one organisation', () => {
      const a = analyze('The Bank of Norway and the Ohio Institute of Mining signed the accord.');
      expect(actors(a)).toEqual([
        ['Bank of Norway', 'organization'],
        ['Ohio Institute of Mining', 'organization'],
      ]);
    });
  });

  describe('when an organisation word sits before a place or an acronym precedes one', () => {
    it('reports the whole run as an organisation', () => {
      expect(actors(analyze('Engineers at Royal College Dublin and TUM Munich built the probe.'))).toEqual([
        ['Royal College Dublin', 'organization'],
        ['TUM Munich', 'organization'],
      ]);
    });
  });

  describe('when a company name ends in a legal-form suffix', () => {
    it('reports an organisation with the suffix in its span', () => {
      expect(actors(analyze('Shares of Halvorsen ASA and Brightwater GmbH fell while Marotti S.p.A. gained.'))).toEqual([
        ['Halvorsen ASA', 'organization'],
        ['Brightwater GmbH', 'organization'],
        ['Marotti S.p.A.', 'organization'],
      ]);
    });
  });

  describe('when a place is followed by a team or company name', () => {
    it('keeps the place inside the organisation name', () => {
      expect(actors(analyze('The Denver Glaciers signed a new coach on Monday.'))).toEqual([['Denver Glaciers', 'organization']]);
    });

    it('still reads a title-led name after an organisation as a role and a person', () => {
      const a = analyze('Bank of Norway Governor Ida Wold said rates would fall.');
      expect(actors(a)).toEqual([
        ['Bank of Norway', 'organization'],
        ['Ida Wold', 'person'],
      ]);
      expect(a.statements.map((s) => s.speaker?.name)).toEqual(['Ida Wold']);
    });
  });

  describe('when a sentence opens with an organisation description', () => {
    it('leaves the description out of the organisation name', () => {
      expect(actors(analyze('Rival Quenta reports results next week.'))).toEqual([['Quenta', 'organization']]);
    });
  });

  describe('when a name ends in a generational suffix or carries a particle', () => {
    it('keeps "Jr.", "al-" surnames and "van der" particles in the name', () => {
      const a = analyze('Paul King Jr. met Omar Fahd al-Rashidi and Jan van der Meer in Brussels.');
      expect(actors(a)).toEqual([
        ['Paul King Jr.', 'person'],
        ['Omar Fahd al-Rashidi', 'person'],
        ['Jan van der Meer', 'person'],
      ]);
    });
  });

  describe('when a quoted nickname sits between given name and surname', () => {
    it('reports one person whose mentions include the nickname form', () => {
      const a = analyze('Former sprinter Darnell "Bolt" Okafor opened a track in Lagos. Okafor said he was proud.');
      const names = (x: (typeof a.actors)[number]): string[] => x.mentions.filter((m) => m.kind === 'name').map((m) => m.text);
      expect(a.actors.map((x) => [x.name, x.kind, names(x)])).toEqual([
        ['Darnell "Bolt" Okafor', 'person', ['Darnell "Bolt" Okafor', 'Okafor']],
      ]);
    });
  });

  describe('when one-word names follow a plural noun for players', () => {
    it('reports them as people', () => {
      expect(actors(analyze('The squad: defenders Talvik, Oruna; forwards Bessaro and Kelmet.'))).toEqual([
        ['Talvik', 'person'],
        ['Oruna', 'person'],
        ['Bessaro', 'person'],
        ['Kelmet', 'person'],
      ]);
    });
  });

  describe('when a group is the subject of a speech verb', () => {
    it('reports the public and official sources alike, described, with no actor to speak', () => {
      const a = analyze('Residents said the water rose within minutes. Police said two people were missing.');
      expect(reported(a)).toEqual([
        ['the water rose within minutes', 'Residents'],
        ['two people were missing', 'Police'],
      ]);
      expect(a.statements.map((s) => s.speaker?.actorId)).toEqual(['unnamed:residents', 'unnamed:police']);
      expect(a.actors).toEqual([]);
    });
  });

  describe('when a speech verb takes a plain noun object', () => {
    it('reports no statement for the event, but keeps an infinitive proposition', () => {
      const a = analyze('Dana Kiro announced the merger on Monday. Dana Kiro expressed her determination to finish the deal.');
      expect(reported(a)).toEqual([['her determination to finish the deal', 'Dana Kiro']]);
    });
  });

  describe('when "according to" names a document rather than a person', () => {
    it('reports no statement', () => {
      expect(reported(analyze('Sea ice shrank again this year, according to a study published on Tuesday.'))).toEqual([]);
    });
  });

  describe("when a capitalised role the rules cannot parse runs into a person's name", () => {
    const body =
      'Officials blamed a miscalculation.\n\n"We made some horrendous mistakes," Maricopa County Recorder Helen Purcell said during a hearing.';

    it('names the person the run ends in and gives them the quote', () => {
      const a = analyze(body);
      expect(actors(a)).toContainEqual(['Helen Purcell', 'person']);
      expect(a.statements.map((s) => s.speaker?.name)).toEqual(['Helen Purcell']);
    });
  });
  describe('when "of" and a place follow a corporate suffix', () => {
    it('ends the company at its suffix and reads the place apart', () => {
      const a = analyze('The car made by Kia Motor Corp of South Korea arrived at Jakarta on Friday.');
      expect(actors(a)).toEqual([['Kia Motor Corp', 'organization']]);
      expect(a.places.map((p) => p.name)).toEqual(expect.arrayContaining(['South Korea']));
    });
  });
  describe("when an organisation heads a person's title", () => {
    const body =
      'Lawrence Lindsey spoke to bankers on Monday.\n\n' +
      '"There is still room to move," said Federal Reserve Governor Lawrence Lindsey in an interview with CNBC on Friday.';

    it('names the organisation too, and still gives the quote to the person', () => {
      const a = analyze(body);
      expect(actors(a)).toEqual([
        ['Lawrence Lindsey', 'person'],
        ['Federal Reserve', 'organization'],
        ['CNBC', 'organization'],
      ]);
      expect(a.statements.map((s) => s.speaker?.name)).toEqual(['Lawrence Lindsey']);
    });
  });
  describe('when a hyphenated title stands before a name', () => {
    it('reads it as the role, not as part of the name', () => {
      const a = analyze('NATO spokesman Lieutenant-Colonel Max Marriner said on Friday that the rebels were close to the town.');
      expect(actors(a)).toEqual([
        ['NATO', 'organization'],
        ['Max Marriner', 'person'],
      ]);
      expect(reported(a)).toEqual([['the rebels were close to the town', 'Max Marriner']]);
    });
  });
  describe('when a union local is named by its number', () => {
    it('reads one organisation that speaks and that "the union" refers to', () => {
      const a = analyze(
        '"We expect a deal by spring," UFCW Local 832 said in a statement on Monday.\n\n"Our members have waited long enough," the union added.',
      );
      expect(actors(a)).toEqual([['UFCW Local 832', 'organization']]);
      expect(a.statements.map((s) => s.speaker?.name)).toEqual(['UFCW Local 832', 'UFCW Local 832']);
    });

    it('keeps the local whole when it is named without its union', () => {
      expect(actors(analyze('"We expect a deal by spring," Local 832 said on Monday.'))).toEqual([['Local 832', 'organization']]);
    });
  });
});
