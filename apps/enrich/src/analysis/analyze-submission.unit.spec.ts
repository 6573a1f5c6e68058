import { ArticleSubmittedEvent, deterministicId, encodeEvent } from '@chronicle/contracts';
import { analyzeArticle, ANALYZER_VERSION } from '@chronicle/nlp';
import { describe, expect, it } from 'vitest';
import { analyzeSubmission } from './analyze-submission';

const submitted: ArticleSubmittedEvent = {
  id: 'submitted-1',
  type: 'ArticleSubmitted',
  version: 1,
  occurredAt: '2026-01-01T00:00:00.000Z',
  metadata: { correlationId: 'request-7', causationId: null },
  data: {
    articleId: 'a1',
    url: 'https://news.example/a1',
    outlet: 'Wire One',
    title: 'Talks resume',
    body: '"We will not accept it," said Maria Lindqvist, the foreign minister.',
    publishedAt: '2026-01-01T08:00:00.000Z',
    language: null,
    receivedAt: '2026-01-01T08:00:05.000Z',
  },
};

/** With the extractor alone: these cases are about the event, not the sentiment encoder stage (tests/nlp has it). */
const analyzed = (event: ArticleSubmittedEvent, analyzedAt: string, offset?: string, maxEventBytes?: number) =>
  analyzeSubmission(event, analyzeArticle, analyzedAt, offset, maxEventBytes);

describe(analyzeSubmission.name, () => {
  describe('when a submission found at an offset is analysed', () => {
    it('describes the article and the analysis of its title and body, caused by the submission and in its correlation', async () => {
      const event = await analyzed(submitted, '2026-01-01T09:00:00.000Z', '12');
      expect(event).toMatchObject({
        id: deterministicId('article-analyzed', 'submitted-1', ANALYZER_VERSION),
        type: 'ArticleAnalyzed',
        occurredAt: '2026-01-01T09:00:00.000Z',
        metadata: { correlationId: 'request-7', causationId: 'submitted-1' },
        data: {
          articleId: 'a1',
          sourceEventId: 'submitted-1',
          sourceOffset: '12',
          url: 'https://news.example/a1',
          outlet: 'Wire One',
          title: 'Talks resume',
          publishedAt: '2026-01-01T08:00:00.000Z',
          receivedAt: '2026-01-01T08:00:05.000Z',
          analyzedAt: '2026-01-01T09:00:00.000Z',
        },
      });
      expect(event.data.analysis).toEqual(analyzeArticle({ id: 'a1', title: 'Talks resume', body: submitted.data.body }));
    });
  });

  describe('when the analyzer names another version', () => {
    it('gives the event an id of that version, so analyses with and without the encoder never share one', async () => {
      const encoded = await analyzeSubmission(
        submitted,
        (input) => ({ ...analyzeArticle(input), analyzerVersion: `${ANALYZER_VERSION}+encoder` }),
        '2026-01-01T09:00:00.000Z',
      );
      expect(encoded.id).toBe(deterministicId('article-analyzed', 'submitted-1', `${ANALYZER_VERSION}+encoder`));
      expect(encoded.id).not.toBe((await analyzed(submitted, '2026-01-01T09:00:00.000Z')).id);
    });
  });

  describe('when the offset is not known', () => {
    it('carries no sourceOffset', async () => {
      expect((await analyzed(submitted, '2026-01-01T09:00:00.000Z')).data).not.toHaveProperty('sourceOffset');
    });
  });

  describe('when the same submission is analysed again, later', () => {
    it('gives an event with the same id (so a re-run is recognised as the same analysis)', async () => {
      expect((await analyzed(submitted, '2026-01-02T00:00:00.000Z')).id).toBe(
        (await analyzed(submitted, '2026-01-01T09:00:00.000Z')).id,
      );
    });
  });

  describe('when the analysis would take more than the message limit', () => {
    const flood = { ...submitted, data: { ...submitted.data, body: 'Maria Lindqvist\n'.repeat(3_000) } };
    const full = analyzeArticle({ id: 'a1', title: 'Talks resume', body: flood.data.body });

    it('cuts it to fit, keeping the mention count and saying what it left out', async () => {
      const limit = 40_000;
      expect(encodeEvent(await analyzed(flood, '2026-01-01T09:00:00.000Z')).length).toBeGreaterThan(limit);
      const event = await analyzed(flood, '2026-01-01T09:00:00.000Z', '12', limit);
      expect(encodeEvent(event).length).toBeLessThanOrEqual(limit);
      const [actor] = event.data.analysis.actors;
      expect(actor!.mentionCount).toBe(full.actors[0]!.mentions.length);
      expect(event.data.analysis.truncated).toEqual({
        mentions: full.actors[0]!.mentions.length - actor!.mentions.length,
        actors: 0,
        places: 0,
        statements: 0,
        stances: 0,
      });
    });

    it('gives it the same id as the whole analysis', async () => {
      expect((await analyzed(flood, '2026-01-01T09:00:00.000Z', '12', 40_000)).id).toBe(
        (await analyzed(flood, '2026-01-01T09:00:00.000Z', '12')).id,
      );
    });
  });

  describe('when the analysis fits the message limit', () => {
    it('is the whole analysis', async () => {
      const whole = encodeEvent(await analyzed(submitted, '2026-01-01T09:00:00.000Z', '12')).length;
      const event = await analyzed(submitted, '2026-01-01T09:00:00.000Z', '12', whole);
      expect(event.data.analysis).toEqual(analyzeArticle({ id: 'a1', title: 'Talks resume', body: submitted.data.body }));
    });
  });
});
