import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many live articles of one UTC day mention both actors (each pair is stored in both directions). */
@Entity({ name: 'actor_pairs' })
export class ActorPairEntity {
  @PrimaryColumn('text', { name: 'actor_id' }) actorId!: string;
  @PrimaryColumn('date') day!: string;
  @PrimaryColumn('text', { name: 'other_actor_id' }) otherActorId!: string;
  @Column('int') articles!: number;
}
