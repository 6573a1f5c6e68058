import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `actors_search_idx` is a trigram GIN index on `actor_search_text(name, aliases)` (migration
 * ActorNameSearch), which `@Index` cannot express; it is declared for the record only.
 */
@Entity({ name: 'actors' })
@Index('actors_search_idx', { synchronize: false })
export class ActorEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text') kind!: 'person' | 'organization';
  @Column('text', { nullable: true }) role!: string | null;
  @Column('text', { array: true, default: () => "'{}'" }) aliases!: string[];
  @Column('timestamptz', { name: 'first_seen' }) firstSeen!: Date;
  @Column('timestamptz', { name: 'last_seen' }) lastSeen!: Date;
  @Column('int', { name: 'mention_count', default: 0 }) mentionCount!: number;
  @Column('int', { name: 'article_count', default: 0 }) articleCount!: number;
  @Column('int', { name: 'statement_count', default: 0 }) statementCount!: number;
}
