import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One actor in one article: how often it is named and the sentiment toward it there. The
 * actor's name, kind, role and aliases as this article gave them are kept so the actor's
 * aggregate can be recomputed when the article is revised or retracted.
 */
@Entity({ name: 'mentions' })
@Index('mentions_article_idx', ['articleId'])
export class MentionEntity {
  @PrimaryColumn('text', { name: 'actor_id' }) actorId!: string;
  @PrimaryColumn('text', { name: 'article_id' }) articleId!: string;
  @Column('int') count!: number;
  @Column('real', { name: 'sentiment_score' }) sentimentScore!: number;
  @Column('text', { name: 'sentiment_label' }) sentimentLabel!: string;
  @Column('timestamptz', { name: 'seen_at' }) seenAt!: Date;
  @Column('text', { nullable: true }) outlet!: string | null;
  @Column('text', { default: '' }) name!: string;
  @Column('text', { default: 'person' }) kind!: 'person' | 'organization';
  @Column('text', { nullable: true }) role!: string | null;
  @Column('text', { array: true, default: () => "'{}'" }) aliases!: string[];
}
