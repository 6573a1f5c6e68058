import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** One row: the highest `actor_pair_entries.entry_id` a compaction round has looked at. */
@Entity({ name: 'actor_pair_compaction' })
@Check('actor_pair_compaction_singleton_check', 'singleton')
export class ActorPairCompactionEntity {
  @PrimaryColumn('boolean', { default: true }) singleton!: boolean;
  @Column('bigint', { name: 'compacted_through', default: 0 }) compactedThrough!: string;
  /** The highest entry id the sweep (`sweepLedger`) has looked at. */
  @Column('bigint', { name: 'swept_through', default: 0 }) sweptThrough!: string;
}
