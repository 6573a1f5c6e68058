import {
  AlertCandidate,
  ClusterChanges,
  KnownCluster,
  NoveltyStatement,
  StatementClusterRef,
  StoredSubscription,
} from '@chronicle/domain';
import { EntityManager } from 'typeorm';

/**
 * Reads subscriptions and statement clusters and records clusters and alerts, inside the
 * batch transaction. One alert per (subscription, cluster), ever: a unique key enforces it.
 */
export class AlertRepository {
  constructor(private readonly manager: EntityManager) {}

  /** The transaction's clock (Postgres `now()`), the same clock subscriptions are stamped with. */
  async transactionTime(): Promise<string> {
    const [row]: Array<{ now: Date }> = await this.manager.query('SELECT now() AS now');
    return row!.now.toISOString();
  }

  /**
   * Takes a transaction-scoped lock per actor, in hash order so two replicas never deadlock:
   * near-duplicates of one actor's words are clustered one transaction at a time, so two
   * replicas can never open two clusters for the same quote.
   */
  async lockActors(actorIds: string[]): Promise<void> {
    if (actorIds.length === 0) return;
    await this.manager.query(
      `SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtext(a) AS k FROM unnest($1::text[]) a ORDER BY k) keys`,
      [actorIds],
    );
  }

  /** Statements already placed in a cluster (replays, redeliveries, re-analyses). */
  async placedStatements(statementIds: string[]): Promise<Map<string, StatementClusterRef>> {
    if (statementIds.length === 0) return new Map();
    const rows: Array<{ statement_id: string; cluster_id: string; opened_at: Date }> = await this.manager.query(
      `SELECT m.statement_id, m.cluster_id, c.opened_at
       FROM novelty_cluster_members m JOIN novelty_clusters c ON c.id = m.cluster_id
       WHERE m.statement_id = ANY($1::text[])`,
      [statementIds],
    );
    return new Map(rows.map((r) => [r.statement_id, { clusterId: r.cluster_id, openedAt: r.opened_at.toISOString() }]));
  }

  /** The actors' clusters sharing at least one shingle with the new statements (GIN-indexed). */
  async clustersSharingShingles(actorIds: string[], shingles: number[]): Promise<KnownCluster[]> {
    if (actorIds.length === 0 || shingles.length === 0) return [];
    const rows: Array<{ id: string; actor_id: string; shingles: number[]; opened_at: Date }> = await this.manager.query(
      `SELECT id, actor_id, shingles, opened_at FROM novelty_clusters
       WHERE actor_id = ANY($1::text[]) AND shingles && $2::int4[]`,
      [actorIds, shingles],
    );
    return rows.map((r) => ({ id: r.id, actorId: r.actor_id, shingles: r.shingles, openedAt: r.opened_at.toISOString() }));
  }

  /** Stores opened clusters, grown shingle sets and memberships, then refreshes the touched clusters' counts. */
  async recordClusters(changes: ClusterChanges, statements: readonly NoveltyStatement[]): Promise<void> {
    if (changes.assignments.length === 0) return;
    if (changes.opened.length > 0) {
      await this.manager.query(
        `INSERT INTO novelty_clusters (id, actor_id, text, shingles, first_statement_id, first_article_id, first_article_url,
                                         first_outlet, first_said_at, opened_at, last_seen_at)
         SELECT id, "actorId", text, shingles, "statementId", "articleId", "articleUrl", outlet, "saidAt", "openedAt", "saidAt"
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
    await this.manager.query(
      `INSERT INTO novelty_cluster_members (statement_id, cluster_id, article_id, outlet, similarity, said_at)
       SELECT "statementId", "clusterId", "articleId", outlet, similarity, "saidAt"
       FROM jsonb_to_recordset($1::jsonb) AS r("statementId" text, "clusterId" text, "articleId" text, outlet text,
            similarity real, "saidAt" timestamptz)
       ON CONFLICT (statement_id) DO NOTHING`,
      [JSON.stringify(members)],
    );
    // Counts are recomputed from the members, never incremented, so they stay exact under replays.
    await this.manager.query(
      `UPDATE novelty_clusters c
       SET statement_count = s.statements, article_count = s.articles, outlet_count = s.outlet_count,
           outlets = s.outlets, last_seen_at = GREATEST(c.last_seen_at, s.last_seen)
       FROM (SELECT cluster_id, count(*)::int AS statements, count(DISTINCT article_id)::int AS articles,
                    count(DISTINCT outlet)::int AS outlet_count,
                    COALESCE(array_agg(DISTINCT outlet ORDER BY outlet) FILTER (WHERE outlet IS NOT NULL), '{}') AS outlets,
                    max(said_at) AS last_seen
             FROM novelty_cluster_members WHERE cluster_id = ANY($1::text[]) GROUP BY cluster_id) s
       WHERE c.id = s.cluster_id`,
      [[...new Set(changes.assignments.map((a) => a.clusterId))]],
    );
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

  /** Inserts the candidates that are new (for a subscription that still exists); returns how many were. */
  async recordNew(candidates: Array<AlertCandidate & { id: string }>): Promise<number> {
    if (candidates.length === 0) return 0;
    const inserted: unknown[] = await this.manager.query(
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
    return inserted.length;
  }
}
