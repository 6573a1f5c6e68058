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

/** Subscriptions: the rules the alert service matches (it reads the same table). */
export class SubscriptionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    subscription: Omit<StoredSubscriptionRow, 'createdAt' | 'updatedAt'> & { secret: string },
  ): Promise<StoredSubscriptionRow> {
    const [row]: Row[] = await this.dataSource.query(
      `INSERT INTO subscriptions (id, actors, actor_keys, kinds, rule, channel, webhook_url, secret, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING ${COLUMNS}`,
      writeParams(subscription, subscription.secret),
    );
    return toStored(row!);
  }

  async list(): Promise<StoredSubscriptionRow[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM subscriptions ORDER BY created_at, id`);
    return rows.map(toStored);
  }

  async findById(id: string): Promise<StoredSubscriptionRow | null> {
    const rows: Row[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM subscriptions WHERE id = $1`, [id]);
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** Replaces the rule and channel; the secret only when a new one is given. */
  async update(
    subscription: Omit<StoredSubscriptionRow, 'createdAt' | 'updatedAt'> & { secret?: string },
  ): Promise<StoredSubscriptionRow | null> {
    const [rows]: [Row[], number] = await this.dataSource.query(
      `UPDATE subscriptions SET actors = $2, actor_keys = $3, kinds = $4, rule = $5, channel = $6, webhook_url = $7,
              secret = COALESCE($8, secret), updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      writeParams(subscription, subscription.secret ?? null),
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** Deletes the subscription; its undelivered alerts are cancelled, delivered ones kept as history. */
  async delete(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [, deleted]: [unknown[], number] = await manager.query('DELETE FROM subscriptions WHERE id = $1 RETURNING id', [id]);
      if (deleted === 0) return false;
      await manager.query(`UPDATE alerts SET status = 'cancelled' WHERE subscription_id = $1 AND status = 'pending'`, [id]);
      return true;
    });
  }
}
