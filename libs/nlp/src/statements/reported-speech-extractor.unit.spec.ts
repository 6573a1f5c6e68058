import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../article-analyzer';
import type { ExtractedStatement } from '../analysis.types';

function statements(body: string): ExtractedStatement[] {
  return analyzeArticle({ id: 'test', body }).statements;
}

function reported(body: string): Array<[string, string | null]> {
  return statements(body).map((s) => [s.text, s.speaker?.name ?? null]);
}

describe('reported speech', () => {
  describe('when "according to" names an unnamed source', () => {
    it('reports what officials, a person familiar with the plan or a campaign say, with the source described and no actor', () => {
      expect(reported('The ministry moved the list into the draft, according to officials involved at the time.')).toEqual([
        ['The ministry moved the list into the draft', 'officials involved at the time'],
      ]);
      expect(reported('The firm will cut 400 jobs in Lyon, according to a person familiar with the plan.')).toEqual([
        ['The firm will cut 400 jobs in Lyon', 'a person familiar with the plan'],
      ]);
      expect(reported('Fundraising has surged since June, according to the campaign.')).toEqual([
        ['Fundraising has surged since June', 'the campaign'],
      ]);
      const ids = statements('Fundraising has surged since June, according to the campaign.').map((s) => s.speaker?.actorId);
      expect(ids).toEqual(['unnamed:the-campaign']);
    });

    it('reports nothing for a poll', () => {
      expect(reported('Turnout fell by a third, according to a new poll.')).toEqual([]);
    });

    it('reports commentators at large as an unnamed source', () => {
      const [statement] = statements('Turnout fell by a third, according to experts.');
      expect(statement?.text).toBe('Turnout fell by a third');
      expect(statement?.speaker?.actorId).toBe('unnamed:experts');
    });

    it("reports no quote's attribution as what the source says", () => {
      const body = '“You have been very critical of me,” he told Senator Anna Kessler, according to officials at the meeting.';
      expect(statements(body).map((s) => s.kind)).toEqual(['direct']);
    });
  });

  describe('when a quoted phrase ends the content and the narration goes on with a clause of its own', () => {
    it('ends the content at the quote', () => {
      const body = 'Jeb Bush says he is "excited where we stand" as he faces a hard test in South Carolina.';
      expect(statements(body).map((s) => s.text)).toEqual(['he is "excited where we stand"']);
    });

    it('keeps a comparison that is no clause of its own', () => {
      const body = 'Jeb Bush says the plan is "as good as it gets" as far as taxes go.';
      expect(statements(body).map((s) => s.text)).toEqual(['the plan is "as good as it gets" as far as taxes go']);
    });
  });

  describe('when a group of people named by what they do speaks', () => {
    it.each([
      ['strategists', 'It makes sense, strategists said, for Democrats to raise the issue now.'],
      ['respondents', 'The top issues, respondents said, are immigration policy and the economy.'],
      ['donors', 'The campaign is running out of money, donors said.'],
      ['executives', 'Executives say the rule will slow hiring.'],
    ])('reports %s as an unnamed source, as PolNeAR annotates them', (group, body) => {
      expect(statements(body).map((s) => s.speaker?.actorId)).toEqual([`unnamed:${group}`]);
    });
  });

  describe('when "noted", "explained", "revealed", "suggested" or "predicted" reports without "that"', () => {
    it.each([
      ['noted', 'Senator Anna Kessler noted Trump was unfit.', 'Trump was unfit'],
      [
        'explained',
        'In a long interview, Senator Anna Kessler explained her husband had taken her name.',
        'her husband had taken her name',
      ],
      [
        'revealed',
        'In a long interview, Senator Anna Kessler revealed her husband had taken her name.',
        'her husband had taken her name',
      ],
      [
        'suggested',
        'In a long interview, Senator Anna Kessler suggested her husband had taken her name.',
        'her husband had taken her name',
      ],
      ['predicted', 'Senator Anna Kessler predicted a closer-than-expected primary.', 'a closer-than-expected primary'],
    ])('reports what follows "%s"', (_, body, content) => {
      expect(reported(body)).toEqual([[content, 'Anna Kessler']]);
    });

    it('reports nothing when nothing is said ("said nothing about", "revealed almost nothing")', () => {
      expect(reported('Senator Anna Kessler said nothing about her plans.')).toEqual([]);
      expect(reported('Senator Anna Kessler revealed almost nothing about her plans.')).toEqual([]);
      expect(reported('Senator Anna Kessler said little about the budget.')).toEqual([]);
    });
  });

  describe('when "called" or "described" characterises a name or a pronoun without quotation marks', () => {
    const visit = 'Senator Anna Kessler spoke in Denver on Monday. ';

    it.each([
      ['Kessler called Tom Reyes a fascist.', 'Tom Reyes a fascist'],
      ['Kessler called him divisive.', 'him divisive'],
      ['Kessler described the dinner as a party for insiders.', 'the dinner as a party for insiders'],
    ])('reports the object and what it is called: %s', (sentence, content) => {
      expect(reported(`${visit}${sentence}`)).toEqual([[content, 'Anna Kessler']]);
    });

    it.each([
      'Kessler called the police.',
      'Kessler called him on Monday.',
      'Kessler called him back.',
      'Kessler called her husband.',
      'Kessler called him repeatedly.',
      'Kessler called Tom Reyes Tuesday.',
      'Kessler described the dinner.',
    ])('reports nothing for a call or a description that characterises nothing: %s', (sentence) => {
      expect(reported(`${visit}${sentence}`)).toEqual([]);
    });
  });

  describe('when "with" and a name come before a speech participle', () => {
    it('reports the participle as said by that name', () => {
      expect(
        reported(
          'Violence rose at home, with Senator Anna Kessler telling reporters on Thursday she viewed the plan as a failure.',
        ),
      ).toEqual([['she viewed the plan as a failure', 'Anna Kessler']]);
    });

    it('reports it as said by that name across an -ly adverb', () => {
      expect(
        reported(
          'Violence rose at home, with Senator Anna Kessler repeatedly telling reporters on Thursday she viewed the plan as a failure.',
        ),
      ).toEqual([['she viewed the plan as a failure', 'Anna Kessler']]);
    });
  });

  describe('when a pronoun audience after "told" comes before a name', () => {
    it('starts the content at the name', () => {
      expect(reported('Senator Anna Kessler spoke in Denver. She told them Tom Reyes has a number of donors.')).toEqual([
        ['Tom Reyes has a number of donors', 'Anna Kessler'],
      ]);
    });
  });

  describe('when a participle after "while", "before", "by" or a dash reports a clause', () => {
    it("reports the clause as the sentence subject's", () => {
      expect(
        reported('Senator Anna Kessler criticized the plan on Monday before saying the budget office had reassured her.'),
      ).toEqual([['the budget office had reassured her', 'Anna Kessler']]);
      expect(
        reported('Senator Anna Kessler criticized the plan on Monday, while saying that the budget office had reassured her.'),
      ).toEqual([['the budget office had reassured her', 'Anna Kessler']]);
    });

    it('reports nothing without a clause, or in a title-case headline', () => {
      expect(reported('Senator Anna Kessler held the seat while adding three new districts to the map.')).toEqual([]);
      expect(reported('Senator Anna Kessler Responds To Question About Wages By Saying We Need Fewer Lawyers.')).toEqual([]);
    });
  });

  describe('when "urged" takes an audience and an infinitive', () => {
    it('reports the audience and what it is urged to do', () => {
      expect(reported('Senator Anna Kessler urged voters to back the bill.')).toEqual([
        ['voters to back the bill', 'Anna Kessler'],
      ]);
    });
  });

  describe('when "according to" follows a clause that opens the sentence', () => {
    it('reports the main clause after a subordinate one the attribution closes', () => {
      const body =
        'While most files were marked confidential, according to a Foreign Ministry official, two were upgraded to secret.';
      expect(reported(body)).toEqual([['two were upgraded to secret', 'Foreign Ministry']]);
    });

    it('keeps the subordinate clause when the main clause comes before the attribution, past an appositive', () => {
      const body =
        'When training fits the patient, it works very well, according to Craig Bryan, head of the center at the university.';
      expect(reported(body)).toEqual([['When training fits the patient, it works very well', 'Craig Bryan']]);
      const resumed = 'When the vote came, the party split, according to a Foreign Ministry official, most rebels walked out.';
      expect(reported(resumed)[0]?.[0]).toMatch(/^When the vote came, the party split, .* most rebels walked out$/);
    });
  });

  describe('when reported content holds a parenthetical', () => {
    it('runs through a pair of dashes or brackets to the rest of the clause', () => {
      expect(reported('Senator Anna Kessler said the 40 delegates — most of them party officials — backed the plan.')).toEqual([
        ['the 40 delegates — most of them party officials — backed the plan', 'Anna Kessler'],
      ]);
      expect(reported('Senator Anna Kessler said the senator (D-Ore.) would back the plan.')).toEqual([
        ['the senator (D-Ore.) would back the plan', 'Anna Kessler'],
      ]);
    });

    it('ends at a single dash', () => {
      expect(reported('Senator Anna Kessler said the plan would pass — and it did.')).toEqual([
        ['the plan would pass', 'Anna Kessler'],
      ]);
    });
  });

  describe('when "as" opens an attribution before the clause it reports', () => {
    it('reports the clause after the comma, with the cue from "as" to the verb', () => {
      const body = 'The mayor of Lyon spoke on Tuesday. As Mayor Odile Brenner noted, the tram line will open two years late.';
      const [found] = statements(body).filter((s) => s.text.includes('tram line'));
      expect(found?.text).toBe('the tram line will open two years late');
      expect(found?.speaker?.name).toBe('Odile Brenner');
      expect(found?.cue).toBe('As Mayor Odile Brenner noted');
    });

    it('reads it after a conjunction and past a setting, and from an organisation', () => {
      expect(
        reported('Turnout was low. But as Kerstin Alder said in March, the party will not change its leader before winter.'),
      ).toContainEqual(['the party will not change its leader before winter', 'Kerstin Alder']);
      expect(reported('As the Baltic Shipping Council reported on Friday, freight rates fell for a third month.')).toContainEqual(
        ['freight rates fell for a third month', 'Baltic Shipping Council'],
      );
    });

    it('reports nothing when "as" tells when, or the writer speaks, or the verb takes an object', () => {
      const body =
        'As Ilse Vang spoke, protesters gathered outside the hall. As I mentioned above, the budget grew by a third. ' +
        'As Ilse Vang demands reform, her rivals wait for the vote.';
      expect(statements(body)).toEqual([]);
    });
  });

  describe('when a closing attribution opens its subject with an article', () => {
    it('reports the content before it from a named appositive or an outlet', () => {
      const body =
        'Lumen created the tool to help in times of crisis, a spokeswoman, Anna White, said on Saturday. ' +
        'The mayor will resign in May, the Daily Courier reported.';
      expect(reported(body)).toEqual([
        ['Lumen created the tool to help in times of crisis', 'Anna White'],
        ['The mayor will resign in May', 'Daily Courier'],
      ]);
    });

    it('takes no clause before a verb that does not report', () => {
      const body =
        'Ilse Vang had been scheduled to attend the event in Casper, but on Thursday, the Green Party announced she ' +
        'was not coming.';
      expect(reported(body)).toEqual([['she was not coming', 'Green Party']]);
    });
  });

  describe('when a closing attribution is followed by a comma', () => {
    it('ends the content at the attribution when a speech participle follows it', () => {
      const body =
        'President Odile Brenner spoke on Tuesday. The plans are sickening, Brenner said Tuesday in Lyon, noting the ' +
        'minister would fail.';
      expect(reported(body)[0]).toEqual(['The plans are sickening', 'Odile Brenner']);
    });

    it('runs on past the attribution when the clause resumes after it', () => {
      const body = 'The museum, Senator Anna Kessler said, celebrated the city and its workers.';
      expect(reported(body)[0]?.[0]).toMatch(/^The museum, .* celebrated the city and its workers$/);
    });
  });

  describe('when the attribution sits in a subordinate clause that opens the sentence', () => {
    it('ends the content at the comma before the main clause', () => {
      const body =
        'Senator Anna Kessler spoke on Monday. Although Kessler said she would hold a hearing, the bill is unlikely to ' +
        'pass this year.';
      expect(reported(body)).toEqual([['she would hold a hearing', 'Anna Kessler']]);
    });

    it('runs through a relative clause to the comma after it', () => {
      const body =
        'Senator Anna Kessler spoke on Monday. But while Kessler said the tax, which passed in May, would fail, the ' +
        'governor disagreed.';
      expect(reported(body)).toEqual([['the tax, which passed in May, would fail', 'Anna Kessler']]);
    });

    it('reads a clause after the subordinate one as the main clause', () => {
      const body =
        'Senator Anna Kessler spoke on Monday. If elected, Kessler said she would cut taxes, raise wages and build homes.';
      expect(reported(body)).toEqual([['she would cut taxes, raise wages and build homes', 'Anna Kessler']]);
    });

    it('reads a closing attribution whose comma ends the text (found by the property test)', () => {
      const body = 'Senator Dana Kiro believes the plant will close, Senator Dana Kiro said comment,';
      expect(() => statements(body)).not.toThrow();
    });

    it('keeps a subordinate clause inside the content whole', () => {
      const body = 'Senator Anna Kessler spoke on Monday. Kessler said that although the vote was close, the bill would pass.';
      expect(reported(body)).toEqual([['although the vote was close, the bill would pass', 'Anna Kessler']]);
    });
  });

  describe('when a fronted phrase and a comma come before a speaker who reports a clause', () => {
    it('reports the clause, not the fronted phrase as a closing attribution', () => {
      const body = 'Senator Dora Vance spoke on Monday. Speaking to reporters, Vance said the bill will pass.';
      expect(reported(body)).toEqual([['the bill will pass', 'Dora Vance']]);
    });

    it('reads a subject pronoun after the verb as the clause it opens', () => {
      const body = 'Senator Dora Vance spoke on Monday. As for the vote, she said she’s not worried.';
      expect(reported(body)).toEqual([['she’s not worried', 'Dora Vance']]);
    });
  });

  describe('when "that" is followed by a comma and an aside', () => {
    it('opens the content after the comma', () => {
      expect(reported('Senator Dora Vance said that, if elected, she would resign.')).toEqual([
        ['if elected, she would resign', 'Dora Vance'],
      ]);
    });
  });

  describe('when "asked" is followed by a question', () => {
    it('reports the question from its question word, past a named or unnamed audience', () => {
      const body =
        'Senator Rand Okafor asked how the state could add a billion dollars in spending. ' +
        'Okafor also asked the minister whether the plan had been costed.';
      expect(reported(body)).toEqual([
        ['how the state could add a billion dollars in spending', 'Rand Okafor'],
        ['whether the plan had been costed', 'Rand Okafor'],
      ]);
    });

    it('reports no request and no unnamed asker', () => {
      const body = 'Governor Lena Marsh asked them to leave the room. A reporter asked whether the deal was dead.';
      expect(reported(body)).toEqual([]);
    });
  });

  describe('when "explained" is followed by a question word', () => {
    it('reports the clause the question word opens, from a verb or a participle', () => {
      const body =
        'Mayor Ines Caldera spoke to the council. She explained how she expanded the tram network across the river. ' +
        'Later Caldera met the workers, explaining why the union rejected the offer.';
      expect(reported(body)).toEqual([
        ['how she expanded the tram network across the river', 'Ines Caldera'],
        ['why the union rejected the offer', 'Ines Caldera'],
      ]);
    });
  });

  describe('when "told" names its audience with its home and the occasion before the reported clause', () => {
    it('leaves the audience and the occasion to the cue', () => {
      const body = 'Carla Ruiz told The Courier of Leeds last week she would vote against the merger.';
      expect(reported(body)).toEqual([['she would vote against the merger', 'Carla Ruiz']]);
    });

    it('reports nothing when no clause follows the occasion', () => {
      const body =
        'Carla Ruiz weighed in, telling Radio Leeds in an interview published on Monday, “The vote was close,” she said.';
      expect(reported(body)).toEqual([['The vote was close,', 'Carla Ruiz']]);
    });
  });

  describe('when a verb whose object is its content is followed by a clause', () => {
    it('reports the clause', () => {
      const body = 'Senator Dora Vance admitted she had lost. Vance stressed the vote was fair.';
      expect(reported(body)).toEqual([
        ['she had lost', 'Dora Vance'],
        ['the vote was fair', 'Dora Vance'],
      ]);
    });

    it('still reports no plain object', () => {
      expect(reported('Senator Dora Vance announced the death of her father. Vance denied the charges.')).toEqual([]);
    });
  });

  describe('when a bare clause is followed by a second clause with "and that"', () => {
    it('reports both clauses, not only the one after "that"', () => {
      const body = 'Minister Lena Ortiz spoke on Tuesday. She said the deficit would fall by 2026 and that growth would return.';
      expect(reported(body)).toEqual([['the deficit would fall by 2026 and that growth would return', 'Lena Ortiz']]);
    });

    it('still looks past a relative clause on the audience for the "that"', () => {
      const body = 'Minister Lena Ortiz told reporters who had gathered outside that the plan was sound.';
      expect(reported(body)).toEqual([['the plan was sound', 'Lena Ortiz']]);
    });
  });

  describe('when a bare clause opens with "such"', () => {
    it('reads "such" as a determiner, after a speech verb and after an "as" attribution', () => {
      const body = 'Senator Dora Vance said such methods are cruel. As Vance noted, such rules are rare.';
      expect(reported(body)).toEqual([
        ['such methods are cruel', 'Dora Vance'],
        ['such rules are rare', 'Dora Vance'],
      ]);
    });
  });

  describe('when a capitalised word inside a bare clause is also a speech verb', () => {
    it('still reads the clause ("the United States should …")', () => {
      const body = 'Former Secretary Hillary Clinton suggested the United States should send more special forces to Syria.';
      expect(reported(body)).toEqual([['the United States should send more special forces to Syria', 'Hillary Clinton']]);
    });
  });
});

describe('quoted characterisations', () => {
  describe('when "called", "described", "dubbed" or "labeled" gives the speaker’s own quoted words', () => {
    it('reports the object and what the speaker calls it', () => {
      const body =
        'Senator Dora Vance spoke on Monday. Vance called the plan a “fundamental mistake” on Monday. ' +
        'Governor Tom Reyes described the field of candidates as “all very good.” ' +
        'Reyes called on Congress to pay “their fair share” of the costs. Vance dubbed the tax “a disaster.” ' +
        'Reyes labeled the bill “reckless.”';
      expect(reported(body)).toEqual([
        ['the plan a “fundamental mistake” on Monday', 'Dora Vance'],
        ['the field of candidates as “all very good.”', 'Tom Reyes'],
        ['Congress to pay “their fair share” of the costs', 'Tom Reyes'],
        ['the tax “a disaster.”', 'Dora Vance'],
        ['the bill “reckless.”', 'Tom Reyes'],
      ]);
    });

    it('ends the content at a comma inside the closing mark when a participle follows', () => {
      const body = 'Senator Dora Vance spoke on Monday. Vance called the tax a "disaster," linking to a story about the budget.';
      expect(reported(body)).toEqual([['the tax a "disaster,"', 'Dora Vance']]);
    });

    it('reads a name right before "calling" as its speaker', () => {
      const body =
        'Senator Dora Vance and Governor Tom Reyes spoke on Monday. ' +
        'Both issued statements, with Vance calling the meeting “productive” and Reyes calling it a “great start.”';
      expect(reported(body)).toEqual([
        ['the meeting “productive”', 'Dora Vance'],
        ['it a “great start.”', 'Tom Reyes'],
      ]);
    });

    it('ends the first content at "and" before a named speaker, not at names coordinated into one subject', () => {
      const coordinated =
        'Senator Dora Vance and Governor Tom Reyes spoke on Monday. Vance said both she and Reyes promised to cut the tax.';
      expect(reported(coordinated)).toEqual([['both she and Reyes promised to cut the tax', 'Dora Vance']]);
      const names =
        'Senator Dora Vance and Governor Tom Reyes spoke on Monday. Vance said Senator Ann Carver and Reyes promised to cut the tax.';
      expect(reported(names)).toEqual([['Senator Ann Carver and Reyes promised to cut the tax', 'Dora Vance']]);
    });

    it('reports nothing without a quotation, a known speaker, or a speaker before the verb', () => {
      const body =
        'Senator Dora Vance spoke on Monday. Vance called the behavior a fireable offense. ' +
        'A pundit called the plan “reckless” on Monday. The town, called the “Crossroads of America,” votes early. ' +
        'A group of donors, angry at the tax, called Vance “a walking liability.”';
      expect(reported(body)).toEqual([]);
    });
  });
});
