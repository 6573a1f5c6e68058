import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** One row, which the packing round takes so that one process packs at a time (`compacted_through` is unused since packing replaced compaction). */
@Entity({ name: 'actor_pair_compaction' })
@Check('actor_pair_compaction_singleton_check', 'singleton')
export class ActorPairCompactionEntity {
  @PrimaryColumn('boolean', { default: true }) singleton!: boolean;
  @Column('bigint', { name: 'compacted_through', default: 0 }) compactedThrough!: string;
}
