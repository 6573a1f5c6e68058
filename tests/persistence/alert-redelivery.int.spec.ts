import { AlertRedelivery, createDataSource, runMigrations } from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

const LIVE = '00000000-0000-4000-8000-000000000001';
const DELETED = '00000000-0000-4000-8000-000000000002';

/** The one redelivery query `chronicle alerts redeliver` and `POST /v1/alerts/:id/redeliver` share. */
describe(AlertRedelivery.name, () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase('alert-redelivery');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
    await dataSource.query(
      `INSERT INTO subscriptions (id, tenant, actors, actor_keys, channel, created_at) VALUES ($1, 'desk-a', '{Alpha}', '{alpha}', 'stream', now())`,
      [LIVE],
    );
    const alert = (id: string, subscription: string, status: string, tenant = 'desk-a') =>
      dataSource.query(
        `INSERT INTO alerts (id, subscription_id, tenant, cluster_id, actor_id, actor_name, statement_id, statement_text, article_id,
                             status, attempts, last_error, next_attempt_at, created_at)
         VALUES ($1, $2, $4, $1, 'person:alpha', 'Alpha', $1, 'text', 'a1', $3, 4, 'HTTP 503', '2026-05-17T08:10Z', '2026-05-17T08:07Z')`,
        [id, subscription, status, tenant],
      );
    await alert('failed', LIVE, 'failed');
    await alert('cancelled', LIVE, 'cancelled');
    await alert('delivered', LIVE, 'delivered');
    await alert('pending', LIVE, 'pending');
    await alert('orphan', DELETED, 'failed');
    await alert('elsewhere', LIVE, 'failed', 'desk-b');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  describe('when asked what would be queued', () => {
    it('lists failed and cancelled alerts of existing subscriptions, in the tenant asked for, changing nothing', async () => {
      const redelivery = new AlertRedelivery(dataSource);
      expect((await redelivery.redeliverable({ tenant: 'desk-a' })).map((a) => a.id)).toEqual(['failed', 'cancelled']);
      expect((await redelivery.redeliverable({})).map((a) => a.id)).toEqual(['failed', 'cancelled', 'elsewhere']);
      const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM alerts WHERE status = 'pending'`);
      expect(count).toBe(1);
    });
  });

  describe('when alerts are queued again', () => {
    it('makes exactly those pending, due now, with no attempts and no error', async () => {
      const queued = await new AlertRedelivery(dataSource).redeliver({
        alertIds: ['failed', 'cancelled', 'delivered', 'pending', 'orphan'],
      });
      expect(queued.map((a) => [a.id, a.status]).sort()).toEqual([
        ['cancelled', 'cancelled'],
        ['failed', 'failed'],
      ]);
      const rows: Array<{ id: string; status: string; attempts: number; last_error: string | null; due: boolean }> =
        await dataSource.query(
          `SELECT id, status, attempts, last_error, next_attempt_at <= now() AS due FROM alerts ORDER BY id`,
        );
      expect(rows).toEqual([
        { id: 'cancelled', status: 'pending', attempts: 0, last_error: null, due: true },
        { id: 'delivered', status: 'delivered', attempts: 4, last_error: 'HTTP 503', due: true },
        { id: 'elsewhere', status: 'failed', attempts: 4, last_error: 'HTTP 503', due: true },
        { id: 'failed', status: 'pending', attempts: 0, last_error: null, due: true },
        { id: 'orphan', status: 'failed', attempts: 4, last_error: 'HTTP 503', due: true },
        { id: 'pending', status: 'pending', attempts: 4, last_error: 'HTTP 503', due: true },
      ]);
    });
  });
});
