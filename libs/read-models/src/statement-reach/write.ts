import { booleanArrayLiteral, numberArrayLiteral, textArrayLiteral } from '../sql/pg-array-literal';
import { SqlSession } from '../sql/sql-session';
import { ClusterChange } from './fold';

/** Cluster changes with the `unnest` parameters of their upsert, in `$n` order. */
export interface EncodedClusters {
  changes: ClusterChange[];
  parameters: string[];
}

type TextKey = 'clusterId' | 'speakerId' | 'firstStatementId' | 'firstArticleId' | 'firstOutlet' | 'firstSeen' | 'lastSeen';

export function encodeClusters(changes: ClusterChange[]): EncodedClusters {
  const text = (key: TextKey) => textArrayLiteral(changes.map((c) => c[key]));
  const number = (key: 'statements' | 'outlets') => numberArrayLiteral(changes.map((c) => c[key]));
  return {
    changes,
    parameters: [
      text('clusterId'),
      text('speakerId'),
      number('statements'),
      number('outlets'),
      text('firstStatementId'),
      text('firstArticleId'),
      text('firstOutlet'),
      text('firstSeen'),
      text('lastSeen'),
      booleanArrayLiteral(changes.map((c) => c.recompute)),
    ],
  };
}

/**
 * Creates new clusters exactly; merges the added statements into clusters that already had some
 * (first and last appearance, speaker, outlets not yet carrying them), and recounts only the
 * clusters that lost statements. A merge reads the cluster's row and, for each added outlet, one
 * probe for an earlier statement of it, so a quote carried by thousands of articles costs no more
 * to add to than a new one (a recount read and sorted every statement of the cluster).
 */
export async function writeStatementReach(session: SqlSession, encoded: EncodedClusters): Promise<void> {
  const existing = new Set(await addToClusters(session, encoded));
  const touched = encoded.changes.filter((c) => existing.has(c.clusterId));
  await mergeAdditions(
    session,
    touched.filter((c) => !c.recompute),
  );
  await recountClusters(
    session,
    encoded.changes,
    touched.filter((c) => c.recompute).map((c) => c.clusterId),
  );
}

/**
 * Creates new clusters with their exact values and locks existing ones (adding the delta);
 * returns the clusters that existed or lost statements.
 */
async function addToClusters(session: SqlSession, { changes, parameters }: EncodedClusters): Promise<string[]> {
  if (changes.length === 0) return [];
  const rows = await session.write<{ cluster_id: string }>(
    'statement_reach',
    changes.length,
    `WITH r AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[],
                            $8::timestamptz[], $9::timestamptz[], $10::boolean[]) WITH ORDINALITY
         AS r(cluster_id, speaker_id, statements, outlets, first_statement_id, first_article_id, first_outlet,
              first_seen, last_seen, recompute, lock_order)),
     c AS (
       INSERT INTO statement_reach AS c (cluster_id, speaker_id, statement_count, outlet_count, first_statement_id,
                                          first_article_id, first_outlet, first_seen, last_seen)
       SELECT cluster_id, speaker_id, statements, outlets, first_statement_id, first_article_id, first_outlet, first_seen, last_seen
       FROM r ORDER BY lock_order
       ON CONFLICT (cluster_id) DO UPDATE SET statement_count = c.statement_count + EXCLUDED.statement_count
       RETURNING c.cluster_id, c.statement_count)
     -- A count other than the delta means the cluster already had statements.
     SELECT c.cluster_id FROM c JOIN r ON r.cluster_id = c.cluster_id
     WHERE r.recompute OR c.statement_count <> r.statements`,
    parameters,
  );
  return rows.map((r) => r.cluster_id);
}

/**
 * Merges added statements into clusters that had statements before this batch (already locked by
 * the upsert, so this later statement sees every earlier writer's statements). Whether an added
 * outlet is new to the cluster is one probe of `statements_cluster_idx` (cluster_id, outlet) for a
 * statement of it from another transaction.
 */
async function mergeAdditions(session: SqlSession, merged: readonly ClusterChange[]): Promise<void> {
  if (merged.length === 0) return;
  const outletPairs = merged.flatMap((c) => c.addedOutlets.map((outlet) => [c.clusterId, outlet] as const));
  const earlier = `(r.first_seen, r.first_article_id COLLATE "C", r.first_statement_id COLLATE "C")
                   < (c.first_seen, c.first_article_id COLLATE "C", c.first_statement_id COLLATE "C")`;
  await session.rows(
    `WITH r AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
         AS r(cluster_id, speaker_id, first_statement_id, first_article_id, first_outlet, first_seen, last_seen)),
     gained AS (
       SELECT a.cluster_id, count(*)::int AS outlets
       FROM unnest($8::text[], $9::text[]) AS a(cluster_id, outlet)
       -- A probe per pair (LATERAL with LIMIT), never a hash anti-join over every statement.
       LEFT JOIN LATERAL (
         SELECT true AS seen FROM statements s
         WHERE s.cluster_id = a.cluster_id AND s.outlet = a.outlet AND s.xact_id <> pg_current_xact_id()::text::bigint
         LIMIT 1) p ON true
       WHERE p.seen IS NULL
       GROUP BY a.cluster_id)
     UPDATE statement_reach c SET
       speaker_id = LEAST(c.speaker_id COLLATE "C", r.speaker_id COLLATE "C"),
       outlet_count = c.outlet_count + COALESCE(g.outlets, 0),
       first_statement_id = CASE WHEN ${earlier} THEN r.first_statement_id ELSE c.first_statement_id END,
       first_article_id = CASE WHEN ${earlier} THEN r.first_article_id ELSE c.first_article_id END,
       first_outlet = CASE WHEN ${earlier} THEN r.first_outlet ELSE c.first_outlet END,
       first_seen = CASE WHEN ${earlier} THEN r.first_seen ELSE c.first_seen END,
       last_seen = GREATEST(c.last_seen, r.last_seen)
     FROM r LEFT JOIN gained g USING (cluster_id)
     WHERE c.cluster_id = r.cluster_id`,
    [
      textArrayLiteral(merged.map((c) => c.clusterId)),
      textArrayLiteral(merged.map((c) => c.speakerId)),
      textArrayLiteral(merged.map((c) => c.firstStatementId)),
      textArrayLiteral(merged.map((c) => c.firstArticleId)),
      textArrayLiteral(merged.map((c) => c.firstOutlet)),
      textArrayLiteral(merged.map((c) => c.firstSeen)),
      textArrayLiteral(merged.map((c) => c.lastSeen)),
      textArrayLiteral(outletPairs.map(([clusterId]) => clusterId)),
      textArrayLiteral(outletPairs.map(([, outlet]) => outlet)),
    ],
  );
}

/** Recounts clusters from their rows, in a later statement than the lock, so it sees every earlier writer's statements. */
async function recountClusters(
  session: SqlSession,
  changes: readonly ClusterChange[],
  recount: readonly string[],
): Promise<void> {
  if (recount.length === 0) return;
  await session.rows(
    `UPDATE statement_reach c SET speaker_id = r.speaker_id, statement_count = r.n, outlet_count = r.outlets,
       first_statement_id = r.first_statement_id, first_article_id = r.first_article_id, first_outlet = r.first_outlet,
       first_seen = r.first_seen, last_seen = r.last_seen
     FROM (SELECT ids.id, agg.*
           FROM unnest($1::text[]) AS ids(id)
           CROSS JOIN LATERAL (
             SELECT min(s.speaker_id COLLATE "C") AS speaker_id, count(*)::int AS n, count(DISTINCT s.outlet)::int AS outlets,
                    (array_agg(s.id ORDER BY s.said_at, s.article_id COLLATE "C", s.id COLLATE "C"))[1] AS first_statement_id,
                    (array_agg(s.article_id ORDER BY s.said_at, s.article_id COLLATE "C", s.id COLLATE "C"))[1] AS first_article_id,
                    (array_agg(s.outlet ORDER BY s.said_at, s.article_id COLLATE "C", s.id COLLATE "C"))[1] AS first_outlet,
                    min(s.said_at) AS first_seen, max(s.said_at) AS last_seen
             FROM statements s WHERE s.cluster_id = ids.id) agg) r
     WHERE c.cluster_id = r.id`,
    [recount],
  );
  // Only a cluster that lost statements can reach zero.
  if (changes.some((c) => c.recompute)) {
    await session.rows('DELETE FROM statement_reach WHERE cluster_id = ANY($1) AND statement_count <= 0', [recount]);
  }
}
