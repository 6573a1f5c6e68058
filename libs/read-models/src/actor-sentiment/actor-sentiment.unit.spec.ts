import { FIRST_ARTICLE, projectionSpec, READ_MODEL_SCENARIOS, SECOND_ARTICLE } from '@chronicle/test-support';
import { describe, it } from 'vitest';
import { actorSentimentSlice } from './actor-sentiment.slice';

const spec = projectionSpec(actorSentimentSlice);

describe('actor sentiment read model', () => {
  describe('when an actor is felt differently in two hours of one day', () => {
    it('keeps one bucket per actor and UTC hour and one per actor and UTC day, scores summed in micro-units', () => {
      const bucket = (actorId: string, granularity: 'hour' | 'day', bucketStart: string) => ({
        actorId,
        granularity,
        bucketStart,
      });
      spec
        .given({ analyses: [FIRST_ARTICLE] })
        .when({ analyses: [SECOND_ARTICLE] })
        .then([
          {
            ...bucket('person:juan-herrera', 'day', '2026-01-01T00:00:00.000Z'),
            ...{ mentions: 1, articles: 1, positive: 0, neutral: 1, negative: 0, scoreMicros: 0 },
          },
          {
            ...bucket('person:juan-herrera', 'hour', '2026-01-01T10:00:00.000Z'),
            ...{ mentions: 1, articles: 1, positive: 0, neutral: 1, negative: 0, scoreMicros: 0 },
          },
          {
            ...bucket('person:maria-lindqvist', 'day', '2026-01-01T00:00:00.000Z'),
            ...{ mentions: 3, articles: 2, positive: 1, neutral: 0, negative: 1, scoreMicros: 250_000 },
          },
          {
            ...bucket('person:maria-lindqvist', 'hour', '2026-01-01T10:00:00.000Z'),
            ...{ mentions: 2, articles: 1, positive: 1, neutral: 0, negative: 0, scoreMicros: 500_000 },
          },
          {
            ...bucket('person:maria-lindqvist', 'hour', '2026-01-01T11:00:00.000Z'),
            ...{ mentions: 1, articles: 1, positive: 0, neutral: 0, negative: 1, scoreMicros: -250_000 },
          },
        ]);
    });
  });

  for (const scenario of READ_MODEL_SCENARIOS) {
    describe(`when ${scenario.name}`, () => {
      it('leaves the buckets of the equivalent history', () => {
        spec
          .given(...scenario.history)
          .when()
          .thenSameAs(...scenario.sameAs);
      });
    });
  }
});
