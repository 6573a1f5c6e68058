import { ArticleStatus } from '@chronicle/read-models';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * `articles_stances_idx` is a GIN index on `stances` (`jsonb_path_ops`, migration ArticleStancesBySpeaker), which
 * `@Index` cannot express; it is declared for the record only.
 */
@Entity({ name: 'articles' })
@Index('articles_stances_idx', { synchronize: false })
@Index('articles_contributed_outlet_idx', ['contributedOutlet', 'contributedAt'], {
  where: 'contributed_outlet IS NOT NULL',
})
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
  /** Log offsets of what the row holds: a replayed older event never overwrites a newer one. */
  @Column('bigint', { name: 'content_offset', nullable: true }) contentOffset!: string | null;
  @Column('bigint', { name: 'analysis_offset', nullable: true }) analysisOffset!: string | null;
  @Column('bigint', { name: 'retracted_offset', nullable: true }) retractedOffset!: string | null;
  @Column('timestamptz', { name: 'retracted_at', nullable: true }) retractedAt!: Date | null;
  @Column('text', { name: 'retraction_reason', nullable: true }) retractionReason!: string | null;
  /** The outlet the article counts toward in the outlet aggregates (null when it counts toward none). */
  @Column('text', { name: 'contributed_outlet', nullable: true }) contributedOutlet!: string | null;
  @Column('timestamptz', { name: 'contributed_at', nullable: true }) contributedAt!: Date | null;
  /** The stances of the analysis in place, as the API shows them (read-models StanceRow). */
  @Column('jsonb', { default: () => "'[]'" }) stances!: unknown[];
}
