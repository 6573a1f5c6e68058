import { ReadModelRow, SliceRows } from '../read-model-slice';
import { pairChangesOf, PairWeekChanges } from './fold';

/** The pairs (the ledger and the packed weeks summed per key: the `actor_pairs` view) in key order (actor, week, other actor; ids in byte order). */
export const actorPairRows: SliceRows<PairWeekChanges> = {
  fromFold: (changes) => pairChangesOf(changes).map((p): ReadModelRow => ({ ...p })),
  read: async (sql) => {
    const rows: Array<{ actor_id: string; week: string; other_actor_id: string; articles: number }> = await sql.query(
      `SELECT actor_id, week::text AS week, other_actor_id, articles FROM actor_pairs
       ORDER BY actor_id COLLATE "C", week, other_actor_id COLLATE "C"`,
    );
    return rows.map((r): ReadModelRow => ({
      actorId: r.actor_id,
      week: r.week,
      otherActorId: r.other_actor_id,
      articles: Number(r.articles),
    }));
  },
};
