/**
 * Co-mentions are stored as an append-only ledger: every batch adds one row per (actor, UTC week from Monday,
 * other actor) it changed, both directions of every pair (removed or revised articles add negative rows), and
 * the `actor_pairs` view sums them. Appending takes no row lock, so concurrent batches never wait on a popular
 * pair; `compactActorPairEntries` folds each key's rows into one from time to time, so reads stay short.
 */
export const ACTOR_PAIR_ENTRIES_TABLE = 'actor_pair_entries';
/** One row: entries up to this id have been looked at by a compaction round. */
export const ACTOR_PAIR_COMPACTION_TABLE = 'actor_pair_compaction';

/** The `actor_pairs` view over the entries of `schema`: live articles per (actor, week, other actor), none at zero. */
export function actorPairsSelect(schema: string): string {
  return `SELECT actor_id, week, other_actor_id, sum(articles)::int AS articles
       FROM ${schema}.${ACTOR_PAIR_ENTRIES_TABLE} GROUP BY actor_id, week, other_actor_id HAVING sum(articles) > 0`;
}
