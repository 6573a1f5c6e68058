import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The append-only ledger the `actor_sentiment` view sums: one row per actor and hour a projector
 * batch changed (negative for removed articles), folded later into one flagged row per hour and one
 * per day by the running totals rounds.
 *
 * Two things here are beyond TypeORM. The table has no primary key (TypeORM requires one), so
 * `entryId`, unique as an identity column, is declared primary; `synchronize: false` keeps the
 * schema builder from adding the constraint (the drift test checks everything else about this
 * table). `actor_sentiment_entries_entry_idx` is a BRIN index (`USING brin (entry_id)`);
 * `actor_sentiment_entries_start_idx` is (bucket_start) INCLUDE (actor_id, mentions, articles, score_micros) over
 * the hour entries, and `actor_sentiment_entries_untotalled_idx` the same over the hour entries not yet in the
 * running totals; `@Index` can say none of them, so they are declared for the record only.
 */
@Entity({ name: 'actor_sentiment_entries', synchronize: false })
@Check('actor_sentiment_entries_granularity_check', `"granularity" IN ('hour', 'day')`)
@Index('actor_sentiment_entries_bucket_idx', ['actorId', 'granularity', 'bucketStart'])
@Index('actor_sentiment_entries_start_idx', { synchronize: false })
@Index('actor_sentiment_entries_entry_idx', { synchronize: false })
@Index('actor_sentiment_entries_untotalled_idx', { synchronize: false })
export class ActorSentimentEntryEntity {
  @PrimaryGeneratedColumn('identity', { name: 'entry_id', type: 'bigint', generatedIdentity: 'ALWAYS' })
  entryId!: string;
  @Column('text', { name: 'actor_id' }) actorId!: string;
  @Column('text') granularity!: 'hour' | 'day';
  @Column('timestamptz', { name: 'bucket_start' }) bucketStart!: Date;
  @Column('int') mentions!: number;
  @Column('int') articles!: number;
  @Column('int') positive!: number;
  @Column('int') neutral!: number;
  @Column('int') negative!: number;
  @Column('bigint', { name: 'score_micros' }) scoreMicros!: string;
  /** Whether the entry's sums are in the running totals (`actor_totals_by_day`) and its flagged day row; batches append unflagged hour entries. */
  @Column('boolean', { default: false }) totalled!: boolean;
}
