import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A dense integer key per co-mentioned actor: its name in a packed week (`actor_pair_vectors`), handed out when first packed. */
@Entity({ name: 'actor_pair_keys' })
@Unique('actor_pair_keys_actor_id_unique', ['actorId'])
export class ActorPairKeyEntity {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'ALWAYS' }) key!: number;
  @Column('text', { name: 'actor_id' }) actorId!: string;
}
