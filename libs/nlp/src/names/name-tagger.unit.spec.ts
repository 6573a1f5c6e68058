import { describe, expect, it } from 'vitest';
import { ChainBuffers, NAME_TAGS, spansOfTags, TAG_COUNT, viterbi, viterbiMaxMarginals } from './name-tagger';
import { nameTagger } from './name-tagger.model';

const tag = (name: string): number => NAME_TAGS.indexOf(name as (typeof NAME_TAGS)[number]);

/** A seeded uniform generator in [0, 1), so random cases repeat. */
function uniformFrom(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

describe('spansOfTags', () => {
  describe('when a B- tag follows an entity of the same type', () => {
    it('starts a new span', () => {
      expect(spansOfTags([tag('B-PER'), tag('I-PER'), tag('B-PER'), tag('O'), tag('B-LOC')])).toEqual([
        { start: 0, end: 2, type: 'PER' },
        { start: 2, end: 3, type: 'PER' },
        { start: 4, end: 5, type: 'LOC' },
      ]);
    });
  });
});

describe('viterbi', () => {
  describe('when the emissions favour an I- tag that no B- tag opens', () => {
    it('never produces an ill-formed IOB2 sequence', () => {
      const emissions = new Float64Array(2 * TAG_COUNT);
      emissions[tag('I-ORG')] = 5;
      emissions[tag('O')] = 1;
      emissions[TAG_COUNT + tag('O')] = 1;
      emissions[TAG_COUNT + tag('I-PER')] = 5;
      const tags = viterbi(emissions, 2, new Float64Array((TAG_COUNT + 1) * TAG_COUNT));
      // The start cannot take I-ORG, so the best legal path opens the person with B-PER.
      expect([...tags].map((t) => NAME_TAGS[t])).toEqual(['B-PER', 'I-PER']);
    });
  });
});

describe('NameTagger', () => {
  describe('when a newswire sentence names a person, an organisation and a place', () => {
    it('tags each with its type', () => {
      const words = 'German Chancellor Helmut Kohl told Reuters in Bonn on Monday that the talks would go on .'.split(' ');
      const spans = nameTagger()
        .spans(words)
        .map((s) => [words.slice(s.start, s.end).join(' '), s.type]);
      expect(spans).toEqual(
        expect.arrayContaining([
          ['Helmut Kohl', 'PER'],
          ['Reuters', 'ORG'],
          ['Bonn', 'LOC'],
        ]),
      );
    });
  });

  describe('when tagging the same words twice', () => {
    it('returns the same tags (no state between calls)', () => {
      const words = 'Manchester United beat Chelsea 2-1 at Old Trafford .'.split(' ');
      expect([...nameTagger().tag(words)]).toEqual([...nameTagger().tag(words)]);
    });
  });
});

describe('viterbiMaxMarginals', () => {
  describe('when scoring random emissions and transitions', () => {
    it('gives the Viterbi path its best score at every token and no tag a higher one', () => {
      const next = uniformFrom(7);
      const n = 6;
      const emissions = Float64Array.from({ length: n * TAG_COUNT }, () => next() * 10 - 5);
      const transitions = Float64Array.from({ length: (TAG_COUNT + 1) * TAG_COUNT }, () => next() * 4 - 2);
      const tags = viterbi(emissions, n, transitions);
      let best = transitions[TAG_COUNT * TAG_COUNT + tags[0]!]! + emissions[tags[0]!]!;
      for (let i = 1; i < n; i += 1)
        best += transitions[tags[i - 1]! * TAG_COUNT + tags[i]!]! + emissions[i * TAG_COUNT + tags[i]!]!;
      const path = new Uint8Array(n);
      const marginals = viterbiMaxMarginals(emissions, n, transitions, path);
      expect([...path]).toEqual([...tags]);
      for (let i = 0; i < n; i += 1) {
        expect(marginals[i * TAG_COUNT + tags[i]!]).toBeCloseTo(best, 9);
        for (let t = 0; t < TAG_COUNT; t += 1) expect(marginals[i * TAG_COUNT + t]!).toBeLessThanOrEqual(best + 1e-9);
      }
    });
  });
});

describe('viterbiMaxMarginals with reused buffers', () => {
  describe('when the buffers still hold a longer sentence', () => {
    it('gives the marginals and the path that fresh arrays give', () => {
      const next = uniformFrom(11);
      const transitions = Float64Array.from({ length: (TAG_COUNT + 1) * TAG_COUNT }, () => next() * 4 - 2);
      const buffers = new ChainBuffers();
      for (const n of [12, 5, 1, 7]) {
        const emissions = Float64Array.from({ length: n * TAG_COUNT }, () => next() * 10 - 5);
        const fresh = new Uint8Array(n);
        const expected = [...viterbiMaxMarginals(emissions, n, transitions, fresh)];
        buffers.reserve(n * TAG_COUNT);
        buffers.emissions.set(emissions);
        const reused = new Uint8Array(n);
        const marginals = viterbiMaxMarginals(buffers.emissions, n, transitions, reused, buffers);
        expect([...marginals.subarray(0, n * TAG_COUNT)]).toEqual(expected);
        expect([...reused]).toEqual([...fresh]);
      }
    });
  });
});

describe('NameTagger.tagWithMargins', () => {
  describe('when a sentence names a place after "city of"', () => {
    it('tags it as a place with a positive margin', () => {
      const words = 'Troops shelled the Kurdish city of Arbil on Saturday .'.split(' ');
      const { tags, margins } = nameTagger().tagWithMargins(words);
      expect(NAME_TAGS[tags[6]!]).toBe('B-LOC');
      expect(margins[6]).toBeGreaterThan(0);
      for (const m of margins) expect(m).toBeGreaterThanOrEqual(0);
    });
  });
});
