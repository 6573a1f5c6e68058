import { numberArrayLiteral, textArrayLiteral } from '../sql/pg-array-literal';
import { SqlSession } from '../sql/sql-session';
import { OutletChanges } from './fold';

/** Outlet changes with the `unnest` parameters of the (outlet, actor) upsert. */
export interface EncodedOutlets {
  changes: OutletChanges;
  outletActorParameters: string[];
}

export function encodeOutlets(changes: OutletChanges): EncodedOutlets {
  const pairs = changes.outletActors;
  return {
    changes,
    outletActorParameters: [
      textArrayLiteral(pairs.map((p) => p.outlet)),
      textArrayLiteral(pairs.map((p) => p.actorId)),
      numberArrayLiteral(pairs.map((p) => p.articles)),
    ],
  };
}

/** Applies (outlet, actor) pairs, then the outlets with the actors they gained or lost. */
export async function writeOutlets(session: SqlSession, encoded: EncodedOutlets): Promise<void> {
  await applyOutlets(session, encoded.changes, await applyOutletActors(session, encoded));
}

/** Applies (outlet, actor) deltas; returns per outlet how many actors it gained (+) or lost (-). */
async function applyOutletActors(
  session: SqlSession,
  { changes, outletActorParameters }: EncodedOutlets,
): Promise<Map<string, number>> {
  const gained = new Map<string, number>();
  if (changes.outletActors.length === 0) return gained;
  // Summarised per outlet in SQL, so only one row per outlet comes back.
  const rows = await session.write<{ outlet: string; gained: number; emptied: string[] | null }>(
    'outlet_actors',
    changes.outletActors.length,
    `WITH r AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS r(outlet, actor_id, articles, lock_order)),
     o AS (
       INSERT INTO outlet_actors AS o (outlet, actor_id, articles)
       SELECT outlet, actor_id, articles FROM r ORDER BY lock_order
       ON CONFLICT (outlet, actor_id) DO UPDATE SET articles = o.articles + EXCLUDED.articles
       RETURNING o.outlet, o.actor_id, o.articles)
     -- Stored pairs always have articles > 0, so "now equals the delta" means the pair is new.
     SELECT o.outlet,
            (count(*) FILTER (WHERE o.articles > 0 AND o.articles = r.articles) - count(*) FILTER (WHERE o.articles <= 0))::int AS gained,
            array_agg(o.actor_id) FILTER (WHERE o.articles <= 0) AS emptied
     FROM o JOIN r ON r.outlet = o.outlet AND r.actor_id = o.actor_id
     GROUP BY o.outlet`,
    outletActorParameters,
  );
  const emptied = rows.flatMap((r) => (r.emptied ?? []).map((actorId) => [r.outlet, actorId]));
  for (const row of rows) if (Number(row.gained) !== 0) gained.set(row.outlet, Number(row.gained));
  if (emptied.length > 0) {
    await session.rows(
      `DELETE FROM outlet_actors o USING unnest($1::text[], $2::text[]) AS k(outlet, actor_id)
       WHERE o.outlet = k.outlet AND o.actor_id = k.actor_id`,
      [emptied.map(([outlet]) => outlet), emptied.map(([, actorId]) => actorId)],
    );
  }
  return gained;
}

async function applyOutlets(session: SqlSession, { outlets }: OutletChanges, actorsGained: Map<string, number>): Promise<void> {
  const names = [...new Set([...outlets.map((o) => o.outlet), ...actorsGained.keys()])].sort();
  if (names.length === 0) return;
  const articles = new Map(outlets.map((o) => [o.outlet, o.articles]));
  await session.write(
    'outlets',
    names.length,
    `INSERT INTO outlets AS o (outlet, article_count, actor_count)
     SELECT outlet, articles, actors FROM unnest($1::text[], $2::int[], $3::int[]) WITH ORDINALITY AS r(outlet, articles, actors, lock_order)
     ORDER BY lock_order
     ON CONFLICT (outlet) DO UPDATE SET article_count = o.article_count + EXCLUDED.article_count,
       actor_count = o.actor_count + EXCLUDED.actor_count`,
    [
      textArrayLiteral(names),
      numberArrayLiteral(names.map((outlet) => articles.get(outlet) ?? 0)),
      numberArrayLiteral(names.map((outlet) => actorsGained.get(outlet) ?? 0)),
    ],
  );
  // The seen window, from the articles now contributing (index-only min/max per outlet).
  await session.rows(
    `UPDATE outlets o SET
       first_seen = (SELECT min(contributed_at) FROM articles a WHERE a.contributed_outlet = o.outlet),
       last_seen = (SELECT max(contributed_at) FROM articles a WHERE a.contributed_outlet = o.outlet)
     WHERE o.outlet = ANY($1)`,
    [names],
  );
  // Only an outlet that lost articles can reach zero.
  if (outlets.some((o) => o.articles < 0)) {
    await session.rows('DELETE FROM outlets WHERE outlet = ANY($1) AND article_count <= 0', [names]);
  }
}
