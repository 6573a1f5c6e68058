import {
  ARTICLE_REVISED,
  ARTICLE_SUBMITTED,
  ArticleAnalyzedEvent,
  ChronicleEvent,
  withSanitizedText,
} from '@chronicle/contracts';
import { loadArticleAnalyzer, type LoadedArticleAnalyzer } from '@chronicle/sentence-encoder';
import { analyzeSubmission } from './analyze-submission';

/** An event of the articles topic and the offset it was read at. */
export interface ArticleLogEntry {
  event: ChronicleEvent;
  offset: string;
}

/** What one analysis task carries to a worker thread (structured-clone safe). */
export interface AnalysisTask {
  entries: readonly ArticleLogEntry[];
  analyzedAt: string;
  /** The largest event the publisher sends; larger analyses are cut to fit (see `analyzeSubmission`). */
  maxEventBytes?: number;
  /** Whether sentiment toward actors mixes in the sentiment encoder (ENRICH_SENTIMENT_ENCODER). */
  sentimentEncoder: boolean;
}

/**
 * This thread's extractor, one per setting, loaded on the first task that needs it: the encoder's session takes
 * most of a second and some 100 MB, so a thread loads it once and keeps it (it holds no state between articles).
 */
const analyzers = new Map<boolean, Promise<LoadedArticleAnalyzer>>();

function analyzerFor(sentimentEncoder: boolean): Promise<LoadedArticleAnalyzer> {
  let analyzer = analyzers.get(sentimentEncoder);
  if (analyzer === undefined) {
    // One encoder thread each: enrich already runs one analysis thread per core.
    analyzer = loadArticleAnalyzer({ sentimentEncoder, threads: 1 });
    analyzers.set(sentimentEncoder, analyzer);
  }
  return analyzer;
}

/**
 * The ArticleAnalyzed events for the submissions and revisions among `entries`, in their order (retractions need
 * no analysis: projections read them from the articles topic). Text is sanitized again first: articles logged
 * before ingest sanitized them must not poison the analyses. Deterministic for its input and setting: it runs on a
 * worker thread of the analysis pool, or inline when the pool has no threads.
 */
export async function analyzeBatch({
  entries,
  analyzedAt,
  maxEventBytes,
  sentimentEncoder,
}: AnalysisTask): Promise<ArticleAnalyzedEvent[]> {
  const { analyze } = await analyzerFor(sentimentEncoder);
  const analyses: ArticleAnalyzedEvent[] = [];
  for (const { event, offset } of entries)
    if (event.type === ARTICLE_SUBMITTED || event.type === ARTICLE_REVISED)
      analyses.push(await analyzeSubmission(withSanitizedText(event), analyze, analyzedAt, offset, maxEventBytes));
  return analyses;
}
