import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** One row: the highest `actor_sentiment_entries.entry_id` already compacted into hour rows. */
@Entity({ name: 'actor_sentiment_compaction' })
@Check('actor_sentiment_compaction_singleton_check', 'singleton')
export class ActorSentimentCompactionEntity {
  @PrimaryColumn('boolean', { default: true }) singleton!: boolean;
  @Column('bigint', { name: 'compacted_through', default: 0 }) compactedThrough!: string;
}
