import { encodeEvent } from '@chronicle/contracts';
import { classifyFailure } from '@chronicle/kafka';
import { retracted, revised, submitted } from '@chronicle/test-support';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisPool, ANALYSIS_THREAD_YOUNG_GENERATION_MB } from '../../apps/enrich/src/analysis/analysis-pool';
import { analyzeBatch, type ArticleLogEntry } from '../../apps/enrich/src/analysis/analyze-batch';

/** The worker entry as the service runs it: compiled by `npm run build`. */
const WORKER_FILE = join(resolve(__dirname, '../..'), 'dist/apps/enrich/src/analysis/analysis-worker.js');
const ANALYZED_AT = '2026-01-01T09:00:00.000Z';
const PARAGRAPHS = readFileSync(join(__dirname, '../fixtures/istanbul-talks.txt'), 'utf8')
  .split(/\n\s*\n/)
  .filter((p) => p.trim().length > 0);

function withBody(entry: ArticleLogEntry, body: string): ArticleLogEntry {
  return { ...entry, event: { ...entry.event, data: { ...entry.event.data, body } } } as ArticleLogEntry;
}

/** Articles of one to three paragraphs of the seed article, a revision and a retraction among them. */
function batchOfArticles(count: number): ArticleLogEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const offset = String(100 + i);
    const body = PARAGRAPHS.slice(i % PARAGRAPHS.length, (i % PARAGRAPHS.length) + 1 + (i % 3)).join('\n\n');
    if (i === 3) return retracted(offset, `a${i - 1}`);
    return withBody(i === 5 ? revised(offset, `a${i}`) : submitted(offset, `a${i}`), body);
  });
}

describe('AnalysisPool on worker threads', () => {
  let pool: AnalysisPool;

  beforeAll(async () => {
    if (!existsSync(WORKER_FILE)) throw new Error(`${WORKER_FILE} is missing: run npm run build first`);
    // With the sentiment encoder stage, as the service runs by default: each thread loads its own session.
    pool = new AnalysisPool(2, true, WORKER_FILE);
    // As Nest does before the consumer starts: the threads load the extractor and the encoder.
    await pool.onApplicationBootstrap();
  });
  afterAll(() => pool.onApplicationShutdown());

  describe('when a batch is cut into one slice per thread', () => {
    it('gives the same analyses as the extractor inline, in the batch order', async () => {
      const entries = batchOfArticles(11);

      const analyses = await pool.analyze(entries, ANALYZED_AT);

      expect(analyses.map((a) => a.data.sourceOffset)).toEqual(
        entries.filter((e) => e.event.type !== 'ArticleRetracted').map((e) => e.offset),
      );
      expect(analyses).toEqual(await analyzeBatch({ entries, analyzedAt: ANALYZED_AT, sentimentEncoder: true }));
      expect(analyses[0]!.data.analysis.analyzerVersion).toMatch(/\+e5-small-v2-q$/);
    });

    it('analyses a batch of one article and a batch with nothing to analyse', async () => {
      const [one] = batchOfArticles(1);

      expect((await pool.analyze([one!], ANALYZED_AT)).map((a) => a.data.articleId)).toEqual(['a0']);
      expect(await pool.analyze([retracted('9', 'a9')], ANALYZED_AT)).toEqual([]);
    });
  });

  describe('when an analysis would be over the message limit', () => {
    it('cuts it to the limit on the thread, as inline', async () => {
      const [first, second] = batchOfArticles(2);
      const flood = withBody(second!, 'Kiro\n'.repeat(5_000));
      const limit = 30_000;

      const analyses = await pool.analyze([first!, flood], ANALYZED_AT, limit);

      expect(analyses.map((a) => encodeEvent(a).length <= limit)).toEqual([true, true]);
      expect(analyses[1]!.data.analysis.actors[0]!.mentionCount).toBe(5_000);
      expect(analyses).toEqual(
        await analyzeBatch({ entries: [first!, flood], analyzedAt: ANALYZED_AT, maxEventBytes: limit, sentimentEncoder: true }),
      );
    });
  });

  it('gives each thread the larger young generation the extractor runs cheaper with', async () => {
    await pool.analyze(batchOfArticles(2), ANALYZED_AT);

    expect(pool.threadYoungGenerationsMb()).toEqual([ANALYSIS_THREAD_YOUNG_GENERATION_MB, ANALYSIS_THREAD_YOUNG_GENERATION_MB]);
    expect(ANALYSIS_THREAD_YOUNG_GENERATION_MB).toBeGreaterThan(48);
  });

  describe('when an article makes the extractor throw on a thread', () => {
    it('rejects with the thrown error, which the batch server treats as poison to isolate and dead-letter', async () => {
      const [good, , bad] = batchOfArticles(3);
      const broken = {
        ...bad!,
        event: { ...bad!.event, data: { ...bad!.event.data, body: null } },
      } as unknown as ArticleLogEntry;

      const before = pool.tasksCompleted();
      const failure = await pool.analyze([good!, broken], ANALYZED_AT).then(
        () => undefined,
        (error: unknown) => error,
      );

      expect(failure).toBeInstanceOf(TypeError);
      // Both slices had finished when the batch failed: no thread is still working on it while the consumer retries
      // the batch or shutdown terminates the threads.
      expect(pool.tasksCompleted() - before).toBe(2);
      expect(classifyFailure(failure).kind).toBe('poison');
      // The pool stays usable for the next batch.
      expect(await pool.analyze([good!], ANALYZED_AT)).toHaveLength(1);
    });
  });
});
