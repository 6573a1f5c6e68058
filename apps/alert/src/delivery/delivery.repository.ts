import { DataSource } from 'typeorm';

export interface DueAlert {
  id: string;
  seq: string;
  subscription_id: string;
  cluster_id: string;
  actor_id: string;
  actor_name: string;
  statement_id: string;
  statement_kind: string;
  statement_text: string;
  article_id: string;
  article_url: string | null;
  outlet: string | null;
  attempts: number;
  created_at: Date;
  raised_published_at: Date | null;
  channel: 'webhook' | 'stream';
  webhook_url: string | null;
  secret: string | null;
  /** The secret a rotation replaced, and until when it still signs (null when none). */
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  first_seen_at: Date | null;
  first_said_at: Date | null;
  first_outlet: string | null;
  first_article_url: string | null;
  outlet_count: number | null;
}

/** Due alerts, oldest due first, at most $1, skipping those another claimer holds. */
const DUE_ALERTS_SQL = `SELECT id FROM alerts WHERE status = 'pending' AND next_attempt_at <= now()
  ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`;

/** The alerts named in $3 that are due, at most $1, skipping those another claimer holds. */
export const NAMED_DUE_ALERTS_SQL = `SELECT id FROM alerts WHERE id = ANY($3::text[]) AND status = 'pending'
  AND next_attempt_at <= now() LIMIT $1 FOR UPDATE SKIP LOCKED`;

/** Claims due alerts for delivery and records outcomes. Safe with many replicas. */
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` due alerts by pushing their next attempt past a lease, so another
   * replica skips them while this one sends (SKIP LOCKED keeps claimers from waiting).
   */
  async claimDue(limit: number, leaseMs: number): Promise<DueAlert[]> {
    return this.claim(DUE_ALERTS_SQL, [limit, String(leaseMs)]);
  }

  /**
   * Claims the named alerts that are still due, as `claimDue` does, by their keys. The matcher hands over the
   * alerts it has just recorded, so they are found without a scan of the pending index: that index keeps an entry
   * for every alert claimed or delivered until a vacuum removes it, and a scan from its oldest due time read them
   * all (11 ms, 3,500 pages, after 14,000 alerts in a minute of the pipeline bench). They are few, so no order.
   */
  async claimDueById(ids: readonly string[], leaseMs: number): Promise<DueAlert[]> {
    if (ids.length === 0) return [];
    return this.claim(NAMED_DUE_ALERTS_SQL, [ids.length, String(leaseMs), ids]);
  }

  /** Leases the alerts `due` selects ($1 the limit, $2 the lease in ms) and reads what delivery needs. */
  private async claim(due: string, parameters: unknown[]): Promise<DueAlert[]> {
    // TypeORM answers an UPDATE with [rows, affectedCount].
    const [rows]: [DueAlert[], number] = await this.dataSource.query(
      `WITH due AS (${due})
       UPDATE alerts a SET next_attempt_at = now() + ($2 || ' milliseconds')::interval
       FROM due, subscriptions s
       WHERE a.id = due.id AND s.id = a.subscription_id
       RETURNING a.id, a.seq, a.subscription_id, a.cluster_id, a.actor_id, a.actor_name, a.statement_id, a.statement_kind,
                 a.statement_text, a.article_id, a.article_url, a.outlet, a.attempts, a.created_at, a.raised_published_at,
                 s.channel, s.webhook_url, s.secret, s.previous_secret, s.previous_secret_expires_at,
                 (SELECT row_to_json(c) FROM (SELECT opened_at AS first_seen_at, first_said_at, first_outlet, first_article_url, outlet_count
                                              FROM novelty_clusters WHERE id = a.cluster_id) c) AS cluster`,
      parameters,
    );
    return rows.map((row) => {
      const cluster = (row as unknown as { cluster: Record<string, string | number | null> | null }).cluster;
      return {
        ...row,
        first_seen_at: cluster?.first_seen_at ? new Date(cluster.first_seen_at as string) : null,
        first_said_at: cluster?.first_said_at ? new Date(cluster.first_said_at as string) : null,
        first_outlet: (cluster?.first_outlet as string | null) ?? null,
        first_article_url: (cluster?.first_article_url as string | null) ?? null,
        outlet_count: (cluster?.outlet_count as number | null) ?? null,
      };
    });
  }

  /** AlertRaised is on Kafka for these alerts: later attempts do not publish it again. */
  async markRaisedPublished(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      'UPDATE alerts SET raised_published_at = now() WHERE id = ANY($1::text[]) AND raised_published_at IS NULL',
      [ids],
    );
  }

  /** Delivered: webhook answered 2xx (one attempt counted) or, for stream subscriptions, on the stream (none counted). */
  async markDelivered(ids: string[], countAttempt = true): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE alerts SET status = 'delivered', attempts = attempts + $2, delivered_at = now(), last_error = NULL WHERE id = ANY($1::text[])`,
      [ids, countAttempt ? 1 : 0],
    );
  }

  async markAttemptFailed(id: string, error: string, retryInMs: number | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE alerts SET attempts = attempts + 1, last_error = $2,
         status = CASE WHEN $3::bigint IS NULL THEN 'failed' ELSE status END,
         next_attempt_at = CASE WHEN $3::bigint IS NULL THEN next_attempt_at
                                ELSE now() + ($3::bigint || ' milliseconds')::interval END
       WHERE id = $1`,
      [id, error.slice(0, 1000), retryInMs],
    );
  }
}
