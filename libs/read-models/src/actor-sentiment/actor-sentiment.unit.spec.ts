import { FIRST_ARTICLE, projectionSpec, READ_MODEL_SCENARIOS, SECOND_ARTICLE } from '@chronicle/test-support';
import { describe, it } from 'vitest';
import { actorSentimentSlice } from './actor-sentiment.slice';

const spec = projectionSpec(actorSentimentSlice);

describe('actor sentiment read model', () => {
  describe('when an actor is felt differently in two hours', () => {
    it('keeps one bucket per actor and UTC hour, scores summed in micro-units', () => {
      spec
        .given({ analyses: [FIRST_ARTICLE] })
        .when({ analyses: [SECOND_ARTICLE] })
        .then([
          {
            actorId: 'person:juan-herrera',
            bucketStart: '2026-01-01T10:00:00.000Z',
            mentions: 1,
            articles: 1,
            positive: 0,
            neutral: 1,
            negative: 0,
            scoreMicros: 0,
          },
          {
            actorId: 'person:maria-lindqvist',
            bucketStart: '2026-01-01T10:00:00.000Z',
            mentions: 2,
            articles: 1,
            positive: 1,
            neutral: 0,
            negative: 0,
            scoreMicros: 500_000,
          },
          {
            actorId: 'person:maria-lindqvist',
            bucketStart: '2026-01-01T11:00:00.000Z',
            mentions: 1,
            articles: 1,
            positive: 0,
            neutral: 0,
            negative: 1,
            scoreMicros: -250_000,
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
