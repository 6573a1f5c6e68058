import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { NoveltyClusterEntity } from './novelty-cluster.entity';

/** A statement in a novelty cluster; deleting the cluster deletes its members. */
@Entity({ name: 'novelty_cluster_members' })
@Index('novelty_cluster_members_cluster_article_idx', ['clusterId', 'articleId'])
export class NoveltyClusterMemberEntity {
  @PrimaryColumn('text', { name: 'statement_id' }) statementId!: string;
  @Column('text', { name: 'cluster_id' })
  @ForeignKey(() => NoveltyClusterEntity, { name: 'novelty_cluster_members_cluster_id_fkey', onDelete: 'CASCADE' })
  clusterId!: string;
  @Column('text', { name: 'article_id' }) articleId!: string;
  @Column('text', { nullable: true }) outlet!: string | null;
  @Column('real') similarity!: number;
  @Column('timestamptz', { name: 'said_at' }) saidAt!: Date;
}
