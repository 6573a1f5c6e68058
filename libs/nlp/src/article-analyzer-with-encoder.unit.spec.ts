import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeArticle, ANALYZER_VERSION } from './article-analyzer';
import { analyzeArticleWithEncoder, MAX_ENCODED_CONTEXTS } from './article-analyzer-with-encoder';
import { EncoderSentimentHead, type EncoderHeadJson } from './sentiment/encoder/encoder-head';
import type { EncodedText, SentenceEncoder } from './sentiment/encoder/sentence-encoder.port';

/**
 * A stand-in for the transformer behind the port (the ONNX adapter has its own integration test): one row per
 * whitespace-separated word between a start and an end row, each row [1, 1]. `cutOff` makes it drop every target.
 */
class WordEncoder implements SentenceEncoder {
  readonly id = 'word-encoder';
  readonly texts: string[] = [];

  constructor(private readonly cutOff = false) {}

  async encode(text: string): Promise<EncodedText> {
    this.texts.push(text);
    const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
    const rows = words(text) + 2;
    return {
      states: new Float32Array(rows * 2).fill(1),
      rows,
      dimensions: 2,
      textRows: { start: 1, end: rows - 1 },
      rowsOf: (from, to) => {
        if (this.cutOff) return undefined;
        const start = 1 + words(text.slice(0, from));
        return { start, end: Math.max(start + 1, 1 + words(text.slice(0, to))) };
      },
    };
  }
}

/** A head that reads nothing but its bias, so its judgement is known: strongly negative, mixed in at `mix`. */
function negativeHead(mix: number, encoder = 'word-encoder'): EncoderSentimentHead {
  const json: EncoderHeadJson = {
    format: 'chronicle-target-encoder-head/1',
    encoder,
    inputs: 4,
    mean: [0, 0, 0, 0],
    scale: [1, 1, 1, 1],
    weights: new Array<number>(12).fill(0),
    bias: [12, 0, 0],
    mix,
  };
  return EncoderSentimentHead.fromJson(json);
}

const ARTICLE = {
  id: 'a1',
  body:
    'Prime Minister Maria Lindqvist praised the new budget on Monday. "It is a fine day," Lindqvist said. ' +
    'Opposition leader Tomas Herrera called the plan a disgrace.',
  targets: [{ start: 15, end: 29 }],
};

function withoutSentiment(analysis: ReturnType<typeof analyzeArticle>) {
  return {
    ...analysis,
    analyzerVersion: undefined,
    actors: analysis.actors.map((a) => ({ ...a, sentiment: undefined })),
    targets: analysis.targets.map((t) => ({ ...t, sentiment: undefined })),
  };
}

describe(analyzeArticleWithEncoder.name, () => {
  describe('when the encoder reads every target', () => {
    it('judges actors and targets with the mixture and leaves the rest of the analysis as the extractor gives it', async () => {
      const plain = analyzeArticle(ARTICLE);
      const mixed = await analyzeArticleWithEncoder(ARTICLE, { encoder: new WordEncoder(), head: negativeHead(0.9) });
      expect(withoutSentiment(mixed)).toEqual(withoutSentiment(plain));
      expect(mixed.analyzerVersion).toBe(`${ANALYZER_VERSION}+word-encoder`);
      expect(mixed.actors.length).toBeGreaterThan(1);
      for (const actor of mixed.actors) expect(actor.sentiment.label).toBe('negative');
      expect(mixed.targets[0]!.sentiment.label).toBe('negative');
      expect(plain.actors.some((a) => a.sentiment.label !== 'negative')).toBe(true);
    });

    it('encodes each distinct context once', async () => {
      const encoder = new WordEncoder();
      await analyzeArticleWithEncoder(ARTICLE, { encoder, head: negativeHead(0.5) });
      expect(encoder.texts.length).toBeGreaterThan(0);
      expect(new Set(encoder.texts).size).toBe(encoder.texts.length);
    });
  });

  describe('when the encoder cuts every target off', () => {
    it('gives exactly the extractor’s sentiment', async () => {
      const plain = analyzeArticle(ARTICLE);
      const mixed = await analyzeArticleWithEncoder(ARTICLE, { encoder: new WordEncoder(true), head: negativeHead(0.9) });
      expect({ ...mixed, analyzerVersion: ANALYZER_VERSION }).toEqual(plain);
    });
  });

  describe('when the head was trained on another encoder', () => {
    it('refuses to mix', async () => {
      await expect(
        analyzeArticleWithEncoder(ARTICLE, { encoder: new WordEncoder(), head: negativeHead(0.5, 'other-encoder') }),
      ).rejects.toThrow(/other-encoder/);
    });
  });

  describe('when an article names its actors in more distinct sentences than the cap', () => {
    it(`encodes at most ${MAX_ENCODED_CONTEXTS} contexts and judges the rest with the linear model`, async () => {
      const sentences = Array.from({ length: MAX_ENCODED_CONTEXTS + 40 }, (_, i) => `Maria Lindqvist spoke on day ${i + 1}.`);
      const encoder = new WordEncoder();
      const analysis = await analyzeArticleWithEncoder(
        { id: 'long', body: sentences.join(' ') },
        { encoder, head: negativeHead(0.5) },
      );
      expect(encoder.texts).toHaveLength(MAX_ENCODED_CONTEXTS);
      expect(analysis.actors.map((a) => a.name)).toContain('Maria Lindqvist');
    });
  });

  describe('when the text is hostile', () => {
    it('still gives the extractor’s analysis, with every sentiment in range', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (noise) => {
          const body = `${noise} Maria Lindqvist said ${noise}`;
          const encoder = new WordEncoder();
          const mixed = await analyzeArticleWithEncoder({ id: 'h', body }, { encoder, head: negativeHead(0.5) });
          expect(withoutSentiment(mixed)).toEqual(withoutSentiment(analyzeArticle({ id: 'h', body })));
          expect(encoder.texts.length).toBeLessThanOrEqual(MAX_ENCODED_CONTEXTS);
          for (const a of mixed.actors) expect(Math.abs(a.sentiment.score)).toBeLessThanOrEqual(1);
        }),
        { numRuns: 60 },
      );
    });
  });
});
