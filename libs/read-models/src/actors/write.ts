import { SqlSession } from '../sql/sql-session';
import { numberArrayLiteral, textArrayLiteral, textArraysLiteral } from '../sql/pg-array-literal';
import { ActorChange } from './fold';

/** Actor changes with the `unnest` parameters of their upsert, in `$n` order. */
export interface EncodedActors {
  changes: ActorChange[];
  parameters: string[];
}

export function encodeActors(changes: ActorChange[]): EncodedActors {
  const text = (key: 'id' | 'name' | 'kind' | 'role' | 'firstSeen' | 'lastSeen') => textArrayLiteral(changes.map((a) => a[key]));
  const number = (key: 'mentions' | 'articles' | 'statements') => numberArrayLiteral(changes.map((a) => a[key]));
  return {
    changes,
    parameters: [
      text('id'),
      text('name'),
      text('kind'),
      text('role'),
      textArraysLiteral(changes.map((a) => a.aliases)),
      text('firstSeen'),
      text('lastSeen'),
      number('mentions'),
      number('articles'),
      number('statements'),
    ],
  };
}

/** Upserts the actor deltas in id order, recomputes actors that lost rows, drops those left with none. */
export async function writeActors(session: SqlSession, { changes, parameters }: EncodedActors): Promise<void> {
  if (changes.length === 0) return;
  await session.write(
    'actors',
    changes.length,
    `INSERT INTO actors (id, name, kind, role, aliases, first_seen, last_seen, mention_count, article_count, statement_count)
       SELECT id, name, kind, role, aliases::text[], first_seen, last_seen, mentions, articles, statements
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[],
                   $8::int[], $9::int[], $10::int[]) WITH ORDINALITY
            AS r(id, name, kind, role, aliases, first_seen, last_seen, mentions, articles, statements, lock_order)
       ORDER BY lock_order
       ON CONFLICT (id) DO UPDATE SET
         -- Joins that do not depend on arrival order (same rules as the fold, in byte order):
         -- longest name (ties: first), first role, union of aliases, widest seen window.
         name = CASE WHEN length(EXCLUDED.name) > length(actors.name)
                       OR (length(EXCLUDED.name) = length(actors.name) AND EXCLUDED.name COLLATE "C" < actors.name COLLATE "C")
                     THEN EXCLUDED.name ELSE actors.name END,
         role = CASE WHEN actors.role IS NULL OR EXCLUDED.role COLLATE "C" < actors.role COLLATE "C"
                     THEN EXCLUDED.role ELSE actors.role END,
         -- Stored aliases are already sorted and distinct: rebuild them only when something is new.
         aliases = CASE WHEN actors.aliases @> EXCLUDED.aliases THEN actors.aliases
                        ELSE ARRAY(SELECT DISTINCT x COLLATE "C" FROM unnest(actors.aliases || EXCLUDED.aliases) x ORDER BY 1) END,
         first_seen = LEAST(actors.first_seen, EXCLUDED.first_seen),
         last_seen = GREATEST(actors.last_seen, EXCLUDED.last_seen),
         mention_count = actors.mention_count + EXCLUDED.mention_count,
         article_count = actors.article_count + EXCLUDED.article_count,
         statement_count = actors.statement_count + EXCLUDED.statement_count`,
    parameters,
  );
  const recompute = changes.filter((a) => a.recompute).map((a) => a.id);
  if (recompute.length > 0) {
    // Some of these actors' rows were removed: the joins above cannot shrink, so recompute them.
    await session.rows(
      `UPDATE actors a SET name = r.name, kind = r.kind, role = r.role, aliases = r.aliases,
           first_seen = r.first_seen, last_seen = r.last_seen
         FROM (SELECT m.actor_id,
                      (array_agg(m.name ORDER BY length(m.name) DESC, m.name COLLATE "C"))[1] AS name,
                      min(m.kind) AS kind, min(m.role COLLATE "C") AS role,
                      ARRAY(SELECT DISTINCT x COLLATE "C" FROM mentions m2, unnest(m2.aliases) x
                            WHERE m2.actor_id = m.actor_id ORDER BY 1) AS aliases,
                      min(m.seen_at) AS first_seen, max(m.seen_at) AS last_seen
               FROM mentions m WHERE m.actor_id = ANY($1) GROUP BY m.actor_id) r
         WHERE a.id = r.actor_id`,
      [recompute],
    );
  }
  // Only a removed article can take an actor to zero.
  const shrunk = changes.filter((a) => a.articles < 0).map((a) => a.id);
  if (shrunk.length > 0) await session.rows('DELETE FROM actors WHERE id = ANY($1) AND article_count <= 0', [shrunk]);
}
