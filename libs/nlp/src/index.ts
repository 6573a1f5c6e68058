export * from './analysis.types';
export { analyzeArticle, ANALYZER_VERSION } from './article-analyzer';
export * from './sentiment';
