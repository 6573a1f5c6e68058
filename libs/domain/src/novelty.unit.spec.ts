import { describe, expect, it } from 'vitest';
import { assignStatementClusters, NoveltyStatement, shingleSimilarity, statementShingles } from './novelty';

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
  });
});

describe(assignStatementClusters.name, () => {
  const now = '2026-02-01T00:00:00.000Z';
  const run = (
    statements: NoveltyStatement[],
    known = [] as Parameters<typeof assignStatementClusters>[0]['known'],
    placed = new Map(),
  ) => assignStatementClusters({ statements, known, placed, threshold: 0.7, now });

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
});
