import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ArticleStatus = 'live' | 'revised' | 'retracted';

@Entity({ name: 'articles' })
export class ArticleEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { nullable: true }) url!: string | null;
  @Column('text', { nullable: true }) outlet!: string | null;
  @Column('text') title!: string;
  @Column('text') body!: string;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt!: Date | null;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  @Column('text', { default: 'live' }) status!: ArticleStatus;
  @Column('text', { name: 'analyzer_version', nullable: true }) analyzerVersion!: string | null;
  @Column('text', { name: 'analysis_event_id', nullable: true }) analysisEventId!: string | null;
  @Column('timestamptz', { name: 'analyzed_at', nullable: true }) analyzedAt!: Date | null;
}
