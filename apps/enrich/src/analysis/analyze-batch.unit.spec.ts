import { ARTICLE_ANALYZED, deterministicId } from '@chronicle/contracts';
import { ANALYZER_VERSION } from '@chronicle/nlp';
import { retracted, revised, submitted } from '@chronicle/test-support';
import { describe, expect, it } from 'vitest';
import { analyzeBatch } from './analyze-batch';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function withBody<E extends ReturnType<typeof submitted>>(entry: E, body: string): E {
  return { ...entry, event: { ...entry.event, data: { ...entry.event.data, body } } } as E;
}

describe(analyzeBatch.name, () => {
  describe('when a batch holds submissions, a revision and a retraction', () => {
    it('analyses the submissions and the revision in log order, each with its offset, and skips the retraction', async () => {
      const body = '"We will not accept it," said Maria Lindqvist, the foreign minister.';
      const entries = [
        withBody(submitted('4', 'a1'), body),
        retracted('5', 'a0'),
        withBody(revised('6', 'a2'), body),
        withBody(submitted('7', 'a3'), body),
      ];

      const analyses = await analyzeBatch({ entries, analyzedAt: '2026-01-01T09:00:00.000Z', sentimentEncoder: false });

      expect(analyses.map((e) => [e.type, e.data.articleId, e.data.sourceOffset, e.data.sourceEventId])).toEqual([
        [ARTICLE_ANALYZED, 'a1', '4', 's4'],
        [ARTICLE_ANALYZED, 'a2', '6', 'r6'],
        [ARTICLE_ANALYZED, 'a3', '7', 's7'],
      ]);
      expect(analyses[1]!.id).toBe(deterministicId('article-analyzed', 'r6', ANALYZER_VERSION));
      expect(analyses.every((e) => e.data.analyzedAt === '2026-01-01T09:00:00.000Z')).toBe(true);
    });
  });

  describe('when an article logged before ingest sanitised text holds a lone surrogate', () => {
    it('analyses the sanitised text, so no statement carries the broken code unit on', async () => {
      const entry = withBody(submitted('1', 'a1'), '"We will not \uD800accept it," said Maria Lindqvist, the foreign minister.');

      const [analysis] = await analyzeBatch({
        entries: [entry],
        analyzedAt: '2026-01-01T09:00:00.000Z',
        sentimentEncoder: false,
      });

      expect(analysis!.data.analysis.statements.length).toBeGreaterThan(0);
      for (const statement of analysis!.data.analysis.statements) expect(statement.text).not.toMatch(LONE_SURROGATE);
    });
  });
});
