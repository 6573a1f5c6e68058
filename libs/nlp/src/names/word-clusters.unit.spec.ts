import { describe, expect, it } from 'vitest';
import { UNKNOWN_CLUSTER, WordClusters, wordClusters, type WordClustersJson } from './word-clusters';

const json = (over: Partial<WordClustersJson> = {}): WordClustersJson => ({
  format: 'chronicle-word-clusters/1',
  sizes: [2, 8],
  words: 'paris\nlondon\nsaid',
  clusters: '0.3\n0.3\n1.7',
  ...over,
});

describe(WordClusters.name, () => {
  describe('when a word is in the table', () => {
    it('gives its cluster ids, coarse to fine', () => {
      const clusters = WordClusters.fromJson(json());
      expect(clusters.of('london')).toEqual(['0', '3']);
      expect(clusters.of('said')).toEqual(['1', '7']);
    });
  });

  describe('when a word is not in the table', () => {
    it('gives the unknown cluster at every size', () => {
      expect(WordClusters.fromJson(json()).of('zyzzyva')).toEqual([UNKNOWN_CLUSTER, UNKNOWN_CLUSTER]);
    });
  });

  describe('when the file does not hold a row per word', () => {
    it('refuses it', () => {
      expect(() => WordClusters.fromJson(json({ clusters: '0.3\n0.3' }))).toThrow(/3 words but 2 rows/);
    });
  });

  describe('when the file has another format', () => {
    it('refuses it', () => {
      expect(() => WordClusters.fromJson(json({ format: 'other' as WordClustersJson['format'] }))).toThrow(/unknown format/);
    });
  });
});

describe(wordClusters.name, () => {
  describe('when asked for the shipped clusters', () => {
    it('puts two capitals together and apart from a speech verb at the finest size', () => {
      const shipped = wordClusters();
      const [paris, london, said] = ['paris', 'london', 'said'].map((w) => shipped.of(w));
      expect(paris).toHaveLength(shipped.sizes.length);
      expect(paris!.at(-1)).not.toBe(UNKNOWN_CLUSTER);
      expect(paris!.at(0)).toBe(london!.at(0));
      expect(said!.at(-1)).not.toBe(paris!.at(-1));
    });
  });
});
