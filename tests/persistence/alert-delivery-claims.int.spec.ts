import { createDataSource, runMigrations } from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryRepository, NAMED_DUE_ALERTS_SQL } from '../../apps/alert/src/delivery/delivery.repository';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

const SUBSCRIPTION = '00000000-0000-4000-8000-000000000001';
const LEASE_MS = 60_000;

/** How the delivery worker claims the alerts the matcher hands it: by id, with the lease and skips of a scan. */
describe(`${DeliveryRepository.name} claims by id`, () => {
  let url: string;
  let dataSource: DataSource;

  const insertAlerts = async (ids: string[], status: string, dueInSeconds: number) =>
    dataSource.query(
      `INSERT INTO alerts (id, subscription_id, tenant, cluster_id, actor_id, actor_name, statement_id, statement_text, article_id,
                           status, next_attempt_at, created_at)
       SELECT id, $2, 'desk-a', id, 'person:alpha', 'Alpha', id, 'text', 'a1', $3, now() + make_interval(secs => $4), now()
       FROM unnest($1::text[]) AS id`,
      [ids, SUBSCRIPTION, status, dueInSeconds],
    );
  const leased = async (): Promise<string[]> =>
    (
      await dataSource.query<Array<{ id: string }>>(
        `SELECT id FROM alerts WHERE next_attempt_at > now() + interval '30 seconds' ORDER BY id`,
      )
    ).map((row) => row.id);

  beforeAll(async () => {
    url = await createTestDatabase('alert-delivery-claims');
    await runMigrations(url);
    dataSource = await createDataSource(url, 3).initialize();
    await dataSource.query(
      `INSERT INTO subscriptions (id, tenant, actors, actor_keys, channel, webhook_url, created_at)
       VALUES ($1, 'desk-a', '{Alpha}', '{alpha}', 'webhook', 'http://127.0.0.1:9/hook', now())`,
      [SUBSCRIPTION],
    );
    await insertAlerts(['due-1', 'due-2', 'due-unnamed'], 'pending', -5);
    await insertAlerts(['waiting'], 'pending', 600);
    await insertAlerts(['delivered'], 'delivered', -5);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it('claims only the named alerts that are pending and due, and leases them', async () => {
    const repository = new DeliveryRepository(dataSource);
    const claimed = await repository.claimDueById(['due-1', 'due-2', 'waiting', 'delivered', 'unknown'], LEASE_MS);
    expect(claimed.map((alert) => alert.id).sort()).toEqual(['due-1', 'due-2']);
    expect(claimed[0]).toMatchObject({ webhook_url: 'http://127.0.0.1:9/hook', actor_name: 'Alpha' });
    expect(await leased()).toEqual(['due-1', 'due-2', 'waiting']);
    expect(await repository.claimDueById(['due-1', 'due-2'], LEASE_MS)).toEqual([]);
  });

  it('skips a named alert another claimer holds, without waiting for it', async () => {
    const repository = new DeliveryRepository(dataSource);
    await insertAlerts(['held', 'free'], 'pending', -5);
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT id FROM alerts WHERE id = 'held' FOR UPDATE`);
      const claimed = await repository.claimDueById(['held', 'free'], LEASE_MS);
      expect(claimed.map((alert) => alert.id)).toEqual(['free']);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('finds the named alerts through the primary key, not by a scan of the pending index', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => `bulk-${String(i).padStart(5, '0')}`);
    await insertAlerts(many, 'pending', -60);
    await dataSource.query('ANALYZE alerts');
    const [{ 'QUERY PLAN': plan }] = await dataSource.query(
      `EXPLAIN (FORMAT JSON) WITH due AS (${NAMED_DUE_ALERTS_SQL}) SELECT id, $2::text AS lease FROM due`,
      [3, String(LEASE_MS), ['bulk-00007', 'bulk-02500', 'bulk-04999']],
    );
    const text = JSON.stringify(plan);
    expect(text).toContain('alerts_pkey');
    expect(text).not.toContain('alerts_pending_idx');
  });
});
