import { EncodedCopy } from '../sql/sql-session';
import { sentimentRows } from './rows';
import { AggregateSlice } from '../read-model-slice';
import { deriveSentimentEntries } from './derive';
import { SentimentBucketChange, SentimentBucketsFold } from './fold';
import {
  ACTOR_KEYS_TABLE,
  ACTOR_TOTALS_TABLE,
  actorSentimentSelect,
  SENTIMENT_COMPACTION_TABLE,
  SENTIMENT_ENTRIES_TABLE,
} from './tables';
import { encodeSentimentEntries, writeSentimentEntries } from './write';

/** Sentiment toward each actor per UTC hour and day: a ledger of deltas and the view summing it. */
export const actorSentimentSlice: AggregateSlice<'actorSentiment', SentimentBucketChange[], EncodedCopy> = {
  name: 'actorSentiment',
  // Compaction and totalling lock the ledger before its row, then the keys and totals, as a rebuild's swap does (in this order).
  tables: [SENTIMENT_ENTRIES_TABLE, SENTIMENT_COMPACTION_TABLE, ACTOR_KEYS_TABLE, ACTOR_TOTALS_TABLE],
  // The mark is not derived: a new schema's first round makes its row (at 0). Nor are the running totals: derived
  // entries are above the mark, which reads sum exactly, until the worker's first round adds them.
  derivedTables: [SENTIMENT_ENTRIES_TABLE],
  views: [{ name: 'actor_sentiment', select: actorSentimentSelect }],
  startFold: () => new SentimentBucketsFold(),
  encode: encodeSentimentEntries,
  write: writeSentimentEntries,
  derive: deriveSentimentEntries,
  rows: sentimentRows,
};
