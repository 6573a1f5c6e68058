import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../article-analyzer';
import type { ArticleAnalysis } from '../analysis.types';
import { statementsBeforeProposals } from '../article-analyzer';
import { acceptWithObjects } from './cue-proposal-classifier';
import { cueProposals, type CueProposal } from './cue-proposals';
import cueModel from './model/cue-proposals.model.json';
import { tokensInside } from './statement-draft';

const reported = (a: ArticleAnalysis): Array<[string, string | undefined]> =>
  a.statements.filter((s) => s.kind === 'indirect').map((s) => [s.text, s.speaker?.name]);

const analyze = (body: string): ArticleAnalysis => analyzeArticle({ id: 't', body });

/** What the proposals offer the classifier, whatever it then keeps: the content and speaker of each. */
const offered = (body: string): Array<[string, string | undefined]> => {
  const { ctx, drafts } = statementsBeforeProposals(body);
  const shares = new Map(Object.entries(cueModel.cueShares));
  return cueProposals(ctx, tokensInside(ctx.doc.tokens, drafts), shares).map((p) => [
    p.draft.text,
    p.draft.speaker === null ? undefined : ctx.actors[p.draft.speaker]!.name,
  ]);
};

describe(analyzeArticle.name, () => {
  describe('when a learned cue word is followed by a bare clause the rules leave out', () => {
    it('reports the clause with the subject of the cue as speaker', () => {
      const a = analyze('Senator Dana Kiro visited the plant on Monday. Kiro believes the plant will close next year.');
      expect(reported(a)).toEqual([['the plant will close next year', 'Dana Kiro']]);
    });
  });

  describe('when a learned cue word takes an object rather than a clause', () => {
    it('reports nothing', () => {
      const a = analyze('Senator Dana Kiro visited the plant on Monday. Kiro praised the new owners for the plan.');
      expect(reported(a)).toEqual([]);
    });
  });

  describe('when the subject is the campaign of a named person', () => {
    it('gives the statement to that person', () => {
      const a = analyze("Senator Dana Kiro lost the vote on Monday. Dana Kiro's campaign says it will appeal the ruling.");
      expect(reported(a)).toEqual([['it will appeal the ruling', 'Dana Kiro']]);
    });
  });

  describe('when a relative "who" opens the attribution', () => {
    const a = analyze('The plan was backed by Senator Dana Kiro, who said the plant will stay open until spring.');

    it('gives the statement to the name before it', () => {
      expect(reported(a)).toEqual([['the plant will stay open until spring', 'Dana Kiro']]);
    });

    it('records "who" as a mention of the speaker', () => {
      expect(a.actors[0]!.mentions.map((m) => m.text)).toContain('who');
    });
  });

  describe('when the cue shares the subject of an earlier verb in a subordinate clause', () => {
    // Whether it is kept is the classifier's call, learned on PolNeAR train (since the 1.17.0 retrain it is not).
    it('offers only the clause of the cue, for that subject', () => {
      const body = 'The crowd cheered when Senator Dana Kiro thanked the workers and said the plant would stay open.';
      expect(offered(body)).toEqual([['the plant would stay open', 'Dana Kiro']]);
    });
  });

  describe('when a speech act names an act in an infinitive', () => {
    const visit = 'Senator Dana Kiro spoke in Denver on Monday. ';

    it('reports the act, as for "vowed to"', () => {
      expect(reported(analyze(`${visit}Kiro pledged to oppose the new tax on fuel.`))).toEqual([
        ['oppose the new tax on fuel', 'Dana Kiro'],
      ]);
      // "urged" reports its audience with the act since the rules read it (1.21.0), as PolNeAR's contents mostly do.
      expect(reported(analyze(`${visit}Kiro urged Congress to pass the bill this year.`))).toEqual([
        ['Congress to pass the bill this year', 'Dana Kiro'],
      ]);
    });

    it('reports nothing for a verb that is no speech act', () => {
      expect(reported(analyze(`${visit}Kiro declined to comment on the new tax on fuel.`))).toEqual([]);
    });
  });

  describe('when a document speaks for the organisation named in it', () => {
    it('offers the statement for the organisation, before or after the document noun', () => {
      const race = 'Senator Dana Kiro faces Tom Reyes in the race. ';
      expect(offered(`${race}A new Gallup poll shows Kiro is ahead by six points.`)).toEqual([
        ['Kiro is ahead by six points', 'Gallup'],
      ]);
      expect(offered(`${race}A report by Gallup found Kiro is ahead by six points.`)).toEqual([
        ['Kiro is ahead by six points', 'Gallup'],
      ]);
    });

    it('keeps the one the classifier scores high enough', () => {
      const race = 'Senator Dana Kiro faces Tom Reyes in the race. ';
      expect(reported(analyze(`${race}A report by Gallup found Kiro is ahead by six points.`))).toEqual([
        ['Kiro is ahead by six points', 'Gallup'],
      ]);
    });

    it('reports nothing when the document names nobody', () => {
      expect(reported(analyze('Senator Dana Kiro faces Tom Reyes. A new report shows Kiro is ahead by six points.'))).toEqual([]);
    });
  });

  describe('when "however" stands between the subject and the cue', () => {
    it('still finds the subject (whatever the classifier then keeps)', () => {
      const body = 'Senator Dana Kiro visited the plant. Kiro however said the plant would stay open until spring.';
      expect(offered(body)).toEqual([['the plant would stay open until spring', 'Dana Kiro']]);
    });
  });
});

describe('analyzeArticle stances', () => {
  const stances = (a: ArticleAnalysis): Array<[string, string, string | undefined]> =>
    a.stances.map((s) => [s.cue, s.text, s.speaker?.name]);
  const visit = 'Senator Dana Kiro visited the plant on Monday. ';

  describe('when a learned cue word takes a plain object', () => {
    const analysis = analyze(`${visit}Kiro criticized the decision to close the plant next year.`);

    it('reports the object as a stance of the subject, with its cue', () => {
      expect(stances(analysis)).toEqual([['criticized', 'the decision to close the plant next year', 'Dana Kiro']]);
      const [stance] = analysis.stances;
      expect(analysis.statements).toEqual([]);
      expect(stance?.cueSpan).toEqual({ start: visit.length + 5, end: visit.length + 15 });
    });

    it('reads its sentiment over the cue and the object together', () => {
      const praised = analyze(`${visit}Kiro praised the decision to keep the plant open next year.`);
      expect(praised.stances[0]?.sentiment.label).toBe('positive');
      expect(praised.stances[0]?.sentiment.score).toBeGreaterThan(analysis.stances[0]!.sentiment.score);
    });
  });

  describe("when a description is the stance's subject", () => {
    it('records the whole description as a mention of the speaker, as a statement subject is', () => {
      const body =
        'Ted Cruz spoke in Iowa on Monday. The Republican presidential candidate criticized the decision to close the plant next year.';
      const analysis = analyze(body);
      const mention = analysis.stances[0]?.speaker?.mention;
      expect(mention && body.slice(mention.start, mention.end)).toBe('The Republican presidential candidate');
      expect(analysis.actors.find((a) => a.name === 'Ted Cruz')?.mentions.map((m) => m.text)).toContain(
        'The Republican presidential candidate',
      );
    });
  });

  describe('when a comma follows the cue', () => {
    it('starts the stance after the comma', () => {
      const body = `${visit}"Only you, Tom," Kiro wrote, would use the occasion to praise the country.`;
      const [stance] = analyze(body).stances;
      expect(stance?.text).toBe('would use the occasion to praise the country');
      expect(stance && body.slice(stance.start, stance.end)).toBe(stance?.text);
    });

    it('reports no adverbial opened by a preposition as a stance', () => {
      expect(analyze(`${visit}"We will see," Kiro stated, with her aide Tom Reyes leading the team.`).stances).toEqual([]);
    });
  });

  describe('when a learned cue word takes a clause', () => {
    it('reports a statement and no stance', () => {
      const analysis = analyze(`${visit}Kiro believes the plant will close next year.`);
      expect(reported(analysis)).toEqual([['the plant will close next year', 'Dana Kiro']]);
      expect(analysis.stances).toEqual([]);
    });
  });

  describe('when the subject names no actor', () => {
    it('reports no stance', () => {
      expect(analyze('The committee criticized the decision to close the plant next year.').stances).toEqual([]);
    });
  });

  describe('when the object is a demonstrative time phrase or pronoun', () => {
    it('reports no time phrase and no pronoun as a stance', () => {
      const body =
        'The ministry filed the lawsuit Maria Lindqvist announced that same day, as reported earlier.\n' +
        'Senator Tom Okafor proposed just that in 2013.';
      expect(stances(analyze(body)).filter(([, text]) => /same day|in 2013/.test(text))).toEqual([]);
    });
  });
});

describe(acceptWithObjects.name, () => {
  const proposal = (cue: number, first: number, last: number, form: CueProposal['form'] = 'clause'): CueProposal => ({
    draft: { kind: 'indirect', start: first, end: last, text: '', speaker: 0 },
    form,
    word: 'said',
    cue,
    first,
    last,
    features: [],
  });
  const keepAll = () => true;

  describe('when two kept proposals overlap', () => {
    it('keeps the earlier one only', () => {
      const earlier = proposal(0, 1, 9);
      const inside = proposal(4, 5, 9);
      const after = proposal(10, 11, 14);
      expect(acceptWithObjects([earlier, inside, after], keepAll, keepAll).others).toEqual([earlier, after]);
    });
  });

  describe('when the classifier drops a proposal', () => {
    it('lets a later proposal inside it through', () => {
      const dropped = proposal(0, 1, 9);
      const inside = proposal(4, 5, 9);
      expect(acceptWithObjects([dropped, inside], (p) => p !== dropped, keepAll).others).toEqual([inside]);
    });
  });

  describe('when a plain object overlaps a kept statement', () => {
    it('keeps the statement and only the objects clear of it, apart', () => {
      const statement = proposal(0, 1, 9);
      const overlapping = proposal(5, 6, 12, 'object');
      const clear = proposal(13, 14, 18, 'object');
      expect(acceptWithObjects([statement, overlapping, clear], keepAll, keepAll)).toEqual({
        others: [statement],
        objects: [clear],
      });
    });
  });
});
