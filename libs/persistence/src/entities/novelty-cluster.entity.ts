import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One actor's near-duplicate group of statements. `novelty_clusters_actor_shingles_idx` is a GIN
 * index (`USING gin (actor_id, shingles)` with btree_gin, finding an actor's clusters that share
 * any shingle); `@Index` cannot say which access method, so it is declared for the record only and
 * the schema builder leaves it alone.
 */
@Entity({ name: 'novelty_clusters' })
@Index('novelty_clusters_actor_idx', ['actorId', 'openedAt'])
@Index('novelty_clusters_actor_shingles_idx', { synchronize: false })
export class NoveltyClusterEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'actor_id' }) actorId!: string;
  @Column('text') text!: string;
  /** Hashed word 3-grams (libs/domain novelty). */
  @Column('int4', { array: true }) shingles!: number[];
  @Column('text', { name: 'first_statement_id' }) firstStatementId!: string;
  @Column('text', { name: 'first_article_id' }) firstArticleId!: string;
  @Column('text', { name: 'first_article_url', nullable: true }) firstArticleUrl!: string | null;
  @Column('text', { name: 'first_outlet', nullable: true }) firstOutlet!: string | null;
  @Column('timestamptz', { name: 'first_said_at' }) firstSaidAt!: Date;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
  @Column('int', { name: 'statement_count', default: 1 }) statementCount!: number;
  @Column('int', { name: 'article_count', default: 1 }) articleCount!: number;
  @Column('int', { name: 'outlet_count', default: 0 }) outletCount!: number;
  @Column('text', { array: true, default: () => "'{}'" }) outlets!: string[];
  @Column('timestamptz', { name: 'last_seen_at' }) lastSeenAt!: Date;
}
