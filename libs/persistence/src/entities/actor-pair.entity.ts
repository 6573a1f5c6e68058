import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** How many live articles of one UTC week (from Monday) mention both actors (each pair is stored in both directions). */
@Entity({ name: 'actor_pairs' })
@Check('actor_pairs_week_check', 'extract(isodow FROM week) = 1')
export class ActorPairEntity {
  @PrimaryColumn('text', { name: 'actor_id' }) actorId!: string;
  @PrimaryColumn('date') week!: string;
  @PrimaryColumn('text', { name: 'other_actor_id' }) otherActorId!: string;
  @Column('int') articles!: number;
}
