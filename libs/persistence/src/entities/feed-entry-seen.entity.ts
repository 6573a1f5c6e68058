import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { FeedSourceEntity } from './feed-source.entity';

/** An entry already submitted from a source; deleting the source forgets its entries. */
@Entity({ name: 'feed_entries_seen' })
export class FeedEntrySeenEntity {
  @PrimaryColumn('uuid', { name: 'source_id' })
  @ForeignKey(() => FeedSourceEntity, { name: 'feed_entries_seen_source_id_fkey', onDelete: 'CASCADE' })
  sourceId!: string;
  @PrimaryColumn('text') guid!: string;
  @Column('timestamptz', { name: 'seen_at', default: () => 'now()' }) seenAt!: Date;
}
