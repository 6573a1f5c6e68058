export * from './analysis.types';
export { analyzeArticle, ANALYZER_VERSION, type AnalyzeOptions } from './article-analyzer';
export * from './sentiment';
export { UNNAMED_SPEAKER_PREFIX } from './statements/unnamed-source';
export * from './sentiment/encoder';
export {
  analyzeArticleWithEncoder,
  encoderAnalyzerVersion,
  MAX_ENCODED_CONTEXTS,
  type ArticleAnalyzer,
  type SentimentEncoderStage,
} from './article-analyzer-with-encoder';
