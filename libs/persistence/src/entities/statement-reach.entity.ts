import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How far one statement cluster (a quote re-run by other outlets) travelled, and where it started. */
@Entity({ name: 'statement_reach' })
export class StatementReachEntity {
  @PrimaryColumn('text', { name: 'cluster_id' }) clusterId!: string;
  @Column('text', { name: 'speaker_id', nullable: true }) speakerId!: string | null;
  @Column('int', { name: 'statement_count', default: 0 }) statementCount!: number;
  @Column('int', { name: 'outlet_count', default: 0 }) outletCount!: number;
  @Column('text', { name: 'first_statement_id', nullable: true }) firstStatementId!: string | null;
  @Column('text', { name: 'first_article_id', nullable: true }) firstArticleId!: string | null;
  @Column('text', { name: 'first_outlet', nullable: true }) firstOutlet!: string | null;
  @Column('timestamptz', { name: 'first_seen', nullable: true }) firstSeen!: Date | null;
  @Column('timestamptz', { name: 'last_seen', nullable: true }) lastSeen!: Date | null;
}
