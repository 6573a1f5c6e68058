import { describe, expect, it } from 'vitest';
import { analyzed, statement } from '@chronicle/test-support';
import {
  assignStatementClusters,
  MAX_CLUSTER_SHINGLES,
  noveltyStatementsOf,
  NoveltyStatement,
  shingleSimilarity,
  statementShingles,
} from './novelty';
import { statementIdentity } from './statement-identity';

/** NOVELTY_SIMILARITY_THRESHOLD's default (libs/config), the threshold the alert service runs with. */
const DEFAULT_THRESHOLD = 0.7;
const FULL = 'Ukraine must get the air defence it needs before winter, and Congress will pay for every battery.';
const similarity = (a: string, b: string): number => shingleSimilarity(statementShingles(a), statementShingles(b));

const said = (statementId: string, text: string, outlet = 'Wire One', actorId = 'person:marco-rubio'): NoveltyStatement => ({
  statementId,
  actorId,
  text,
  articleId: `article-${statementId}`,
  articleUrl: null,
  outlet,
  saidAt: '2026-01-01T00:00:00.000Z',
});

describe(statementShingles.name, () => {
  describe('when a statement has no letters or digits', () => {
    it('has no shingles', () => {
      expect(statementShingles('')).toEqual([]);
      expect(statementShingles(' — !? ')).toEqual([]);
    });
  });
  describe('when a statement has three words or more', () => {
    it('has one shingle per run of three consecutive words, the last run included', () => {
      expect(statementShingles('We will win')).toHaveLength(1);
      expect(statementShingles('We will win this war')).toHaveLength(3);
      expect(statementShingles('We will win this war')).toEqual(expect.arrayContaining(statementShingles('win this war')));
    });
  });
  describe('when the same words are grouped differently', () => {
    it('gives other shingles (words are not run together)', () => {
      expect(statementShingles('the rapist')).not.toEqual(statementShingles('therapist'));
    });
  });
  describe('when the shingles are compared with those stored by an earlier release', () => {
    // Stored novelty clusters keep these hashes: changing the hash silently makes every stored
    // cluster unreachable, so every old quote would be news again.
    it('hashes each run of words with 32-bit FNV-1a as a signed int', () => {
      expect(statementShingles('We will win!')).toEqual([-1614928871]);
      expect(statementShingles('never again')).toEqual([-1164212047]);
      expect(statementShingles('We will win this')).toEqual([-1614928871, -654812119]);
    });
  });
});

describe(shingleSimilarity.name, () => {
  describe('when another outlet re-publishes the quote with other punctuation and quote marks', () => {
    it('scores 1', () => {
      expect(
        similarity(FULL, `“ukraine MUST get the air-defence it needs before winter — and Congress will pay for every battery”`),
      ).toBe(1);
    });
  });
  describe('when the quote is trimmed or embedded in a longer quote', () => {
    it('scores 1 both ways', () => {
      const trimmed = 'Ukraine must get the air defence it needs before winter';
      expect(similarity(trimmed, FULL)).toBe(1);
      expect(similarity(FULL, trimmed)).toBe(1);
      expect(similarity(`I say it again: ${FULL} No excuses.`, FULL)).toBe(1);
    });
  });
  describe('when one word is changed', () => {
    it('stays high', () => {
      expect(similarity(FULL, FULL.replace('every', 'each'))).toBeGreaterThan(0.8);
    });
  });
  describe('when the same speaker says something else on the same topic', () => {
    it('scores low', () => {
      expect(
        similarity(FULL, 'We will tighten sanctions on Russian oil exports next month, and Ukraine will get more help.'),
      ).toBeLessThan(0.2);
    });
  });
  describe('when texts are very short', () => {
    it('needs near-identical words rather than containment', () => {
      expect(similarity('No.', 'No, we will not leave Ukraine.')).toBe(0);
      expect(similarity('Never again!', 'never again')).toBe(1);
    });
    it('scores the overlap of both (Jaccard) when the shorter has fewer than three shingles', () => {
      // 'We will win' is one shingle of the longer text's three: containment would say 1.
      expect(similarity('We will win', 'We will win this war')).toBe(1 / 3);
      expect(similarity('We will win this', 'We will win this war')).toBe(2 / 3);
    });
    it('uses containment again from three shingles on', () => {
      expect(similarity('We will win this war', 'We will win this war, he said')).toBe(1);
    });
  });
  describe('when either text has no words', () => {
    it('scores 0, also when both have none', () => {
      expect(similarity('', FULL)).toBe(0);
      expect(similarity(FULL, '...')).toBe(0);
      expect(shingleSimilarity([], [])).toBe(0);
    });
  });
});

describe(assignStatementClusters.name, () => {
  const now = '2026-02-01T00:00:00.000Z';
  const run = (
    statements: NoveltyStatement[],
    known = [] as Parameters<typeof assignStatementClusters>[0]['known'],
    placed = new Map(),
  ) => assignStatementClusters({ statements, known, placed, threshold: DEFAULT_THRESHOLD, now });

  describe('given no earlier statements, when a quote arrives', () => {
    it('opens a new cluster for it', () => {
      const changes = run([said('s1', FULL)]);
      expect(changes.opened).toHaveLength(1);
      expect(changes.assignments).toEqual([expect.objectContaining({ statementId: 's1', opened: true, openedAt: now })]);
    });
  });

  describe('given a stored cluster, when a second outlet carries a trimmed version', () => {
    it('joins that cluster and opens nothing', () => {
      const first = run([said('s1', FULL)]).opened[0]!;
      const changes = run(
        [said('s2', 'Ukraine must get the air defence it needs before winter', 'Daily Two')],
        [{ id: first.id, actorId: first.actorId, shingles: first.shingles, openedAt: '2026-01-01T00:00:00.000Z' }],
      );
      expect(changes.opened).toEqual([]);
      expect(changes.assignments).toEqual([
        { statementId: 's2', clusterId: first.id, openedAt: '2026-01-01T00:00:00.000Z', similarity: 1, opened: false },
      ]);
    });
  });

  describe('when a statement comes with its shingles computed already', () => {
    it('is placed by those shingles, and a cluster it opens keeps them', () => {
      const first = run([said('s1', FULL)]).opened[0]!;
      const known = [{ id: first.id, actorId: first.actorId, shingles: first.shingles, openedAt: now }];
      const harbour = 'Something entirely different is planned for the harbour.';

      const joined = run([{ ...said('s2', harbour), shingles: statementShingles(FULL) }], known);
      const opened = run([{ ...said('s3', FULL), shingles: statementShingles(harbour) }], known);

      expect(joined.assignments).toEqual([expect.objectContaining({ statementId: 's2', clusterId: first.id })]);
      expect(opened.opened.map((c) => c.shingles)).toEqual([statementShingles(harbour)]);
    });
  });

  describe('given a cluster of another actor, when the same words arrive', () => {
    it('opens a cluster of its own (novelty is per actor)', () => {
      const first = run([said('s1', FULL)]).opened[0]!;
      const changes = run(
        [said('s2', FULL, 'Wire One', 'person:someone-else')],
        [{ id: first.id, actorId: first.actorId, shingles: first.shingles, openedAt: now }],
      );
      expect(changes.opened).toHaveLength(1);
    });
  });

  describe('when near-duplicates arrive in one batch', () => {
    it('opens one cluster and places the rest in it', () => {
      const changes = run([
        said('s1', FULL),
        said('s2', FULL.toUpperCase(), 'Daily Two'),
        said('s3', 'Something entirely different is planned for the harbour.'),
      ]);
      expect(changes.opened.map((c) => c.first.statementId)).toEqual(['s1', 's3']);
      expect(changes.assignments.find((a) => a.statementId === 's2')).toMatchObject({
        clusterId: changes.opened[0]!.id,
        opened: false,
      });
    });
  });

  describe('when a statement is replayed', () => {
    it('keeps its stored cluster and changes nothing', () => {
      const first = run([said('s1', FULL)]);
      const replay = run([said('s1', FULL)], [], new Map([['s1', { clusterId: first.opened[0]!.id, openedAt: now }]]));
      expect(replay).toEqual({ assignments: [], opened: [], grown: [] });
    });
  });

  describe('when the same input is assigned twice', () => {
    it('gives identical clusters (deterministic ids)', () => {
      expect(run([said('s1', FULL), said('s2', 'Another thing entirely, about the budget vote.')])).toEqual(
        run([said('s1', FULL), said('s2', 'Another thing entirely, about the budget vote.')]),
      );
    });
  });

  describe('when a member carries words the cluster did not have', () => {
    it('grows the stored cluster so later fragments of the longer quote still join', () => {
      const short = run([said('s1', 'Ukraine must get the air defence it needs before winter')]).opened[0]!;
      const known = [{ id: short.id, actorId: short.actorId, shingles: short.shingles, openedAt: now }];
      const longer = run([said('s2', FULL)], known);
      expect(longer.grown).toHaveLength(1);
      const tail = run(
        [said('s3', 'and Congress will pay for every battery')],
        [{ ...known[0]!, shingles: longer.grown[0]!.shingles }],
      );
      expect(tail.opened).toEqual([]);
    });
  });

  describe('given a stored cluster, with the default threshold', () => {
    // Each newcomer repeats a run of the pledge's words and adds words of its own: the share of
    // its shingles the cluster holds is set by the length of that run.
    const PLEDGE =
      'We will rebuild every bridge that the floods destroyed in the north before the winter, and the state will pay for it.';
    const openedAt = '2026-01-01T00:00:00.000Z';
    const pledge = () => {
      const cluster = run([said('s1', PLEDGE)]).opened[0]!;
      return { id: cluster.id, actorId: cluster.actorId, shingles: cluster.shingles, openedAt };
    };

    describe('when a statement shares just more than the threshold of its shingles with it', () => {
      const text = 'We will rebuild every bridge that the floods destroyed in the north, with federal money alone.';
      it('joins the cluster (10 of 14 shingles: 0.714)', () => {
        expect(similarity(text, PLEDGE)).toBe(10 / 14);
        const cluster = pledge();
        const changes = run([said('s2', text)], [cluster]);
        expect(changes.opened).toEqual([]);
        expect(changes.assignments).toEqual([
          { statementId: 's2', clusterId: cluster.id, openedAt, similarity: 10 / 14, opened: false },
        ]);
      });
      it('opens a cluster of its own when the operator configured a stricter threshold', () => {
        const changes = assignStatementClusters({
          statements: [said('s2', text)],
          placed: new Map(),
          known: [pledge()],
          threshold: 0.75,
          now,
        });
        expect(changes.opened.map((c) => c.first.statementId)).toEqual(['s2']);
      });
    });

    describe('when a statement shares exactly the threshold of its shingles with it', () => {
      const text = 'We will rebuild every bridge that the floods destroyed, with federal money.';
      it('joins the cluster: the threshold is inclusive (7 of 10 shingles: 0.7)', () => {
        expect(similarity(text, PLEDGE)).toBe(DEFAULT_THRESHOLD);
        const cluster = pledge();
        const changes = run([said('s2', text)], [cluster]);
        expect(changes.opened).toEqual([]);
        expect(changes.assignments).toEqual([
          { statementId: 's2', clusterId: cluster.id, openedAt, similarity: DEFAULT_THRESHOLD, opened: false },
        ]);
      });
    });

    describe('when a statement shares just less than the threshold of its shingles with it', () => {
      const text = 'Engineers must inspect each bridge that the floods destroyed in the north before the winter.';
      it('opens a cluster of its own: it is news (9 of 13 shingles: 0.692)', () => {
        expect(similarity(text, PLEDGE)).toBe(9 / 13);
        const changes = run([said('s2', text)], [pledge()]);
        expect(changes.opened.map((c) => c.first.statementId)).toEqual(['s2']);
        expect(changes.assignments).toEqual([expect.objectContaining({ statementId: 's2', opened: true, similarity: 1 })]);
      });
    });
  });

  describe('given two stored clusters the statement is similar to', () => {
    const trimmed = 'Ukraine must get the air defence it needs before winter';
    const cluster = (id: string, openedAt: string, text: string) => ({
      id,
      actorId: 'person:marco-rubio',
      shingles: statementShingles(text),
      openedAt,
    });
    const joined = (known: ReturnType<typeof cluster>[]) => run([said('s9', trimmed)], known).assignments[0]!.clusterId;

    describe('when one holds more of its words', () => {
      it('joins the more similar one, though the other opened earlier', () => {
        const nearly = cluster(
          'c-nearly',
          '2026-01-01T00:00:00.000Z',
          'Ukraine must get the air defence it needs before Christmas',
        );
        const fully = cluster('c-fully', '2026-01-05T00:00:00.000Z', FULL);
        expect(similarity(trimmed, 'Ukraine must get the air defence it needs before Christmas')).toBe(7 / 8);
        expect(joined([nearly, fully])).toBe('c-fully');
        expect(joined([fully, nearly])).toBe('c-fully');
      });
    });

    describe('when both are equally similar', () => {
      it('joins the one opened first, whichever order they are listed in and whatever their ids', () => {
        const later = cluster('c-1', '2026-01-05T00:00:00.000Z', FULL);
        const earlier = cluster('c-2', '2026-01-01T00:00:00.000Z', FULL);
        expect(joined([later, earlier])).toBe('c-2');
        expect(joined([earlier, later])).toBe('c-2');
      });
      it('joins the one with the smaller id when both opened at the same time', () => {
        const b = cluster('c-b', '2026-01-01T00:00:00.000Z', FULL);
        const a = cluster('c-a', '2026-01-01T00:00:00.000Z', FULL);
        expect(joined([b, a])).toBe('c-a');
        expect(joined([a, b])).toBe('c-a');
      });
    });
  });

  describe('given a stored cluster, when a member carries no words the cluster lacks', () => {
    it('leaves the stored cluster as it is', () => {
      const first = run([said('s1', FULL)]).opened[0]!;
      const changes = run(
        [said('s2', FULL.toLowerCase(), 'Daily Two')],
        [{ id: first.id, actorId: first.actorId, shingles: first.shingles, openedAt: now }],
      );
      expect(changes.grown).toEqual([]);
    });
  });

  describe('when a later statement of the same batch extends a cluster the batch opened', () => {
    it('grows that new cluster (nothing stored changes) so a fragment of the longer quote joins it too', () => {
      const changes = run([
        said('s0', 'Something entirely different is planned for the harbour.'),
        said('s1', 'Ukraine must get the air defence it needs before winter'),
        said('s2', FULL),
        said('s3', 'and Congress will pay for every battery'),
      ]);
      const [harbour, defence] = changes.opened;
      expect(changes.opened).toHaveLength(2);
      expect(defence!.shingles).toEqual(statementShingles(FULL));
      expect(harbour!.shingles).toEqual(statementShingles('Something entirely different is planned for the harbour.'));
      expect(changes.grown).toEqual([]);
      expect(changes.assignments.map((a) => [a.statementId, a.clusterId, a.opened])).toEqual([
        ['s0', harbour!.id, true],
        ['s1', defence!.id, true],
        ['s2', defence!.id, false],
        ['s3', defence!.id, false],
      ]);
    });
  });

  describe('when members keep adding words to a cluster', () => {
    it(`remembers at most ${MAX_CLUSTER_SHINGLES} shingles`, () => {
      const words = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`).join(' ');
      const long = words('w', MAX_CLUSTER_SHINGLES + 1);
      const stored = { id: 'c-long', actorId: 'person:marco-rubio', shingles: statementShingles(long), openedAt: now };
      expect(stored.shingles).toHaveLength(MAX_CLUSTER_SHINGLES - 1);
      const changes = run([said('s2', `${long} ${words('x', 10)}`)], [stored]);
      expect(changes.assignments[0]).toMatchObject({ clusterId: 'c-long', opened: false });
      expect(changes.grown.map((g) => g.shingles.length)).toEqual([MAX_CLUSTER_SHINGLES]);
    });
  });
});

describe(noveltyStatementsOf.name, () => {
  const rubio = { actorId: 'person:marco-rubio', name: 'Marco Rubio' };

  describe('when an article has statements with and without a speaker', () => {
    it('decides novelty for those with a speaker, stamped with the article', () => {
      const article = analyzed('e1', 'a1', {
        statements: [statement('Nobody knows who said this', null, 0), statement('We will win', rubio, 40)],
        outlet: 'Wire One',
        publishedAt: '2026-01-03T09:00:00.000Z',
      }).data;
      const { id } = statementIdentity('a1', article.analysis.statements[1]!);
      expect(noveltyStatementsOf([article])).toEqual([
        {
          statementId: id,
          actorId: rubio.actorId,
          text: 'We will win',
          articleId: 'a1',
          articleUrl: 'https://news.example/a1',
          outlet: 'Wire One',
          saidAt: '2026-01-03T09:00:00.000Z',
        },
      ]);
    });
  });

  describe('when the article gives no publication time', () => {
    it('dates the statement by when it was received', () => {
      const article = { ...analyzed('e1', 'a1', { statements: [statement('We will win', rubio)] }).data, publishedAt: null };
      expect(noveltyStatementsOf([article]).map((s) => s.saidAt)).toEqual([article.receivedAt]);
    });
  });

  describe('when a batch holds an article and its re-analysis', () => {
    it('takes each statement once, in log order', () => {
      const first = analyzed('e1', 'a1', {
        statements: [statement('We will win', rubio, 0), statement('Not now', rubio, 20)],
      }).data;
      const again = analyzed('e2', 'a1', { statements: [statement('We will win', rubio, 0)] }).data;
      const other = analyzed('e3', 'a2', { statements: [statement('Later words', rubio, 0)] }).data;
      expect(noveltyStatementsOf([first, again, other]).map((s) => [s.articleId, s.text])).toEqual([
        ['a1', 'We will win'],
        ['a1', 'Not now'],
        ['a2', 'Later words'],
      ]);
    });
  });
});
