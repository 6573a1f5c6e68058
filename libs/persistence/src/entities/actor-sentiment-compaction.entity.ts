import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** One row, which the running totals round takes so that one process rewrites the sentiment ledger at a time (`compacted_through` is unused since that round folds by key). */
@Entity({ name: 'actor_sentiment_compaction' })
@Check('actor_sentiment_compaction_singleton_check', 'singleton')
export class ActorSentimentCompactionEntity {
  @PrimaryColumn('boolean', { default: true }) singleton!: boolean;
  @Column('bigint', { name: 'compacted_through', default: 0 }) compactedThrough!: string;
}
