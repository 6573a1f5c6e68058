import { Column, Entity, Generated, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'statements' })
@Index('statements_speaker_time_idx', ['speakerId', 'saidAt', 'id'])
@Index('statements_said_at_idx', ['saidAt', 'id'])
@Index('statements_seq_idx', ['seq'], { unique: true })
@Index('statements_stream_idx', ['xactId', 'seq'], { unique: true })
@Index('statements_article_idx', ['articleId'])
@Index('statements_cluster_idx', ['clusterId', 'outlet'])
export class StatementEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'article_id' }) articleId!: string;
  @Column('text', { name: 'speaker_id', nullable: true }) speakerId!: string | null;
  @Column('text', { name: 'speaker_name', nullable: true }) speakerName!: string | null;
  @Column('text') kind!: 'direct' | 'indirect';
  @Column('text') text!: string;
  @Column('text', { nullable: true }) cue!: string | null;
  @Column('int', { name: 'start_offset' }) startOffset!: number;
  @Column('int', { name: 'end_offset' }) endOffset!: number;
  @Column('real', { name: 'sentiment_score' }) sentimentScore!: number;
  @Column('text', { name: 'sentiment_label' }) sentimentLabel!: string;
  /** Same speaker + same normalised words: the quote re-run by other outlets shares it. */
  @Column('text', { name: 'cluster_id' }) clusterId!: string;
  @Column('timestamptz', { name: 'said_at' }) saidAt!: Date;
  @Column('text', { nullable: true }) outlet!: string | null;
  /** The text's English-stemmed words, kept by Postgres; never written. TypeORM cannot declare a GIN index, so it leaves this one alone. */
  @Index('statements_search_idx', { synchronize: false })
  @Column({
    type: 'tsvector',
    name: 'search_vector',
    nullable: true,
    generatedType: 'STORED',
    asExpression: "to_tsvector('english', text)",
    select: false,
    insert: false,
    update: false,
  })
  searchVector!: string | null;
  /**
   * Stream position (`GET /v1/statements/stream`), from `statements_seq_seq`, which no table owns so a
   * rebuild's shadow table shares it. A bigint, so a string here.
   */
  @Column('bigint')
  @Generated('increment')
  seq!: string;
  /**
   * The inserting transaction's id (`pg_current_xact_id()`): the stream reads in (`xact_id`, `seq`) order, and only
   * rows of transactions older than any still running, so a late commit never lands behind a reader (migration
   * StreamCommitOrder).
   */
  @Column('bigint', { name: 'xact_id', default: () => 'current_xact_id_bigint()', select: false })
  xactId!: string;
}
