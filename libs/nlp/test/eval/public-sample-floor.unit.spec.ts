import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/article-analyzer';
import { nameTagger } from '../../src/names/name-tagger.model';
import { countMatches, placeTokens, predictedSpans, prf, type TokenSpan } from '../../scripts/eval/span-scoring';
import sample from './public/gum-dev-sample.json';

// Floors sit a little under the figures of chronicle-nlp/1.10.0 on this copied public sample (GUM dev, CC BY texts;
// see public/NOTICE.md), so that a regression of the name tagger or of its use in the extractor fails CI.
// The full dev-split figures come from `npm run eval` (libs/nlp/EVALUATION.md).

interface SampleDocument {
  name: string;
  sentences: string[][];
  mentions: Array<[number, number, string]>;
}

const documents = (sample as unknown as { documents: SampleDocument[] }).documents;

function totals(score: (doc: SampleDocument) => Array<[string, number, number, number]>): Record<string, number> {
  const sums = new Map<string, [number, number, number]>();
  for (const doc of documents) {
    for (const [type, tp, g, p] of score(doc)) {
      const s = sums.get(type) ?? [0, 0, 0];
      sums.set(type, [s[0] + tp, s[1] + g, s[2] + p]);
    }
  }
  return Object.fromEntries([...sums].map(([type, [tp, g, p]]) => [type, prf(tp, g, p).f1]));
}

const gold = (doc: SampleDocument): TokenSpan[] => doc.mentions.map(([start, end, type]) => ({ start, end, type }));

describe('analyzeArticle', () => {
  describe('when scored on the public GUM dev sample', () => {
    it('keeps named person and organisation mention F1 above their floors', () => {
      const f1 = totals((doc) => {
        const { body, tokens } = placeTokens(doc.sentences.map((s) => s.map((text) => ({ text, tag: '' }))));
        const pred = predictedSpans(analyzeArticle({ id: doc.name, body }), tokens, true);
        return ['PER', 'ORG', 'LOC'].map((type) => [type, ...countMatches(gold(doc), pred, type)]);
      });
      // 1.4.0: PER 33.3, ORG 22.2, LOC 32.7; 1.5.0 (the tagger also reads short lines): PER 37.9, ORG 22.2, LOC 31.4;
      // nlp-names branch (the model overrules the rules where it is sure): PER 44.8, ORG 31.4, LOC 30.8.
      // 1.10.0 (word-cluster features in the tagger, confident miscellaneous names dropped): PER 48.3, ORG 25.7, LOC
      // 34.0. ORG fell with the tagger's new confidence (GUM dev ORG named 24.7 -> 23.2) while PER rose (41.1 -> 48.2)
      // and CoNLL-2003 dev rose for every type (libs/nlp/EVALUATION.md).
      expect(f1.PER).toBeGreaterThanOrEqual(46);
      expect(f1.ORG).toBeGreaterThanOrEqual(24);
      expect(f1.LOC).toBeGreaterThanOrEqual(32);
    });
  });
});

describe('NameTagger', () => {
  describe('when scored on the public GUM dev sample', () => {
    it('keeps named person, organisation and place F1 above their floors', () => {
      const f1 = totals((doc) => {
        const pred: TokenSpan[] = [];
        let offset = 0;
        for (const words of doc.sentences) {
          for (const s of nameTagger().spans(words)) pred.push({ start: s.start + offset, end: s.end + offset, type: s.type });
          offset += words.length;
        }
        return ['PER', 'ORG', 'LOC'].map((type) => [type, ...countMatches(gold(doc), pred, type)]);
      });
      // 1.4.0 model: PER 50.4, ORG 25.5, LOC 28.1 (GUM is not news; on CoNLL-2003 dev it scores 91.6 / 86.5 / 94.5).
      // 1.10.0 model (with word-cluster features): PER 52.2, ORG 26.0, LOC 32.7 (CoNLL-2003 dev 94.5 / 88.1 / 95.2).
      expect(f1.PER).toBeGreaterThanOrEqual(50);
      expect(f1.ORG).toBeGreaterThanOrEqual(24);
      expect(f1.LOC).toBeGreaterThanOrEqual(30);
    });
  });
});
