import { Ledger } from '../sql/ledger-compaction';
import { SENTIMENT_COMPACTION_TABLE, SENTIMENT_ENTRIES_TABLE } from './tables';

/**
 * The sentiment ledger: deltas per actor, granularity and bucket, and whether they are in the running totals yet
 * (entries in and out of them are kept apart, so each stays counted once). Its entries are folded as they move into
 * the running totals (`totalHourEntries`), which takes its compaction row.
 */
export const SENTIMENT_LEDGER: Ledger = {
  entries: SENTIMENT_ENTRIES_TABLE,
  compaction: SENTIMENT_COMPACTION_TABLE,
  key: ['actor_id', 'granularity', 'bucket_start', 'totalled'],
  sums: ['mentions', 'articles', 'positive', 'neutral', 'negative', 'score_micros'],
};
