import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmbeddingLogits, type EmbeddingFeatureOptions, type EmbeddingPool } from './embedding-features';
import { extractFeatures } from './feature-extractor';
import { LinearHead, type LinearHeadJson } from './linear-head';
import { WordVectors, type WordVectorsJson } from './word-vectors';
import modelJson from './model/target-sentiment.model.json';
import wordVectorsJson from './model/word-vectors.json';

const model = modelJson as unknown as {
  target: LinearHeadJson;
  embedding: { pools: EmbeddingPool[]; scale: number; window: number; flipNegated: boolean };
};
const head = LinearHead.fromJson(model.target);
const vectors = WordVectors.fromJson(wordVectorsJson as WordVectorsJson);
const hashed: EmbeddingFeatureOptions = { ...model.embedding, vectors };
const projected: EmbeddingFeatureOptions = {
  ...hashed,
  logits: new EmbeddingLogits(vectors, model.embedding.pools, model.embedding.scale, head),
};

// Words with and without vectors, negators, clause breaks and capitalised names, so every pool and weight is exercised.
const WORDS = ['the', 'minister', 'said', 'talks', 'failed', 'not', 'never', 'good', 'terrible', 'hope', ',', '.', 'but'];
const NAMES = ['Zelenskyy', 'Harbour', 'Kovrin', 'Lind'];

const sentence = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom(...NAMES)), { minLength: 1, maxLength: 30 })
  .chain((words) =>
    fc.record({
      text: fc.constant(words.join(' ')),
      target: fc.integer({ min: 0, max: words.length - 1 }).map((i) => {
        const start = words.slice(0, i).join(' ').length + (i > 0 ? 1 : 0);
        return { start, end: start + words[i]!.length };
      }),
    }),
  );

describe(EmbeddingLogits.name, () => {
  describe("when the shipped head's share of the pooled word vectors is computed per word", () => {
    it('gives the class probabilities the hashed dense features give, up to float rounding', () => {
      fc.assert(
        fc.property(sentence, ({ text, target }) => {
          const viaFeatures = new Float64Array(3);
          const viaLogits = new Float64Array(3);
          head.predict(extractFeatures(text, target.start, target.end, 'target', hashed), viaFeatures);
          head.predict(extractFeatures(text, target.start, target.end, 'target', projected), viaLogits, projected.logits!.z);
          for (let c = 0; c < 3; c++) expect(Math.abs(viaLogits[c]! - viaFeatures[c]!)).toBeLessThan(1e-6);
        }),
        { numRuns: 300, seed: 46 },
      );
    });
  });

  describe('when a pool is not linear', () => {
    it('refuses it', () => {
      expect(() => new EmbeddingLogits(vectors, ['left', 'max'], 1, head)).toThrow(/not linear/);
    });
  });
});
