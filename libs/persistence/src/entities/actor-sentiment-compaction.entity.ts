import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row, which the running totals round takes so that one process works on the sentiment ledger at a time, and
 * the mark below which every entry's transaction (`xact`) is in the running totals.
 */
@Entity({ name: 'actor_sentiment_compaction' })
@Check('actor_sentiment_compaction_singleton_check', 'singleton')
export class ActorSentimentCompactionEntity {
  @PrimaryColumn('boolean', { default: true }) singleton!: boolean;
  @Column('bigint', { name: 'totalled_below', default: 0 }) totalledBelow!: string;
}
