import { AlertCandidate, SubscriptionRule } from '@chronicle/domain';
import { EntityManager } from 'typeorm';

/** Reads subscription rules and records alerts; one alert per (subscription, cluster), ever. */
export class AlertRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Rules whose actor keys overlap the given speaker keys (GIN-indexed). */
  async rulesForSpeakerKeys(keys: string[]): Promise<SubscriptionRule[]> {
    if (keys.length === 0) return [];
    const rows: Array<{ id: string; actor_keys: string[]; kinds: Array<'direct' | 'indirect'> }> = await this.manager.query(
      'SELECT id, actor_keys, kinds FROM subscriptions WHERE actor_keys && $1::text[]',
      [keys],
    );
    return rows.map((row) => ({ id: row.id, actorKeys: row.actor_keys, kinds: row.kinds }));
  }

  /** Inserts the candidates that are new; returns how many were. */
  async recordNew(candidates: Array<AlertCandidate & { id: string }>): Promise<number> {
    if (candidates.length === 0) return 0;
    const inserted: unknown[] = await this.manager.query(
      `INSERT INTO alerts (id, subscription_id, cluster_id, actor_id, actor_name, statement_id, statement_text,
                           article_id, article_url, outlet, next_attempt_at, created_at)
       SELECT id, "subscriptionId", "clusterId", "actorId", "actorName", "statementId", "statementText",
              "articleId", "articleUrl", outlet, now(), now()
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, "subscriptionId" uuid, "clusterId" text, "actorId" text,
            "actorName" text, "statementId" text, "statementText" text, "articleId" text, "articleUrl" text, outlet text)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [JSON.stringify(candidates)],
    );
    return inserted.length;
  }
}
