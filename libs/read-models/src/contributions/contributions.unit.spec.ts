import {
  FIRST_ARTICLE,
  projectionSpec,
  READ_MODEL_SCENARIOS,
  SECOND_ARTICLE,
  SECOND_ARTICLE_REVISED,
} from '@chronicle/test-support';
import { describe, expect, it } from 'vitest';
import { contributionsSlice } from './contributions.slice';

const spec = projectionSpec(contributionsSlice);

describe('mention and statement rows', () => {
  describe('when an article is revised', () => {
    it("holds only the revision's mentions and statements for it", () => {
      const rows = spec
        .given({ analyses: [FIRST_ARTICLE, SECOND_ARTICLE] })
        .when({ analyses: [SECOND_ARTICLE_REVISED] })
        .thenSameAs({ analyses: [FIRST_ARTICLE, SECOND_ARTICLE_REVISED] });
      const ofSecond = rows.filter((r) => r.articleId === 'a2');
      expect(ofSecond.filter((r) => 'actorId' in r).map((r) => [r.actorId, r.count, r.sentimentLabel])).toEqual([
        ['org:nordic-council', 1, 'neutral'],
        ['person:juan-herrera', 1, 'positive'],
      ]);
      expect(ofSecond.filter((r) => 'text' in r).map((r) => [r.speakerId, r.text])).toEqual([
        ['person:juan-herrera', 'The council will meet again in spring'],
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
