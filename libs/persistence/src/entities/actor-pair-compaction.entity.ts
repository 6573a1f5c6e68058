import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row, which the packing round takes so that one process packs at a time, and the mark below which every change
 * row's transaction (`actor_pair_vectors.xact`) has had its week probed for merging.
 */
@Entity({ name: 'actor_pair_compaction' })
@Check('actor_pair_compaction_singleton_check', 'singleton')
export class ActorPairCompactionEntity {
  @PrimaryColumn('boolean', { default: true }) singleton!: boolean;
  @Column('bigint', { name: 'merged_below', default: 0 }) mergedBelow!: string;
}
