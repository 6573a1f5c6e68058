import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** How many of an outlet's articles name an actor. */
@Entity({ name: 'outlet_actors' })
@Index('outlet_actors_actor_idx', ['actorId'])
export class OutletActorEntity {
  @PrimaryColumn('text') outlet!: string;
  @PrimaryColumn('text', { name: 'actor_id' }) actorId!: string;
  @Column('int') articles!: number;
}
