import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One actor in one article: how often it is named and the sentiment toward it there. */
@Entity({ name: 'mentions' })
export class MentionEntity {
  @PrimaryColumn('text', { name: 'actor_id' }) actorId!: string;
  @PrimaryColumn('text', { name: 'article_id' }) articleId!: string;
  @Column('int') count!: number;
  @Column('real', { name: 'sentiment_score' }) sentimentScore!: number;
  @Column('text', { name: 'sentiment_label' }) sentimentLabel!: string;
  @Column('timestamptz', { name: 'seen_at' }) seenAt!: Date;
}
