import { SqlSession } from '../sql/sql-session';
import { ACTOR_PAIR_KEYS_TABLE } from './tables';

/**
 * The pair key of each of `actorIds` (in id order), by id, handing out keys to those that have none.
 * New keys are inserted in id order, as every writer of the table does, so two batches adding the same actors wait
 * for each other in one order and never deadlock. Only actors without a key are inserted: `ON CONFLICT` would still
 * draw a number from the key sequence for every row it skips. A key another transaction hands out after this
 * statement's snapshot (the insert skips it, the select does not see it) is read by a second statement.
 */
export async function pairKeysOf(session: SqlSession, actorIds: readonly string[]): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  const rows = await session.rows<{ actor_id: string; key: number; added: boolean }>(
    `WITH wanted AS (SELECT unnest($1::text[]) AS actor_id),
     added AS (
       INSERT INTO ${ACTOR_PAIR_KEYS_TABLE} (actor_id)
       SELECT w.actor_id FROM wanted w
       WHERE NOT EXISTS (SELECT FROM ${ACTOR_PAIR_KEYS_TABLE} k WHERE k.actor_id = w.actor_id)
       ORDER BY w.actor_id COLLATE "C"
       ON CONFLICT (actor_id) DO NOTHING
       RETURNING actor_id, key)
     SELECT actor_id, key, true AS added FROM added
     UNION ALL
     SELECT k.actor_id, k.key, false FROM ${ACTOR_PAIR_KEYS_TABLE} k JOIN wanted w ON w.actor_id = k.actor_id`,
    [actorIds],
  );
  for (const { actor_id, key } of rows) keys.set(actor_id, key);
  session.written(ACTOR_PAIR_KEYS_TABLE, rows.filter((r) => r.added).length);
  const late = actorIds.filter((id) => !keys.has(id));
  if (late.length > 0) {
    const more = await session.rows<{ actor_id: string; key: number }>(
      `SELECT actor_id, key FROM ${ACTOR_PAIR_KEYS_TABLE} WHERE actor_id = ANY($1::text[])`,
      [late],
    );
    for (const { actor_id, key } of more) keys.set(actor_id, key);
  }
  const missing = actorIds.find((id) => !keys.has(id));
  if (missing !== undefined) throw new Error(`no pair key for actor ${missing}`);
  return keys;
}
