import type { ArticleAnalysis, ArticleText } from './analysis.types';
import { analyzeArticle, ANALYZER_VERSION, type AnalyzeOptions } from './article-analyzer';
import { linearTargetProbabilities, sentimentFromProbabilities, type TargetContext } from './sentiment';
import type { EncoderSentimentHead } from './sentiment/encoder/encoder-head';
import { poolTarget } from './sentiment/encoder/encoder-pooling';
import type { EncodedText, SentenceEncoder } from './sentiment/encoder/sentence-encoder.port';

/**
 * The most distinct target contexts (sentences, mostly) one article has encoded. An encoder pass costs some
 * milliseconds where the rest of the analysis costs microseconds a word, so an article naming its actors in
 * thousands of sentences (hostile, or a transcript) must not cost thousands of passes; past this, the remaining
 * contexts are judged by the linear model alone, in article order. 128 covers the judged mentions of nearly all news.
 */
export const MAX_ENCODED_CONTEXTS = 128;

/** The extractor, alone (`analyzeArticle`) or with the sentiment encoder stage (`analyzeArticleWithEncoder`). */
export type ArticleAnalyzer = (input: ArticleText) => ArticleAnalysis | Promise<ArticleAnalysis>;

/** The encoder stage: a frozen sentence encoder and the head trained on its states. */
export interface SentimentEncoderStage {
  encoder: SentenceEncoder;
  head: EncoderSentimentHead;
}

/** The analyzer version of analyses whose target sentiment mixes in `head`'s encoder. */
export function encoderAnalyzerVersion(head: EncoderSentimentHead): string {
  return `${ANALYZER_VERSION}+${head.encoder}`;
}

/**
 * `analyzeArticle` with the sentiment toward actors and targets judged by the linear target model mixed with a
 * transformer encoder's reading (`EncoderSentimentHead`). Everything else is `analyzeArticle`'s own output.
 * The analysis runs twice: once to learn which contexts are judged, then, with their encodings at hand, for good;
 * both runs are pure, so only the encoder is asynchronous. Deterministic for a given encoder.
 */
export async function analyzeArticleWithEncoder(
  input: ArticleText,
  stage: SentimentEncoderStage,
  options: AnalyzeOptions = {},
): Promise<ArticleAnalysis> {
  const { encoder, head } = stage;
  if (encoder.id !== head.encoder) throw new Error(`encoder head trained on ${head.encoder}, not ${encoder.id}`);
  const texts = new Set<string>();
  analyzeArticle(input, {
    ...options,
    targetSentiment: (context) => {
      if (texts.size < MAX_ENCODED_CONTEXTS) texts.add(context.text);
      return { score: 0, label: 'neutral' };
    },
  });
  const encoded = new Map<string, EncodedText>();
  for (const text of texts) encoded.set(text, await encoder.encode(text));
  const judge = (context: TargetContext) => {
    const linear = linearTargetProbabilities(context);
    const states = encoded.get(context.text);
    const pooled = states && poolTarget(states, context.start, context.end);
    return sentimentFromProbabilities(pooled ? head.mixed(linear, pooled) : linear);
  };
  return { ...analyzeArticle(input, { ...options, targetSentiment: judge }), analyzerVersion: encoderAnalyzerVersion(head) };
}
