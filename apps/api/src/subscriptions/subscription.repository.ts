import { SubscriptionRuleSpec } from '@chronicle/domain';
import { DataSource } from 'typeorm';

export interface StoredSubscriptionRow {
  id: string;
  actors: string[];
  actorKeys: string[];
  kinds: Array<'direct' | 'indirect'>;
  rule: SubscriptionRuleSpec;
  channel: 'webhook' | 'stream';
  webhookUrl: string | null;
  createdAt: string;
  updatedAt: string | null;
}

interface Row {
  id: string;
  actors: string[];
  actor_keys: string[];
  kinds: Array<'direct' | 'indirect'>;
  rule: SubscriptionRuleSpec;
  channel: 'webhook' | 'stream';
  webhook_url: string | null;
  created_at: Date;
  updated_at: Date | null;
}

const COLUMNS = 'id, actors, actor_keys, kinds, rule, channel, webhook_url, created_at, updated_at';

function toStored(row: Row): StoredSubscriptionRow {
  return {
    id: row.id,
    actors: row.actors,
    actorKeys: row.actor_keys,
    kinds: row.kinds,
    rule: row.rule,
    channel: row.channel,
    webhookUrl: row.webhook_url,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at ? row.updated_at.toISOString() : null,
  };
}

/** Positional parameters $1..$8 shared by insert and update. */
function writeParams(subscription: Omit<StoredSubscriptionRow, 'createdAt' | 'updatedAt'>, secret: string | null): unknown[] {
  return [
    subscription.id,
    subscription.actors,
    subscription.actorKeys,
    subscription.kinds,
    JSON.stringify(subscription.rule),
    subscription.channel,
    subscription.webhookUrl,
    secret,
  ];
}

/**
 * SET items that make the text parameter `secret` the signing secret when it is given and differs from
 * the current one: the current secret moves to previous_secret, valid for `rotationMs` milliseconds
 * (one previous secret at a time: rotating again within the window drops the oldest). All right-hand
 * sides read the row as it was, so previous_secret gets the old secret.
 */
function replaceSecret(secret: string, rotationMs: string): string {
  const rotating = `${secret}::text IS NOT NULL AND ${secret}::text IS DISTINCT FROM secret`;
  return `previous_secret = CASE WHEN ${rotating} THEN secret ELSE previous_secret END,
              previous_secret_expires_at = CASE WHEN ${rotating} THEN now() + (${rotationMs} || ' milliseconds')::interval
                                                ELSE previous_secret_expires_at END,
              secret = COALESCE(${secret}::text, secret)`;
}

/** Subscriptions: the rules the alert service matches (it reads the same table). Every query is scoped to one tenant. */
export class SubscriptionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    subscription: Omit<StoredSubscriptionRow, 'createdAt' | 'updatedAt'> & { secret: string },
    tenant: string,
  ): Promise<StoredSubscriptionRow> {
    const [row]: Row[] = await this.dataSource.query(
      `INSERT INTO subscriptions (id, actors, actor_keys, kinds, rule, channel, webhook_url, secret, tenant, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) RETURNING ${COLUMNS}`,
      [...writeParams(subscription, subscription.secret), tenant],
    );
    return toStored(row!);
  }

  async list(tenant: string): Promise<StoredSubscriptionRow[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM subscriptions WHERE tenant = $1 ORDER BY created_at, id`,
      [tenant],
    );
    return rows.map(toStored);
  }

  async findById(id: string, tenant: string): Promise<StoredSubscriptionRow | null> {
    const rows: Row[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM subscriptions WHERE id = $1 AND tenant = $2`, [
      id,
      tenant,
    ]);
    return rows[0] ? toStored(rows[0]) : null;
  }

  /**
   * Replaces the rule and channel; the secret only when a new one is given, and then the replaced
   * secret keeps signing for `secretRotationMs` (see {@link replaceSecret}).
   */
  async update(
    subscription: Omit<StoredSubscriptionRow, 'createdAt' | 'updatedAt'> & { secret?: string },
    secretRotationMs: number,
    tenant: string,
  ): Promise<StoredSubscriptionRow | null> {
    const [rows]: [Row[], number] = await this.dataSource.query(
      `UPDATE subscriptions SET actors = $2, actor_keys = $3, kinds = $4, rule = $5, channel = $6, webhook_url = $7,
              ${replaceSecret('$8', '$9')}, updated_at = now()
       WHERE id = $1 AND tenant = $10 RETURNING ${COLUMNS}`,
      [...writeParams(subscription, subscription.secret ?? null), String(secretRotationMs), tenant],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /**
   * Makes `secret` the signing secret; the replaced one still signs until the returned expiry.
   * Null when there is no such subscription.
   */
  async rotateSecret(
    id: string,
    secret: string,
    secretRotationMs: number,
    tenant: string,
  ): Promise<{ previousSecretExpiresAt: string } | null> {
    const [rows]: [Array<{ previous_secret_expires_at: Date }>, number] = await this.dataSource.query(
      `UPDATE subscriptions SET ${replaceSecret('$2', '$3')}, updated_at = now()
       WHERE id = $1 AND tenant = $4 RETURNING previous_secret_expires_at`,
      [id, secret, String(secretRotationMs), tenant],
    );
    return rows[0] ? { previousSecretExpiresAt: rows[0].previous_secret_expires_at.toISOString() } : null;
  }

  /** Deletes the subscription; its undelivered alerts are cancelled, delivered ones kept as history. */
  async delete(id: string, tenant: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [, deleted]: [unknown[], number] = await manager.query(
        'DELETE FROM subscriptions WHERE id = $1 AND tenant = $2 RETURNING id',
        [id, tenant],
      );
      if (deleted === 0) return false;
      await manager.query(`UPDATE alerts SET status = 'cancelled' WHERE subscription_id = $1 AND status = 'pending'`, [id]);
      return true;
    });
  }
}
