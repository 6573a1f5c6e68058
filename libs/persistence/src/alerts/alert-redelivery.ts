import { DataSource, EntityManager } from 'typeorm';

/** Which alerts to put back in the delivery queue; every given condition must hold. */
export interface RedeliveryFilter {
  subscriptionId?: string;
  alertIds?: readonly string[];
  /** Only this tenant's alerts (the API); the CLI operator sees every tenant. */
  tenant?: string;
}

/** An alert that would be, or was, queued again. */
export interface RedeliverableAlert {
  id: string;
  subscriptionId: string;
  status: 'failed' | 'cancelled';
  lastError: string | null;
}

/**
 * Failed and cancelled alerts whose subscription still exists (the dispatcher only claims alerts
 * of an existing subscription, so one of a deleted subscription would stay pending for ever).
 */
const REDELIVERABLE = `status IN ('failed', 'cancelled')
  AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = alerts.subscription_id)
  AND ($1::uuid IS NULL OR subscription_id = $1)
  AND ($2::text[] IS NULL OR id = ANY($2))
  AND ($3::text IS NULL OR tenant = $3)`;

const parameters = (filter: RedeliveryFilter) => [filter.subscriptionId ?? null, filter.alertIds ?? null, filter.tenant ?? null];

type Row = { id: string; subscription_id: string; status: 'failed' | 'cancelled'; last_error: string | null };
const toAlert = (row: Row): RedeliverableAlert => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  status: row.status,
  lastError: row.last_error,
});

/**
 * Puts failed or cancelled webhook alerts back in the delivery queue with a fresh retry budget:
 * `chronicle alerts redeliver` and `POST /v1/alerts/:id/redeliver`. The running alert service
 * sends them (same alert id, so receivers de-duplicate on the idempotency key); AlertRaised is
 * not published again.
 */
export class AlertRedelivery {
  constructor(private readonly sql: DataSource | EntityManager) {}

  /** What `redeliver` would queue now, in raise order. */
  async redeliverable(filter: RedeliveryFilter): Promise<RedeliverableAlert[]> {
    const rows: Row[] = await this.sql.query(
      `SELECT id, subscription_id, status, last_error FROM alerts WHERE ${REDELIVERABLE} ORDER BY seq`,
      parameters(filter),
    );
    return rows.map(toAlert);
  }

  /** Queues the alerts for delivery (pending, due now, no attempts, no error); returns those it queued. */
  async redeliver(filter: RedeliveryFilter): Promise<RedeliverableAlert[]> {
    // TypeORM answers an UPDATE with [rows, affectedCount]; RETURNING gives the status before the update.
    const [rows]: [Row[], number] = await this.sql.query(
      `UPDATE alerts a SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL
       FROM (SELECT id, status AS previous_status, last_error AS previous_error FROM alerts WHERE ${REDELIVERABLE} FOR UPDATE) p
       WHERE a.id = p.id
       RETURNING a.id, a.subscription_id, p.previous_status AS status, p.previous_error AS last_error`,
      parameters(filter),
    );
    return rows.map(toAlert);
  }
}
