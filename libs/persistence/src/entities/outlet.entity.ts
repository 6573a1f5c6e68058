import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'outlets' })
export class OutletEntity {
  @PrimaryColumn('text') outlet!: string;
  @Column('int', { name: 'article_count' }) articleCount!: number;
  @Column('int', { name: 'actor_count' }) actorCount!: number;
  @Column('timestamptz', { name: 'first_seen', nullable: true }) firstSeen!: Date | null;
  @Column('timestamptz', { name: 'last_seen', nullable: true }) lastSeen!: Date | null;
}
