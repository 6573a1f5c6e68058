import { compactLedger, Ledger, LedgerCompaction } from '../sql/ledger-compaction';
import { SqlRunner } from '../sql/sql-session';
import { SENTIMENT_COMPACTION_TABLE, SENTIMENT_ENTRIES_TABLE } from './tables';

/**
 * The sentiment ledger: deltas per actor, granularity and bucket, and whether they are in the running totals yet
 * (entries in and out of them are kept apart, so each stays counted once). Compaction rounds fold hour entries; day
 * entries are folded as they move into the running totals (`totalDayEntries`).
 */
export const SENTIMENT_LEDGER: Ledger = {
  entries: SENTIMENT_ENTRIES_TABLE,
  compaction: SENTIMENT_COMPACTION_TABLE,
  key: ['actor_id', 'granularity', 'bucket_start', 'totalled'],
  sums: ['mentions', 'articles', 'positive', 'neutral', 'negative', 'score_micros'],
  compacted: "granularity = 'hour'",
};

/** Folds the new entries of each (actor, hour) into one row: {@link compactLedger}. */
export function compactSentimentEntries(manager: SqlRunner, maxEntries = 200_000): Promise<LedgerCompaction> {
  return compactLedger(manager, SENTIMENT_LEDGER, maxEntries);
}
