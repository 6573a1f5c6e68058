import {
  analyzeArticle,
  analyzeArticleWithEncoder,
  ANALYZER_VERSION,
  encoderAnalyzerVersion,
  shippedEncoderHead,
  type ArticleAnalyzer,
} from '@chronicle/nlp';
import { OnnxSentenceEncoder } from './onnx-sentence-encoder';

export interface LoadedArticleAnalyzer {
  analyze: ArticleAnalyzer;
  /** The `analyzerVersion` its analyses carry. */
  version: string;
  /** Releases the encoder's native session (nothing to release without it). */
  close(): Promise<void>;
}

/**
 * The extractor with the sentiment encoder stage (the shipped encoder and head), or the extractor alone. `threads`
 * caps the encoder's own threads: 1 where the caller already runs one analysis per core (enrich's worker threads).
 */
export async function loadArticleAnalyzer(options: {
  sentimentEncoder: boolean;
  threads?: number;
}): Promise<LoadedArticleAnalyzer> {
  if (!options.sentimentEncoder) return { analyze: analyzeArticle, version: ANALYZER_VERSION, close: async () => {} };
  const encoder = await OnnxSentenceEncoder.load({ threads: options.threads ?? 1 });
  const stage = { encoder, head: shippedEncoderHead() };
  return {
    analyze: (input) => analyzeArticleWithEncoder(input, stage),
    version: encoderAnalyzerVersion(stage.head),
    close: () => encoder.close(),
  };
}
