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

/** Creates new clusters exactly, adds to existing ones, then recounts those that had or lost statements. */
export async function writeStatementReach(session: SqlSession, encoded: EncodedClusters): Promise<void> {
  await recountClusters(session, encoded.changes, await addToClusters(session, encoded));
}

/**
 * Creates new clusters with their exact values and locks existing ones (adding the delta);
 * returns the clusters that existed or lost statements, which `recountClusters` recounts.
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
