import { encodeCopy } from '../sql/encode-copy';
import { CopyColumn } from '../sql/pg-copy-text';
import { EncodedCopy, SqlSession } from '../sql/sql-session';
import { SentimentBucketChange } from './fold';
import { SENTIMENT_ENTRIES_TABLE } from './tables';

const ENTRY_COLUMNS: ReadonlyArray<CopyColumn<SentimentBucketChange>> = [
  { name: 'actor_id', value: (b) => b.actorId },
  { name: 'granularity', value: (b) => b.granularity },
  { name: 'bucket_start', value: (b) => b.bucketStart },
  { name: 'mentions', value: (b) => b.mentions },
  { name: 'articles', value: (b) => b.articles },
  { name: 'positive', value: (b) => b.positive },
  { name: 'neutral', value: (b) => b.neutral },
  { name: 'negative', value: (b) => b.negative },
  { name: 'score_micros', value: (b) => b.scoreMicros },
];

/** Sentiment deltas as rows appended to the ledger. */
export function encodeSentimentEntries(buckets: readonly SentimentBucketChange[]): EncodedCopy {
  return encodeCopy(SENTIMENT_ENTRIES_TABLE, ENTRY_COLUMNS, buckets);
}

/** Appended to the ledger: no row lock, so concurrent batches never wait on each other here. */
export async function writeSentimentEntries(session: SqlSession, entries: EncodedCopy): Promise<void> {
  await session.copy(entries);
}
