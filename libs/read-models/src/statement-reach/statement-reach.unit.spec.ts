import { statementIdentity } from '@chronicle/domain';
import { FIRST_ARTICLE, projectionSpec, READ_MODEL_SCENARIOS, SECOND_ARTICLE } from '@chronicle/test-support';
import { describe, it } from 'vitest';
import { statementReachSlice } from './statement-reach.slice';

const spec = projectionSpec(statementReachSlice);

describe('statement reach read model', () => {
  describe('when two outlets carry the same quote', () => {
    it('counts both outlets and dates the quote by the earlier article', () => {
      const first = statementIdentity('a1', FIRST_ARTICLE.data.analysis.statements[0]!);
      spec
        .given({ analyses: [SECOND_ARTICLE] })
        .when({ analyses: [FIRST_ARTICLE] })
        .then([
          {
            clusterId: first.clusterId,
            speakerId: 'person:maria-lindqvist',
            statements: 2,
            outlets: 2,
            firstStatementId: first.id,
            firstArticleId: 'a1',
            firstOutlet: 'Wire One',
            firstSeen: '2026-01-01T10:15:00.000Z',
            lastSeen: '2026-01-01T11:30:00.000Z',
          },
        ]);
    });
  });

  for (const scenario of READ_MODEL_SCENARIOS) {
    describe(`when ${scenario.name}`, () => {
      it('leaves the reach of the equivalent history', () => {
        spec
          .given(...scenario.history)
          .when()
          .thenSameAs(...scenario.sameAs);
      });
    });
  }
});
