import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The append-only ledger the `actor_pairs` view sums: one row per (actor, UTC week from Monday, other actor) a
 * projector batch changed, negative for removed articles, compacted later into one row per key. Each pair is
 * stored in both directions.
 *
 * As with `actor_sentiment_entries`, the table has no primary key (TypeORM requires one), so `entryId`, unique
 * as an identity column, is declared primary and `synchronize: false` keeps the schema builder from adding the
 * constraint; `actor_pair_entries_entry_idx` is a BRIN index and `actor_pair_entries_key_idx` is (actor_id, week,
 * other_actor_id) INCLUDE (articles), which `@Index` cannot say, so they are declared for the record only.
 */
@Entity({ name: 'actor_pair_entries', synchronize: false })
@Check('actor_pair_entries_week_check', 'extract(isodow FROM week) = 1')
@Index('actor_pair_entries_key_idx', { synchronize: false })
@Index('actor_pair_entries_entry_idx', { synchronize: false })
export class ActorPairEntryEntity {
  @PrimaryGeneratedColumn('identity', { name: 'entry_id', type: 'bigint', generatedIdentity: 'ALWAYS' })
  entryId!: string;
  @Column('text', { name: 'actor_id' }) actorId!: string;
  @Column('date') week!: string;
  @Column('text', { name: 'other_actor_id' }) otherActorId!: string;
  @Column('int') articles!: number;
}
