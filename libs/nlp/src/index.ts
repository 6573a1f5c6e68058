export * from './analysis.types';
export { analyzeArticle, ANALYZER_VERSION, type AnalyzeOptions } from './article-analyzer';
export * from './sentiment';
