import type { ArticleAnalysis, ArticleText } from './analysis.types';
import { analyzeArticle, ANALYZER_VERSION, type AnalyzeOptions } from './article-analyzer';
import { linearTargetProbabilities, sentimentFromProbabilities, type TargetContext } from './sentiment';
import type { EncoderSentimentHead } from './sentiment/encoder/encoder-head';
import { poolTarget } from './sentiment/encoder/encoder-pooling';
import type { SentenceEncoder } from './sentiment/encoder/sentence-encoder.port';

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
  // First pass: which targets are judged in which contexts (at most MAX_ENCODED_CONTEXTS distinct contexts).
  const targetsByText = new Map<string, Array<{ start: number; end: number }>>();
  analyzeArticle(input, {
    ...options,
    targetSentiment: (context) => {
      const targets = targetsByText.get(context.text);
      if (targets) targets.push(context);
      else if (targetsByText.size < MAX_ENCODED_CONTEXTS) targetsByText.set(context.text, [context]);
      return { score: 0, label: 'neutral' };
    },
  });
  // Each context is encoded once and pooled for its targets at once, so only the pooled inputs are kept.
  const pooled = new Map<string, Float64Array | undefined>();
  for (const [text, targets] of targetsByText) {
    const encoded = await encoder.encode(text);
    for (const { start, end } of targets) pooled.set(targetKey(text, start, end), poolTarget(encoded, start, end));
  }
  const judge = (context: TargetContext) => {
    const linear = linearTargetProbabilities(context);
    const inputs = pooled.get(targetKey(context.text, context.start, context.end));
    return sentimentFromProbabilities(inputs ? head.mixed(linear, inputs) : linear);
  };
  return { ...analyzeArticle(input, { ...options, targetSentiment: judge }), analyzerVersion: encoderAnalyzerVersion(head) };
}

function targetKey(text: string, start: number, end: number): string {
  return `${start}:${end}:${text}`;
}
