import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Part of one actor's packed co-mentions in one UTC week (from Monday): 8-byte slots of the other actor's pair key and
 * the articles they share (a change row's may be negative), int32 big-endian, in key order. `part` 0 is the week's
 * merged row, the others the changes projector batches (and packing rounds, from older ledger entries) added since,
 * which the partial index finds. Stored uncompressed out of line (`STORAGE
 * EXTERNAL`, which TypeORM cannot declare).
 */
@Entity({ name: 'actor_pair_vectors' })
@Index('actor_pair_vectors_changes', ['actorId', 'week'], { where: 'part <> 0' })
export class ActorPairVectorEntity {
  @PrimaryColumn('text', { name: 'actor_id' }) actorId!: string;
  @PrimaryColumn('date') week!: string;
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' }) part!: string;
  @Column('bytea') others!: Buffer;
}
