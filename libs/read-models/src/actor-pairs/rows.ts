import { ReadModelRow, SliceRows } from '../read-model-slice';
import { ActorPairChange } from './fold';
import { ACTOR_PAIRS_TABLE } from './tables';

/** The pairs in key order (actor, day, other actor; ids in byte order). */
export const actorPairRows: SliceRows<ActorPairChange[]> = {
  fromFold: (pairs) => pairs.map((p): ReadModelRow => ({ ...p })),
  read: async (sql) => {
    const rows: Array<{ actor_id: string; day: string; other_actor_id: string; articles: number }> = await sql.query(
      `SELECT actor_id, day::text AS day, other_actor_id, articles FROM ${ACTOR_PAIRS_TABLE}
       ORDER BY actor_id COLLATE "C", day, other_actor_id COLLATE "C"`,
    );
    return rows.map((r): ReadModelRow => ({
      actorId: r.actor_id,
      day: r.day,
      otherActorId: r.other_actor_id,
      articles: Number(r.articles),
    }));
  },
};
