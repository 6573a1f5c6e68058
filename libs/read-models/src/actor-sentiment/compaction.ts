import { Ledger } from '../sql/ledger-compaction';
import { SENTIMENT_COMPACTION_TABLE, SENTIMENT_ENTRIES_TABLE } from './tables';

/**
 * The sentiment ledger: deltas per actor and hour (the granularity is always `hour`: days are summed from hours).
 * The running totals rounds (`totalHourEntries`) take its compaction row, and fold crowded hours.
 */
export const SENTIMENT_LEDGER: Ledger = {
  entries: SENTIMENT_ENTRIES_TABLE,
  compaction: SENTIMENT_COMPACTION_TABLE,
  key: ['actor_id', 'granularity', 'bucket_start'],
  sums: ['mentions', 'articles', 'positive', 'neutral', 'negative', 'score_micros'],
};
