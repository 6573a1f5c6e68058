import { AnalyzedArticle, MentionRow, SentimentBucketChange, StatementRow } from '@chronicle/domain';
import { SENTIMENT_ENTRIES_TABLE } from '@chronicle/persistence';
import { CopyColumn, copyStatement, copyText } from './pg-copy-text';

/** Rows of one table as a `COPY … FROM STDIN` statement and its data, encoded ahead of sending. */
export interface EncodedCopy {
  table: string;
  statement: string;
  text: string;
  rows: number;
}

function encodeCopy<T>(table: string, columns: ReadonlyArray<CopyColumn<T>>, rows: readonly T[]): EncodedCopy {
  return { table, statement: copyStatement(table, columns), text: copyText(rows, columns), rows: rows.length };
}

/** The mention and statement rows of analyses now in place. */
export interface EncodedContributionRows {
  mentions: EncodedCopy;
  statements: EncodedCopy;
}

export function encodeContributionRows(analyses: readonly AnalyzedArticle[]): EncodedContributionRows {
  return {
    mentions: encodeCopy(
      'mentions',
      MENTION_COLUMNS,
      analyses.flatMap((a) => a.mentions),
    ),
    statements: encodeCopy(
      'statements',
      STATEMENT_COLUMNS,
      analyses.flatMap((a) => a.statements),
    ),
  };
}

/** Sentiment deltas as rows appended to the ledger. */
export function encodeSentimentEntries(buckets: readonly SentimentBucketChange[]): EncodedCopy {
  return encodeCopy(SENTIMENT_ENTRIES_TABLE, SENTIMENT_ENTRY_COLUMNS, buckets);
}

const MENTION_COLUMNS: ReadonlyArray<CopyColumn<MentionRow>> = [
  { name: 'actor_id', value: (m) => m.actorId },
  { name: 'article_id', value: (m) => m.articleId },
  { name: 'outlet', value: (m) => m.outlet },
  { name: 'name', value: (m) => m.name },
  { name: 'kind', value: (m) => m.kind },
  { name: 'role', value: (m) => m.role },
  { name: 'aliases', value: (m) => m.aliases },
  { name: 'count', value: (m) => m.count },
  { name: 'sentiment_score', value: (m) => m.sentimentScore },
  { name: 'sentiment_label', value: (m) => m.sentimentLabel },
  { name: 'seen_at', value: (m) => m.seenAt },
];

const STATEMENT_COLUMNS: ReadonlyArray<CopyColumn<StatementRow>> = [
  { name: 'id', value: (s) => s.id },
  { name: 'article_id', value: (s) => s.articleId },
  { name: 'outlet', value: (s) => s.outlet },
  { name: 'speaker_id', value: (s) => s.speakerId },
  { name: 'speaker_name', value: (s) => s.speakerName },
  { name: 'kind', value: (s) => s.kind },
  { name: 'text', value: (s) => s.text },
  { name: 'cue', value: (s) => s.cue },
  { name: 'start_offset', value: (s) => s.startOffset },
  { name: 'end_offset', value: (s) => s.endOffset },
  { name: 'sentiment_score', value: (s) => s.sentimentScore },
  { name: 'sentiment_label', value: (s) => s.sentimentLabel },
  { name: 'cluster_id', value: (s) => s.clusterId },
  { name: 'said_at', value: (s) => s.saidAt },
];

const SENTIMENT_ENTRY_COLUMNS: ReadonlyArray<CopyColumn<SentimentBucketChange>> = [
  { name: 'actor_id', value: (b) => b.actorId },
  { name: 'bucket_start', value: (b) => b.bucketStart },
  { name: 'mentions', value: (b) => b.mentions },
  { name: 'articles', value: (b) => b.articles },
  { name: 'positive', value: (b) => b.positive },
  { name: 'neutral', value: (b) => b.neutral },
  { name: 'negative', value: (b) => b.negative },
  { name: 'score_micros', value: (b) => b.scoreMicros },
];
