import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Running totals: per UTC day, every actor's sentiment entries below the mark (`actor_sentiment_compaction.totalled_below`)
 * of all days before `day`, summed and packed by actor key (16 bytes a slot: mentions, articles, score micro-units). Stored uncompressed out of line
 * (`STORAGE EXTERNAL`, which TypeORM cannot declare).
 */
@Entity({ name: 'actor_totals_by_day' })
export class ActorTotalsByDayEntity {
  @PrimaryColumn('timestamptz') day!: Date;
  @Column('bytea') totals!: Buffer;
}
