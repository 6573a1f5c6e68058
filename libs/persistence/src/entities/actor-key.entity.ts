import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A dense integer key per actor: its slot in the running totals (`actor_totals_by_day`), handed out when first needed. */
@Entity({ name: 'actor_keys' })
@Unique('actor_keys_actor_id_unique', ['actorId'])
export class ActorKeyEntity {
  @PrimaryGeneratedColumn('identity', { type: 'integer', generatedIdentity: 'ALWAYS' }) key!: number;
  @Column('text', { name: 'actor_id' }) actorId!: string;
}
