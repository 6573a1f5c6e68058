import {
  AlertCandidate,
  ClusterChanges,
  KnownCluster,
  NoveltyStatement,
  StatementClusterRef,
  StoredSubscription,
} from '@chronicle/domain';
import { EntityManager } from 'typeorm';

/** Clusters sharing a shingle with a statement of theirs: $1 speakers and $2 shingles, pairwise. */
export const CANDIDATE_CLUSTERS_SQL = `
  SELECT id, actor_id, shingles, opened_at FROM novelty_clusters
  WHERE novelty_actor_shingles(actor_id, shingles)
        && ARRAY(SELECT hashtext(a || ' ' || s::text) FROM unnest($1::text[], $2::int4[]) AS p(a, s))
    AND actor_id = ANY($1::text[])`;

/**
 * Inserts a batch's cluster members ($1 … $6: statement, cluster, article, outlet, similarity and time, pairwise) and
 * adds them to their clusters' counts: statements inserted now (a redelivered one exists already and adds nothing),
 * an article only if no earlier member of the cluster has it, outlets as a set. The other parts of one statement see
 * the members table as it was before its insert, so "no member of the cluster has the article" reads the earlier
 * members only.
 *
 * Planned for a batch's few rows: the members come as arrays, whose row count the planner reads from the values
 * (it took 100 rows for `jsonb_to_recordset`, and so hashed the whole clusters table for the update), and the
 * article probe is a LATERAL with LIMIT, one index probe per member (as an EXISTS, the planner hashed the whole
 * members table while it was small). 6.3 ms -> 1.3 ms for a batch of 9 members among 9,000.
 */
export const RECORD_MEMBERS_SQL = `
  WITH inserted AS (
    INSERT INTO novelty_cluster_members (statement_id, cluster_id, article_id, outlet, similarity, said_at)
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::real[], $6::timestamptz[])
    ON CONFLICT (statement_id) DO NOTHING
    RETURNING cluster_id, article_id, outlet, said_at),
  added AS (
    SELECT i.cluster_id, count(*)::int AS statements,
           count(DISTINCT i.article_id) FILTER (WHERE earlier.article_id IS NULL)::int AS articles,
           COALESCE(array_agg(DISTINCT i.outlet) FILTER (WHERE i.outlet IS NOT NULL), '{}') AS outlets,
           max(i.said_at) AS last_seen
    FROM inserted i
    LEFT JOIN LATERAL (
      SELECT m.article_id FROM novelty_cluster_members m
      WHERE m.cluster_id = i.cluster_id AND m.article_id = i.article_id LIMIT 1) earlier ON true
    GROUP BY i.cluster_id)
  UPDATE novelty_clusters c
  SET statement_count = c.statement_count + a.statements, article_count = c.article_count + a.articles,
      outlets = ARRAY(SELECT DISTINCT o FROM unnest(c.outlets || a.outlets) AS o ORDER BY o),
      outlet_count = cardinality(ARRAY(SELECT DISTINCT o FROM unnest(c.outlets || a.outlets) AS o)),
      last_seen_at = GREATEST(c.last_seen_at, a.last_seen)
  FROM added a WHERE c.id = a.cluster_id`;

/** A cluster member as `RECORD_MEMBERS_SQL` takes it. */
export interface ClusterMember {
  statementId: string;
  clusterId: string;
  articleId: string;
  outlet?: string | null;
  similarity: number;
  saidAt: string;
}

/** `RECORD_MEMBERS_SQL`'s six arrays, pairwise over `members`. */
export function recordMembersParameters(members: readonly ClusterMember[]): unknown[] {
  return [
    members.map((m) => m.statementId),
    members.map((m) => m.clusterId),
    members.map((m) => m.articleId),
    members.map((m) => m.outlet ?? null),
    members.map((m) => m.similarity),
    members.map((m) => m.saidAt),
  ];
}

/**
 * Reads subscriptions and statement clusters and records clusters and alerts, inside the
 * batch transaction. One alert per (subscription, cluster), ever: a unique key enforces it.
 */
export class AlertRepository {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Takes a transaction-scoped lock per actor, in hash order so two replicas never deadlock:
   * near-duplicates of one actor's words are clustered one transaction at a time, so two
   * replicas can never open two clusters for the same quote. Returns the transaction's clock
   * (Postgres `now()`, the clock subscriptions are stamped with), read in the same statement.
   */
  async lockActorsReadingClock(actorIds: string[]): Promise<string> {
    const [row]: Array<{ now: Date }> =
      actorIds.length === 0
        ? await this.manager.query('SELECT now() AS now')
        : await this.manager.query(
            `SELECT pg_advisory_xact_lock(k), now() AS now
             FROM (SELECT DISTINCT hashtext(a) AS k FROM unnest($1::text[]) a ORDER BY k) keys`,
            [actorIds],
          );
    return row!.now.toISOString();
  }

  /**
   * In one statement: the batch's statements already placed in a cluster (replays, redeliveries, re-analyses), and
   * the clusters of each statement's speaker that share a shingle with it, one lookup per (speaker, shingle) in the
   * index of shingles keyed by actor (`novelty_actor_shingles`, migration NoveltyCandidateIndex). Placed statements'
   * shingles are looked up too: a cluster found only through them shares no shingle with an unplaced statement, so
   * none can join it.
   */
  async placedAndCandidateClusters(
    statements: ReadonlyArray<{ statementId: string; actorId: string; shingles: readonly number[] }>,
  ): Promise<{ placed: Map<string, StatementClusterRef>; known: KnownCluster[] }> {
    const pairs = new Map<string, [string, number]>();
    for (const { actorId, shingles } of statements) {
      for (const shingle of shingles) pairs.set(`${actorId} ${shingle}`, [actorId, shingle]);
    }
    const rows: Array<{ statement_id: string | null; id: string; actor_id: string; shingles: number[] | null; opened_at: Date }> =
      await this.manager.query(
        `SELECT NULL::text AS statement_id, k.* FROM (${CANDIDATE_CLUSTERS_SQL}) k
         UNION ALL
         SELECT m.statement_id, c.id, c.actor_id, NULL::int4[], c.opened_at
         FROM novelty_cluster_members m JOIN novelty_clusters c ON c.id = m.cluster_id
         WHERE m.statement_id = ANY($3::text[])`,
        [
          [...pairs.values()].map(([actorId]) => actorId),
          [...pairs.values()].map(([, shingle]) => shingle),
          statements.map((s) => s.statementId),
        ],
      );
    const placed = new Map<string, StatementClusterRef>();
    const known: KnownCluster[] = [];
    for (const r of rows) {
      const openedAt = r.opened_at.toISOString();
      if (r.statement_id !== null) placed.set(r.statement_id, { clusterId: r.id, openedAt });
      else known.push({ id: r.id, actorId: r.actor_id, shingles: r.shingles!, openedAt });
    }
    return { placed, known };
  }

  /**
   * Stores opened clusters, grown shingle sets and memberships, and adds the new members to their clusters'
   * counts. Only members inserted now count (a replayed statement's member exists and is skipped), and a
   * member's article counts only if no earlier member of the cluster has it, so the counts stay exact under
   * replays without a recount of every member (which grew with each article repeating a quote).
   */
  async recordClusters(changes: ClusterChanges, statements: readonly NoveltyStatement[]): Promise<void> {
    if (changes.assignments.length === 0) return;
    if (changes.opened.length > 0) {
      // Counts start at zero: the members inserted below add the first statement like any other.
      await this.manager.query(
        `INSERT INTO novelty_clusters (id, actor_id, text, shingles, first_statement_id, first_article_id, first_article_url,
                                         first_outlet, first_said_at, opened_at, last_seen_at, statement_count, article_count)
         SELECT id, "actorId", text, shingles, "statementId", "articleId", "articleUrl", outlet, "saidAt", "openedAt", "saidAt", 0, 0
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, "actorId" text, text text, shingles int4[], "statementId" text,
              "articleId" text, "articleUrl" text, outlet text, "saidAt" timestamptz, "openedAt" timestamptz)
         ON CONFLICT (id) DO NOTHING`,
        [
          JSON.stringify(
            changes.opened.map((c) => ({ ...c.first, id: c.id, text: c.text, shingles: c.shingles, openedAt: c.openedAt })),
          ),
        ],
      );
    }
    if (changes.grown.length > 0) {
      await this.manager.query(
        `UPDATE novelty_clusters c SET shingles = r.shingles
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, shingles int4[]) WHERE c.id = r.id`,
        [JSON.stringify(changes.grown)],
      );
    }
    const byId = new Map(statements.map((s) => [s.statementId, s]));
    const members = changes.assignments.map((a) => {
      const statement = byId.get(a.statementId)!;
      return { ...a, articleId: statement.articleId, outlet: statement.outlet, saidAt: statement.saidAt };
    });
    await this.manager.query(RECORD_MEMBERS_SQL, recordMembersParameters(members));
  }

  /** Subscriptions whose actor keys overlap the given speaker keys (GIN-indexed). */
  async subscriptionsForSpeakerKeys(keys: string[]): Promise<StoredSubscription[]> {
    if (keys.length === 0) return [];
    const rows: Array<{
      id: string;
      actor_keys: string[];
      kinds: StoredSubscription['kinds'];
      rule: StoredSubscription['rule'];
      created_at: Date;
    }> = await this.manager.query(
      'SELECT id, actor_keys, kinds, rule, created_at FROM subscriptions WHERE actor_keys && $1::text[]',
      [keys],
    );
    return rows.map((r) => ({
      id: r.id,
      actorKeys: r.actor_keys,
      kinds: r.kinds,
      rule: r.rule,
      createdAt: r.created_at.toISOString(),
    }));
  }

  /** Inserts the candidates that are new (for a subscription that still exists); returns the ids of those that were. */
  async recordNew(candidates: Array<AlertCandidate & { id: string }>): Promise<string[]> {
    if (candidates.length === 0) return [];
    const inserted: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO alerts (id, subscription_id, cluster_id, actor_id, actor_name, statement_id, statement_kind, statement_text,
                           article_id, article_url, outlet, tenant, next_attempt_at, created_at)
       SELECT r.id, "subscriptionId", "clusterId", "actorId", "actorName", "statementId", "statementKind", "statementText",
              "articleId", "articleUrl", outlet, s.tenant, now(), now()
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, "subscriptionId" uuid, "clusterId" text, "actorId" text,
            "actorName" text, "statementId" text, "statementKind" text, "statementText" text, "articleId" text,
            "articleUrl" text, outlet text)
       JOIN subscriptions s ON s.id = r."subscriptionId"
       ORDER BY "subscriptionId", "clusterId"
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [JSON.stringify(candidates)],
    );
    return inserted.map((row) => row.id);
  }
}
