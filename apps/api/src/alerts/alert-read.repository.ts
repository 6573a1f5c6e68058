import { STREAM_START_SQL, streamAfter } from '@chronicle/read-models';
import { DataSource } from 'typeorm';
import { AlertDetail, AlertView } from './alert.view';

const COLUMNS = `
  a.id, a.seq::text AS seq, a.subscription_id, a.actor_id, a.actor_name, a.statement_id, a.statement_kind, a.statement_text,
         a.article_id, a.article_url, a.outlet, a.created_at, a.status, a.attempts, a.last_error, a.next_attempt_at, a.delivered_at,
         a.cluster_id, c.opened_at, c.first_said_at, c.first_outlet, c.first_article_url, c.outlet_count, c.article_count, c.outlets`;
const FROM = `FROM alerts a LEFT JOIN novelty_clusters c ON c.id = a.cluster_id`;
const SELECT = `SELECT ${COLUMNS} ${FROM}`;

const iso = (value: Date | null): string | null => (value ? new Date(value).toISOString() : null);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toView(row: any): AlertView {
  return {
    id: row.id,
    seq: row.seq,
    subscriptionId: row.subscription_id,
    actor: { id: row.actor_id, name: row.actor_name },
    statement: { id: row.statement_id, kind: row.statement_kind, text: row.statement_text },
    article: { id: row.article_id, url: row.article_url, outlet: row.outlet },
    raisedAt: iso(row.created_at)!,
    delivery: {
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
      deliveredAt: iso(row.delivered_at),
    },
    cluster: {
      id: row.cluster_id,
      firstSeenAt: iso(row.opened_at),
      firstSaidAt: iso(row.first_said_at),
      firstOutlet: row.first_outlet ?? null,
      firstArticleUrl: row.first_article_url ?? null,
      outletCount: row.outlet_count ?? 0,
      articleCount: row.article_count ?? 0,
      outlets: row.outlets ?? [],
    },
  };
}

/** Alerts with their delivery state and cluster, for the dashboard and the live stream; each read sees one tenant's. */
export class AlertReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first; `beforeSeq` pages back. */
  async list(filter: {
    tenant: string;
    subscriptionId?: string;
    status?: string;
    beforeSeq?: string;
    limit: number;
  }): Promise<AlertView[]> {
    const rows = await this.dataSource.query(
      `${SELECT}
       WHERE a.tenant = $5 AND ($1::uuid IS NULL OR a.subscription_id = $1) AND ($2::text IS NULL OR a.status = $2)
         AND ($3::bigint IS NULL OR a.seq < $3::bigint)
       ORDER BY a.seq DESC LIMIT $4`,
      [filter.subscriptionId ?? null, filter.status ?? null, filter.beforeSeq ?? null, filter.limit, filter.tenant],
    );
    return rows.map(toView);
  }

  /** One alert of the tenant's, with its delivery record; null when there is none (or it is another tenant's). */
  async find(id: string, tenant: string): Promise<AlertDetail | null> {
    const rows = await this.dataSource.query(`${SELECT} WHERE a.id = $1 AND a.tenant = $2`, [id, tenant]);
    if (!rows[0]) return null;
    const view = toView(rows[0]);
    return { ...view, delivery: { ...view.delivery, createdAt: view.raisedAt } };
  }

  /** The tenant's alerts committed after a stream position, in stream order (see `streamAfter`), with their positions. */
  async after(
    position: string,
    tenant: string,
    subscriptionId: string | undefined,
    limit: number,
  ): Promise<Array<{ position: string; alert: AlertView }>> {
    const values: unknown[] = [tenant, subscriptionId ?? null, limit];
    const stream = streamAfter('a', position, (value) => `$${values.push(value)}`);
    const rows: Array<{ position: string }> = await this.dataSource.query(
      `SELECT ${COLUMNS}, ${stream.position} AS position ${FROM}
       WHERE a.tenant = $1 AND ($2::uuid IS NULL OR a.subscription_id = $2) AND ${stream.conditions.join(' AND ')}
       ORDER BY ${stream.orderBy} LIMIT $3`,
      values,
    );
    return rows.map((row) => ({ position: row.position, alert: toView(row) }));
  }

  /** Whether the tenant owns a live subscription with this id, or had alerts from one since deleted. */
  async subscriptionVisibleTo(subscriptionId: string, tenant: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM subscriptions WHERE id = $1 AND tenant = $2
       UNION ALL SELECT 1 FROM (SELECT 1 FROM alerts WHERE subscription_id = $1 AND tenant = $2 LIMIT 1) AS history`,
      [subscriptionId, tenant],
    );
    return rows.length > 0;
  }

  /** Where a new client of the alert stream starts (see `STREAM_START_SQL`). */
  async streamStart(): Promise<string> {
    const [row]: Array<{ position: string }> = await this.dataSource.query(STREAM_START_SQL);
    return row!.position;
  }
}
