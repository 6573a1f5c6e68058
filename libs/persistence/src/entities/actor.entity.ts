import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `actors_search_idx` is a trigram GIN index on `search_text` (migrations ActorNameSearch and
 * ActorSearchText), which `@Index` cannot express; it is declared for the record only.
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
  /** The name and aliases, newline-joined and lower-cased, for `/v1/actors?q=`; kept by Postgres, never written. */
  @Column({
    type: 'text',
    name: 'search_text',
    nullable: true,
    generatedType: 'STORED',
    asExpression: 'lower(actor_search_text(name, aliases))',
    select: false,
    insert: false,
    update: false,
  })
  searchText!: string | null;
}
