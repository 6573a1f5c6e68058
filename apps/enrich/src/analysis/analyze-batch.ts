import {
  ARTICLE_REVISED,
  ARTICLE_SUBMITTED,
  ArticleAnalyzedEvent,
  ChronicleEvent,
  withSanitizedText,
} from '@chronicle/contracts';
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
}

/**
 * The ArticleAnalyzed events for the submissions and revisions among `entries`, in their order (retractions need
 * no analysis: projections read them from the articles topic). Text is sanitized again first: articles logged
 * before ingest sanitized them must not poison the analyses. Pure and synchronous: it runs on a worker thread of
 * the analysis pool, or inline when the pool has no threads.
 */
export function analyzeBatch({ entries, analyzedAt, maxEventBytes }: AnalysisTask): ArticleAnalyzedEvent[] {
  return entries.flatMap(({ event, offset }) =>
    event.type === ARTICLE_SUBMITTED || event.type === ARTICLE_REVISED
      ? [analyzeSubmission(withSanitizedText(event), analyzedAt, offset, maxEventBytes)]
      : [],
  );
}
