import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Part of one actor's packed co-mentions in one UTC week (from Monday): 8-byte slots of the other actor's pair key and
 * the articles they share (a change row's may be negative), int32 big-endian, in key order. `part` 0 is the week's
 * merged row, the others the changes projector batches (and packing rounds, from older ledger entries) added since,
 * which the partial index finds, with the id of the transaction that wrote them (`xact`; 0 for rows from before it was
 * kept), through which the packing round finds the weeks changed since its last round. Stored uncompressed out of line
 * (`STORAGE EXTERNAL`, which TypeORM cannot declare).
 */
@Entity({ name: 'actor_pair_vectors' })
@Index('actor_pair_vectors_changes', ['actorId', 'week'], { where: 'part <> 0' })
@Index('actor_pair_vectors_xact_idx', ['xact'], { where: 'part <> 0' })
export class ActorPairVectorEntity {
  @PrimaryColumn('text', { name: 'actor_id' }) actorId!: string;
  @PrimaryColumn('date') week!: string;
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' }) part!: string;
  @Column('bytea') others!: Buffer;
  /** The writing transaction's id (`txid_current()`). */
  @Column('bigint', { default: () => 'txid_current()' }) xact!: string;
}
