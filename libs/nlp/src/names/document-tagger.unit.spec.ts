import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DocumentTagger } from './document-tagger';
import { NAME_TAGS, TAG_COUNT } from './name-tagger';
import { documentTagger, nameTagger } from './name-tagger.model';

const tag = (name: string): number => NAME_TAGS.indexOf(name as (typeof NAME_TAGS)[number]);
const tagsOf = (tagged: { tags: Uint8Array }[]): string[][] => tagged.map((s) => [...s.tags].map((t) => NAME_TAGS[t]!));

/** A document pass that knows one feature, weighing one tag. */
function oneFeature(feature: string, favoured: string, weight: number): DocumentTagger {
  const weights = Array.from({ length: TAG_COUNT }, (_, t) => (t === tag(favoured) ? weight : 0));
  return DocumentTagger.fromJson(nameTagger(), { format: 'chronicle-document-tagger/1', features: [feature], weights });
}

const kiro = [
  'Kiro arrived on Monday .'.split(' '),
  ...Array.from({ length: 5 }, () => 'according to Kiro , the plant will close .'.split(' ')),
];

describe(DocumentTagger.name, () => {
  describe('when the model knows no feature', () => {
    it('tags every sentence as the sentence model alone does, margins included', () => {
      const empty = DocumentTagger.fromJson(nameTagger(), { format: 'chronicle-document-tagger/1', features: [], weights: [] });
      const word = fc.constantFrom('Kohl', 'said', 'Bonn', 'BONN', 'the', 'Union', "'s", '.', 'Ford', 'Motor', 'Co');
      fc.assert(
        fc.property(fc.array(fc.array(word, { minLength: 0, maxLength: 9 }), { minLength: 0, maxLength: 5 }), (sentences) => {
          const alone = sentences.map((s) => nameTagger().tagWithMargins(s));
          const tagged = empty.tagSentences(sentences);
          expect(tagged.map((s) => [...s.tags])).toEqual(alone.map((s) => [...s.tags]));
          expect(tagged.map((s) => [...s.margins])).toEqual(alone.map((s) => [...s.margins]));
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('when a document is longer than the scratch a tagger keeps', () => {
    it('still tags every sentence as the sentence model does, and the next document too', () => {
      const empty = DocumentTagger.fromJson(nameTagger(), { format: 'chronicle-document-tagger/1', features: [], weights: [] });
      const sentence = 'Kohl met Mitterrand in Bonn on Monday , aides said .'.split(' ');
      const alone = [...nameTagger().tag(sentence)];
      const huge = Array.from({ length: 12_000 }, () => sentence);
      for (const tagged of [empty.tagSentences(huge), empty.tagSentences(huge.slice(0, 3))])
        for (const s of tagged) expect([...s.tags]).toEqual(alone);
    });
  });

  describe('when the other occurrences of a word settle what this one is', () => {
    it("adds the feature's weight to this occurrence only", () => {
      const alone = kiro.map((s) => nameTagger().tag(s));
      // The sentence model alone reads the opening "Kiro" as a place and the others as a person.
      expect(NAME_TAGS[alone[0]![0]!]).toBe('B-LOC');
      expect(NAME_TAGS[alone[1]![2]!]).toBe('B-PER');
      const tagged = tagsOf(oneFeature('d=PER|all|LOC', 'B-PER', 100).tagSentences(kiro));
      expect(tagged[0]![0]).toBe('B-PER');
      expect(tagged.slice(1)).toEqual(alone.slice(1).map((s) => [...s].map((t) => NAME_TAGS[t]!)));
    });
  });

  describe('when an unknown name reads as a person in every sentence but one', () => {
    it('keeps the person in every sentence (the shipped model)', () => {
      const tagged = tagsOf(documentTagger().tagSentences(kiro));
      for (const sentence of tagged.slice(1)) expect(sentence[2]).toBe('B-PER');
    });
  });

  describe('when the model file names a feature it does not know, or has too few weights', () => {
    it('refuses it', () => {
      const json = { format: 'chronicle-document-tagger/1' as const, features: ['d=PER|all'], weights: [1] };
      expect(() => DocumentTagger.fromJson(nameTagger(), json)).toThrow(/1 features but 1 weights/);
      const unknown = { ...json, features: ['dh=PER'], weights: new Array<number>(TAG_COUNT).fill(0) };
      expect(() => DocumentTagger.fromJson(nameTagger(), unknown)).toThrow(/unknown feature dh=PER/);
    });
  });
});
