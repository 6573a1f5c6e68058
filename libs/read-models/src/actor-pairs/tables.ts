/**
 * The co-mention ledger: one row per (actor, UTC week from Monday, other actor) a batch changed, as batches wrote
 * them before they added change rows to the packed weeks instead. A store from then still holds such entries until
 * the packing round (`packActorPairEntries`) moves them into the packed weeks; the `actor_pairs` view sums both.
 */
export const ACTOR_PAIR_ENTRIES_TABLE = 'actor_pair_entries';
/** One row, which the packing round takes so that one process packs at a time. */
export const ACTOR_PAIR_COMPACTION_TABLE = 'actor_pair_compaction';

/**
 * A dense integer key per co-mentioned actor, its name in a packed vector (`pair-vectors.ts`), handed out by the
 * batch that first co-mentions it (`pairKeysOf`), or a rebuild's derivation. The slice's own (not the sentiment slice's `actor_keys`): a rebuild swaps one slice's tables alone.
 */
export const ACTOR_PAIR_KEYS_TABLE = 'actor_pair_keys';
/**
 * Per (actor, UTC week), the co-mentions packed in `bytea` vectors: a merged row (`part` 0) and the change rows
 * projector batches append (one per week a batch touched; inserts only, so concurrent batches never wait on a popular
 * actor's week), which the packing round merges once a week has a few. An actor's related list over a window reads
 * a few rows per week however many actors share its articles.
 */
export const ACTOR_PAIR_VECTORS_TABLE = 'actor_pair_vectors';

/**
 * The slots of the packed vector `others` of the row aliased `alias`, decoded in SQL as rows (key, articles): a
 * subquery for `CROSS JOIN LATERAL`.
 */
export function packedSlots(alias: string): string {
  const int32At = (offset: string) => `('x' || encode(substring(${alias}.others FROM ${offset} FOR 4), 'hex'))::bit(32)::int`;
  return `(SELECT ${int32At('i * 8 + 1')} AS key, ${int32At('i * 8 + 5')} AS articles
           FROM generate_series(0, length(${alias}.others) / 8 - 1) AS i)`;
}

/** The packed co-mentions of `schema` as rows (actor, week, other actor, articles), each vector's slots decoded in SQL. */
function packedPairsSelect(schema: string): string {
  return `SELECT v.actor_id, v.week, k.actor_id AS other_actor_id, s.articles
       FROM ${schema}.${ACTOR_PAIR_VECTORS_TABLE} v
       CROSS JOIN LATERAL ${packedSlots('v')} s
       JOIN ${schema}.${ACTOR_PAIR_KEYS_TABLE} k ON k.key = s.key`;
}

/** The `actor_pairs` view over `schema`: live articles per (actor, week, other actor), packed and not, none at zero. */
export function actorPairsSelect(schema: string): string {
  return `SELECT actor_id, week, other_actor_id, sum(articles)::int AS articles
       FROM (SELECT actor_id, week, other_actor_id, articles FROM ${schema}.${ACTOR_PAIR_ENTRIES_TABLE}
             UNION ALL ${packedPairsSelect(schema)}) pairs
       GROUP BY actor_id, week, other_actor_id HAVING sum(articles) > 0`;
}
