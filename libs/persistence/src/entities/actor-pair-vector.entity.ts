import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One actor's packed co-mentions in one UTC week (from Monday): 8-byte slots of the other actor's pair key and the
 * articles they share, int32 big-endian, in key order. Stored uncompressed out of line (`STORAGE EXTERNAL`, which
 * TypeORM cannot declare).
 */
@Entity({ name: 'actor_pair_vectors' })
export class ActorPairVectorEntity {
  @PrimaryColumn('text', { name: 'actor_id' }) actorId!: string;
  @PrimaryColumn('date') week!: string;
  @Column('bytea') others!: Buffer;
}
