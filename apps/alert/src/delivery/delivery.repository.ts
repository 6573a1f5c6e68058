import { DataSource } from 'typeorm';

export interface DueAlert {
  id: string;
  subscription_id: string;
  cluster_id: string;
  actor_id: string;
  actor_name: string;
  statement_id: string;
  statement_text: string;
  article_id: string;
  article_url: string | null;
  outlet: string | null;
  attempts: number;
  created_at: Date;
  webhook_url: string;
  secret: string | null;
}

/** Claims due alerts for delivery and records outcomes. Safe with many replicas. */
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims up to `limit` due alerts by pushing their next attempt past a lease, so another
   * replica skips them while this one sends (SKIP LOCKED keeps claimers from waiting).
   */
  async claimDue(limit: number, leaseMs: number): Promise<DueAlert[]> {
    // TypeORM answers an UPDATE with [rows, affectedCount].
    const [rows]: [DueAlert[], number] = await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM alerts WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE alerts a SET next_attempt_at = now() + ($2 || ' milliseconds')::interval
       FROM due, subscriptions s
       WHERE a.id = due.id AND s.id = a.subscription_id
       RETURNING a.id, a.subscription_id, a.cluster_id, a.actor_id, a.actor_name, a.statement_id, a.statement_text,
                 a.article_id, a.article_url, a.outlet, a.attempts, a.created_at, s.webhook_url, s.secret`,
      [limit, String(leaseMs)],
    );
    return rows;
  }

  async markDelivered(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE alerts SET status = 'delivered', attempts = attempts + 1, delivered_at = now(), last_error = NULL WHERE id = $1`,
      [id],
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
