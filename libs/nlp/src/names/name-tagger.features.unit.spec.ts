import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NAME_TAGS, NameTagger, NameTaggerModelJson, sentenceFeatures, TAG_COUNT, viterbiMaxMarginals } from './name-tagger';

/**
 * The tagger finds a token's feature weights through its words' cache entries instead of by the strings
 * `sentenceFeatures` builds (the strings the model was trained on). These specs check that both give the same
 * scores, tags and margins, on words made to collide: values containing the '|' that joins pair features, the
 * '<s>' and '</s>' that stand for the sentence's edges, shouting and mixed case.
 */

const WORD_PARTS = ['|', 'a', 'A', 'B|', '|c', 'x|y', '<s>', '</s>', 'Kohl', 'BONN', '1'];
const SHOUTED_PARTS = ['A', 'BONN', 'B|', '|', 'KOHL', '1', '<s>'];
const wordOf = (parts: string[]) => fc.array(fc.constantFrom(...parts), { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
/** Mixed words, or words mostly in capitals (a shouting sentence, whose features differ). */
const sentence = fc.oneof(
  fc.array(wordOf(WORD_PARTS), { minLength: 1, maxLength: 7 }),
  fc.array(wordOf(SHOUTED_PARTS), { minLength: 3, maxLength: 7 }),
);

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** A model knowing every feature of `sentences` (and a few it never sees), with small integer weights. */
function modelOf(sentences: readonly string[][], seed: number): { json: NameTaggerModelJson; weights: Map<string, Int16Array> } {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (state * 1103515245 + 12345) >>> 0;
    return ((state >>> 16) % 21) - 10;
  };
  const features = new Set<string>(['w-1w=never|seen', 'ss+1=X|']);
  sentences.forEach((s, k) => sentenceFeatures(s).forEach((fs) => fs.forEach((f, j) => (k + j) % 3 !== 0 && features.add(f))));
  const names = [...features];
  const weights = new Map<string, Int16Array>();
  const bytes = new Uint8Array(names.length * TAG_COUNT * 2);
  names.forEach((name, i) => {
    const w = Int16Array.from({ length: TAG_COUNT }, next);
    weights.set(name, w);
    w.forEach((v, t) => {
      const u = v & 0xffff;
      bytes[2 * (i * TAG_COUNT + t)] = u & 0xff;
      bytes[2 * (i * TAG_COUNT + t) + 1] = u >> 8;
    });
  });
  const transitions = Array.from({ length: (TAG_COUNT + 1) * TAG_COUNT }, next);
  return {
    json: { format: 'chronicle-name-tagger/1', features: names.join('\n'), weights: base64(bytes), scale: 1, transitions },
    weights,
  };
}

/** Tags and margins from the feature strings themselves: every known feature's weights summed, then decoded. */
function byFeatureStrings(words: string[], model: ReturnType<typeof modelOf>): { tags: number[]; margins: number[] } {
  const n = words.length;
  const emissions = new Float64Array(n * TAG_COUNT);
  sentenceFeatures(words).forEach((features, i) => {
    for (const f of features) model.weights.get(f)?.forEach((v, t) => (emissions[i * TAG_COUNT + t] += v));
  });
  const tags = new Uint8Array(n);
  const best = viterbiMaxMarginals(emissions, n, model.json.transitions, tags);
  const typeOf = (t: number) => NAME_TAGS[t]!.slice(2);
  const margins = [...tags].map((chosen, i) => {
    const scores = Array.from({ length: TAG_COUNT }, (_, t) => best[i * TAG_COUNT + t]!);
    const own = Math.max(...scores.filter((_, t) => typeOf(t) === typeOf(chosen)));
    return own - Math.max(...scores.filter((_, t) => typeOf(t) !== typeOf(chosen)));
  });
  return { tags: [...tags], margins };
}

describe('NameTagger feature lookups', () => {
  describe('when words contain the pair separator "|", the edge markers or shouting', () => {
    it('scores, tags and margins every sentence as its feature strings do', () => {
      fc.assert(
        fc.property(fc.array(sentence, { minLength: 1, maxLength: 4 }), fc.integer(), (sentences, seed) => {
          const model = modelOf(sentences, seed);
          const tagger = NameTagger.fromJson(model.json);
          for (const words of sentences) {
            const { tags, margins } = tagger.tagWithMargins(words);
            const expected = byFeatureStrings(words, model);
            expect([...tags]).toEqual(expected.tags);
            expect([...margins]).toEqual(expected.margins);
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
