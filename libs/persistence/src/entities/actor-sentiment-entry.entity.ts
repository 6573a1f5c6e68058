import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The append-only ledger the `actor_sentiment` view sums into hours and days: one row per actor and hour a projector
 * batch changed (negative for removed articles), with the id of the transaction that wrote it (`xact`): the running
 * totals hold every entry below their mark (`actor_sentiment_compaction.totalled_below`). Rounds fold an hour's entries
 * into one once it has piled up a few.
 *
 * Two things here are beyond TypeORM. The table has no primary key (TypeORM requires one), so
 * `entryId`, unique as an identity column, is declared primary; `synchronize: false` keeps the
 * schema builder from adding the constraint (the drift test checks everything else about this
 * table). `actor_sentiment_entries_entry_idx` is a BRIN index (`USING brin (entry_id)`);
 * `actor_sentiment_entries_start_idx` is (bucket_start) INCLUDE (actor_id, mentions, articles, score_micros) over the
 * hour entries; `@Index` can say neither, so they are declared for the record only. `actor_sentiment_entries_xact_idx`
 * is a B-tree on `xact`, through which a round reads the entries since its mark.
 */
@Entity({ name: 'actor_sentiment_entries', synchronize: false })
@Check('actor_sentiment_entries_granularity_check', `"granularity" = 'hour'`)
@Index('actor_sentiment_entries_bucket_idx', ['actorId', 'granularity', 'bucketStart'])
@Index('actor_sentiment_entries_start_idx', { synchronize: false })
@Index('actor_sentiment_entries_entry_idx', { synchronize: false })
@Index('actor_sentiment_entries_xact_idx', ['xact'])
export class ActorSentimentEntryEntity {
  @PrimaryGeneratedColumn('identity', { name: 'entry_id', type: 'bigint', generatedIdentity: 'ALWAYS' })
  entryId!: string;
  @Column('text', { name: 'actor_id' }) actorId!: string;
  @Column('text') granularity!: 'hour';
  @Column('timestamptz', { name: 'bucket_start' }) bucketStart!: Date;
  @Column('int') mentions!: number;
  @Column('int') articles!: number;
  @Column('int') positive!: number;
  @Column('int') neutral!: number;
  @Column('int') negative!: number;
  @Column('bigint', { name: 'score_micros' }) scoreMicros!: string;
  /** The writing transaction's id (`txid_current()`, `pg_current_xact_id()` as a bigint); 0 for rows a round folded, which are in the totals. */
  @Column('bigint', { default: () => 'txid_current()' }) xact!: string;
}
