import { FIRST_ARTICLE, projectionSpec, READ_MODEL_SCENARIOS, SECOND_ARTICLE } from '@chronicle/test-support';
import { describe, it } from 'vitest';
import { actorsSlice } from './actors.slice';

const spec = projectionSpec(actorsSlice);

describe('actors read model', () => {
  describe('when two articles mention an actor under two names', () => {
    it('keeps the longest name, every alias, the whole seen window and the summed counts', () => {
      spec
        .given({ analyses: [FIRST_ARTICLE] })
        .when({ analyses: [SECOND_ARTICLE] })
        .then([
          {
            id: 'person:juan-herrera',
            name: 'Juan Herrera',
            kind: 'person',
            role: null,
            aliases: ['Juan Herrera'],
            firstSeen: '2026-01-01T10:15:00.000Z',
            lastSeen: '2026-01-01T10:15:00.000Z',
            mentions: 1,
            articles: 1,
            statements: 0,
          },
          {
            id: 'person:maria-lindqvist',
            name: 'Maria Lindqvist',
            kind: 'person',
            role: null,
            aliases: ['Lindqvist', 'Maria Lindqvist'],
            firstSeen: '2026-01-01T10:15:00.000Z',
            lastSeen: '2026-01-01T11:30:00.000Z',
            mentions: 3,
            articles: 2,
            statements: 2,
          },
        ]);
    });
  });

  for (const scenario of READ_MODEL_SCENARIOS) {
    describe(`when ${scenario.name}`, () => {
      it('leaves the rows of the equivalent history', () => {
        spec
          .given(...scenario.history)
          .when()
          .thenSameAs(...scenario.sameAs);
      });
    });
  }
});
