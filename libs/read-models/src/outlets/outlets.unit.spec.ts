import { FIRST_ARTICLE, projectionSpec, READ_MODEL_SCENARIOS, SECOND_ARTICLE } from '@chronicle/test-support';
import { describe, it } from 'vitest';
import { outletsSlice } from './outlets.slice';

const spec = projectionSpec(outletsSlice);

describe('outlets read model', () => {
  describe('when two outlets publish articles about overlapping actors', () => {
    it("counts each outlet's articles and distinct actors, and articles per outlet and actor", () => {
      spec
        .given({ analyses: [FIRST_ARTICLE] })
        .when({ analyses: [SECOND_ARTICLE] })
        .then([
          { outlet: 'Daily Two', articles: 1, actors: 1 },
          { outlet: 'Wire One', articles: 1, actors: 2 },
          { outlet: 'Daily Two', actorId: 'person:maria-lindqvist', articles: 1 },
          { outlet: 'Wire One', actorId: 'person:juan-herrera', articles: 1 },
          { outlet: 'Wire One', actorId: 'person:maria-lindqvist', articles: 1 },
        ]);
    });
  });

  for (const scenario of READ_MODEL_SCENARIOS) {
    describe(`when ${scenario.name}`, () => {
      it('leaves the outlets of the equivalent history', () => {
        spec
          .given(...scenario.history)
          .when()
          .thenSameAs(...scenario.sameAs);
      });
    });
  }
});
