import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_FEATURE_COUNT, documentFeatureName, documentFeatures } from './document-features';
import { NAME_TAGS } from './name-tagger';

const tag = (name: string): number => NAME_TAGS.indexOf(name as (typeof NAME_TAGS)[number]);

/** A document of sentences written as `word/TAG` (TAG omitted for O). */
function doc(...sentences: string[]): { words: string[][]; tags: Uint8Array[] } {
  const split = sentences.map((s) => s.split(' ').map((t) => t.split('/')));
  return {
    words: split.map((s) => s.map(([w]) => w!)),
    tags: split.map((s) => Uint8Array.from(s.map(([, t]) => (t ? tag(t) : 0)))),
  };
}

/** Feature names of each token, as `sentence:token` -> names. */
function featuresOf(d: { words: string[][]; tags: Uint8Array[] }): Map<string, string[]> {
  const out = new Map<string, string[]>();
  documentFeatures(d.words, d.tags, (s, i, f) => {
    const key = `${s}:${i}`;
    out.set(key, [...(out.get(key) ?? []), documentFeatureName(f)!]);
  });
  return out;
}

describe(documentFeatures.name, () => {
  describe('when the other occurrences of a word read it otherwise than this one', () => {
    it('names their common reading, its share, and both with this reading', () => {
      const d = doc('Ford/B-ORG said', 'Ford/B-PER won', 'Ford/B-PER lost', 'Ford/B-LOC drew');
      expect(featuresOf(d).get('0:0')).toEqual(['d=PER', 'd=PER|ORG', 'd=PER|most', 'd=PER|most|ORG']);
    });
  });

  describe('when every occurrence reads the word alike', () => {
    it('gives it no feature: the document overrules, it does not confirm', () => {
      expect(featuresOf(doc('Kiro/B-PER said', 'Kiro/B-PER won', 'Kiro/B-PER lost')).size).toBe(0);
    });
  });

  describe('when the word occurs once, or is not capitalised', () => {
    it('gives it no feature (its own reading is left out of the counts)', () => {
      expect(featuresOf(doc('Ford/B-ORG said', 'ford won', 'ford lost')).size).toBe(0);
    });
  });

  describe('when a shouted headline repeats a word of the body', () => {
    it('matches the word in lower case', () => {
      const d = doc('LEEDS/B-LOC WIN', 'Leeds/B-ORG beat Hull/B-ORG', 'Leeds/B-ORG scored');
      expect(featuresOf(d).get('0:0')).toEqual(['d=ORG', 'd=ORG|LOC', 'd=ORG|all', 'd=ORG|all|LOC']);
    });
  });

  describe('when the word stands alone here but inside a longer name elsewhere', () => {
    it("names that name's type and that this occurrence lies outside one", () => {
      const d = doc('Reynard/B-ORG Motorsport/I-ORG won', 'Reynard/B-PER said');
      expect(featuresOf(d).get('1:0')).toEqual([
        'd=ORG',
        'd=ORG|PER',
        'd=ORG|all',
        'd=ORG|all|PER',
        'dm=ORG',
        'dm=ORG|PER',
        'dm=ORG|out',
        'dm=ORG|out|PER',
      ]);
    });
  });

  describe('when documents are arbitrary', () => {
    const words = fc.constantFrom('Ford', 'FORD', 'ford', 'Leeds', 'Kiro', 'said', 'of', '.');
    const sentence = fc.array(fc.tuple(words, fc.integer({ min: 0, max: NAME_TAGS.length - 1 })), { minLength: 1, maxLength: 8 });
    it("emits only named features, for capitalised words, none naming the word's own reading", () => {
      fc.assert(
        fc.property(fc.array(sentence, { minLength: 1, maxLength: 5 }), (sentences) => {
          const d = {
            words: sentences.map((s) => s.map(([w]) => w)),
            tags: sentences.map((s) => Uint8Array.from(s.map(([, t]) => t))),
          };
          documentFeatures(d.words, d.tags, (s, i, f) => {
            expect(f).toBeGreaterThanOrEqual(0);
            expect(f).toBeLessThan(DOCUMENT_FEATURE_COUNT);
            const name = documentFeatureName(f)!;
            expect(name).toBeDefined();
            expect(d.words[s]![i]).toMatch(/^[A-Z]/);
            const own = NAME_TAGS[d.tags[s]![i]!]!.slice(2) || 'O';
            expect(name.split('|')[0]!.split('=')[1]).not.toBe(own);
          });
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe(documentFeatureName.name, () => {
  it('gives every feature number a name of its own', () => {
    const names = Array.from({ length: DOCUMENT_FEATURE_COUNT }, (_, f) => documentFeatureName(f)).filter(Boolean);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('d=O|all|PER');
    expect(names).toContain('dm=LOC|in');
  });
});
