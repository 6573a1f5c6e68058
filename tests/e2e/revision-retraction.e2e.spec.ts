import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readModelDifferences, referenceReadModels } from '../support/reference-read-models';
import { kafkaBrokers, waitFor } from '../support/test-environment';
import { projectorCaughtUp, readProjectLog } from '../support/topic-log';
import { ChronicleStack, createStack } from './support/chronicle-stack';
import { aggregateDrift, readModelChecksums } from './support/read-model-checksum';
import { revisedSyntheticArticle, syntheticArticle } from './support/synthetic-articles';

const BASE = Array.from({ length: 40 }, (_, i) => syntheticArticle(i));
const REVISED = [3, 11, 20].map((i) => revisedSyntheticArticle(i));
const RETRACTED = [5, 12, 33].map((i) => BASE[i]!.id);

async function send(stack: ChronicleStack, method: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${stack.cluster.url('ingest')}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
}

const contributing = async (stack: ChronicleStack) =>
  (await stack.query<{ n: number }>('SELECT count(*)::int AS n FROM articles WHERE analysis_offset IS NOT NULL'))[0]!.n;

describe('revisions and retractions', () => {
  let edited: ChronicleStack;
  let clean: ChronicleStack;

  beforeAll(async () => {
    [edited, clean] = await Promise.all([createStack('revision-edited'), createStack('revision-clean')]);
    for (const stack of [edited, clean]) {
      await Promise.all((['ingest', 'enrich', 'project'] as const).map((s) => stack.cluster.start(s)));
    }
  });

  afterAll(async () => {
    await Promise.all([edited?.teardown(), clean?.teardown()]);
  });

  describe('when articles are revised and retracted after they were projected', () => {
    beforeAll(async () => {
      await send(edited, 'POST', '/v1/articles', BASE);
      await waitFor(async () => (await contributing(edited)) === BASE.length, { timeoutMs: 60_000 });
      for (const { id, ...revision } of REVISED) await send(edited, 'PUT', `/v1/articles/${id}`, revision);
      for (const id of RETRACTED) await send(edited, 'DELETE', `/v1/articles/${id}`, { reason: 'corrected by the outlet' });
      // The log that never had the old versions: the final version of each surviving article, posted once.
      const final = BASE.filter((a) => !RETRACTED.includes(a.id)).map((a) => REVISED.find((r) => r.id === a.id) ?? a);
      await send(clean, 'POST', '/v1/articles', final);
      // Caught up: both topics read to their end (whatever each event did), then the assertions judge.
      const caughtUp = (stack: ChronicleStack, analyses: number) =>
        waitFor(
          () => projectorCaughtUp((sql, params) => stack.query(sql, params), kafkaBrokers(), stack.topicPrefix, { analyses }),
          {
            timeoutMs: 60_000,
            description: `${stack.topicPrefix} projected to the end of its topics`,
          },
        );
      await caughtUp(edited, BASE.length + REVISED.length);
      await caughtUp(clean, final.length);
    });

    it('leaves counts, sentiment buckets, statements and outlets equal to a log that never had the old versions', async () => {
      const { articles: _a, ...afterEdits } = await readModelChecksums((sql) => edited.query(sql));
      const { articles: _b, ...neverHad } = await readModelChecksums((sql) => clean.query(sql));
      expect(afterEdits.actor_sentiment.rows).toBeGreaterThan(0);
      expect(afterEdits).toEqual(neverHad);
    });

    it('holds exactly what an independent fold of each log computes, checked both ways', async () => {
      for (const stack of [edited, clean]) {
        const reference = referenceReadModels(await readProjectLog(kafkaBrokers(), stack.topicPrefix));
        expect(await readModelDifferences((sql, params) => stack.query(sql, params), reference), stack.topicPrefix).toEqual({});
      }
    });

    it('keeps the retracted articles, marked retracted, with nothing attributed to them', async () => {
      const rows = await edited.query<{ id: string; status: string; mentions: number; statements: number }>(
        `SELECT a.id, a.status, (SELECT count(*)::int FROM mentions m WHERE m.article_id = a.id) AS mentions,
                (SELECT count(*)::int FROM statements s WHERE s.article_id = a.id) AS statements
         FROM articles a WHERE a.id = ANY($1) ORDER BY a.id`,
        [RETRACTED],
      );
      expect(rows).toEqual([...RETRACTED].sort().map((id) => ({ id, status: 'retracted', mentions: 0, statements: 0 })));
    });

    it('shows the new title of a revised article and keeps every aggregate equal to a recount', async () => {
      const [article] = await edited.query<{ title: string; status: string }>(
        'SELECT title, status FROM articles WHERE id = $1',
        [REVISED[0]!.id],
      );
      expect(article).toEqual({ title: REVISED[0]!.title, status: 'revised' });
      expect(await aggregateDrift((sql) => edited.query(sql))).toEqual([]);
    });
  });
});
