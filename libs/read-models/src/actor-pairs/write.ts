import { numberArrayLiteral, textArrayLiteral } from '../sql/pg-array-literal';
import { SqlSession } from '../sql/sql-session';
import { ActorPairChange } from './fold';
import { ACTOR_PAIRS_TABLE } from './tables';

/** Pair deltas with the `unnest` parameters of their upsert. */
export interface EncodedActorPairs {
  rows: number;
  parameters: string[];
}

export function encodeActorPairs(pairs: readonly ActorPairChange[]): EncodedActorPairs {
  return {
    rows: pairs.length,
    parameters: [
      textArrayLiteral(pairs.map((p) => p.actorId)),
      textArrayLiteral(pairs.map((p) => p.week)),
      textArrayLiteral(pairs.map((p) => p.otherActorId)),
      numberArrayLiteral(pairs.map((p) => p.articles)),
    ],
  };
}

/**
 * Adds the deltas in key order (the lock order), then deletes the pairs no live article holds any
 * more. Only the keys that reached zero come back from the upsert.
 */
export async function writeActorPairs(session: SqlSession, { rows, parameters }: EncodedActorPairs): Promise<void> {
  if (rows === 0) return;
  const emptied = await session.write<{ actor_id: string; week: string; other_actor_id: string }>(
    ACTOR_PAIRS_TABLE,
    rows,
    `WITH r AS (
       SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::int[])
         WITH ORDINALITY AS r(actor_id, week, other_actor_id, articles, lock_order)),
     p AS (
       INSERT INTO ${ACTOR_PAIRS_TABLE} AS p (actor_id, week, other_actor_id, articles)
       SELECT actor_id, week, other_actor_id, articles FROM r ORDER BY lock_order
       ON CONFLICT (actor_id, week, other_actor_id) DO UPDATE SET articles = p.articles + EXCLUDED.articles
       RETURNING p.actor_id, p.week, p.other_actor_id, p.articles)
     SELECT actor_id, week::text AS week, other_actor_id FROM p WHERE articles <= 0`,
    parameters,
  );
  if (emptied.length === 0) return;
  await session.rows(
    `DELETE FROM ${ACTOR_PAIRS_TABLE} p USING unnest($1::text[], $2::date[], $3::text[]) AS k(actor_id, week, other_actor_id)
     WHERE p.actor_id = k.actor_id AND p.week = k.week AND p.other_actor_id = k.other_actor_id AND p.articles <= 0`,
    [emptied.map((e) => e.actor_id), emptied.map((e) => e.week), emptied.map((e) => e.other_actor_id)],
  );
}
