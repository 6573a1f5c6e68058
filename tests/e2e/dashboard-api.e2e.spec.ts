import { ApiKeyStore, issueApiKey } from '@chronicle/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChronicleStack, createStack } from './support/chronicle-stack';

/** The dashboard's reads and alert actions through the api service, with auth on. */
describe('the dashboard API', () => {
  let stack: ChronicleStack;
  let subscriptionId: string;
  let deletedSubscriptionId: string;
  let otherTenant: Record<string, string>;

  const get = async (path: string, headers = stack.authorization) => {
    const response = await fetch(`${stack.cluster.url('api')}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const post = async (path: string, headers = stack.authorization) => {
    const response = await fetch(`${stack.cluster.url('api')}${path}`, { method: 'POST', headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    stack = await createStack('dashboard-api', { CHRONICLE_AUTH: 'on' });
    await stack.cluster.start('api');
    const store = ApiKeyStore.connect(stack.databaseUrl, 1);
    const other = await issueApiKey(store, { name: 'other desk', scopes: ['read', 'subscriptions'], tenant: 'desk-b' }).finally(
      () => store.close(),
    );
    otherTenant = { authorization: `Bearer ${other.key}` };
    const subscribe = async () => {
      const created = await fetch(`${stack.cluster.url('api')}/v1/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...stack.authorization },
        body: JSON.stringify({ actors: ['Alpha'], channel: 'stream' }),
      });
      expect(created.status).toBe(201);
      return ((await created.json()) as { id: string }).id;
    };
    subscriptionId = await subscribe();
    deletedSubscriptionId = await subscribe();
    await stack.query(`
      INSERT INTO actors (id, name, kind, role, aliases, first_seen, last_seen, mention_count, article_count, statement_count) VALUES
        ('person:alpha', 'Alpha', 'person', 'minister', '{}', '2026-05-17T08:00Z', '2026-05-18T08:00Z', 9, 3, 0),
        ('person:beta', 'Beta', 'person', NULL, '{}', '2026-05-17T08:00Z', '2026-05-17T08:00Z', 5, 2, 0),
        ('person:gamma', 'Gamma', 'person', NULL, '{}', '2026-05-17T08:00Z', '2026-05-17T08:00Z', 5, 1, 0),
        ('org:delta', 'Delta', 'organization', NULL, '{}', '2026-05-17T08:00Z', '2026-05-17T08:00Z', 1, 1, 0)`);
    await stack.query(`
      INSERT INTO actor_pair_entries (actor_id, week, other_actor_id, articles) VALUES
        ('person:alpha', '2026-05-11', 'person:beta', 2), ('person:alpha', '2026-05-11', 'person:gamma', 2),
        ('person:alpha', '2026-05-18', 'org:delta', 1)`);
    await stack.query(`
      INSERT INTO outlets (outlet, article_count, actor_count) VALUES ('Wire One', 3, 2), ('Daily Two', 3, 1), ('Courier', 1, 1)`);
    await stack.query(`
      INSERT INTO outlet_actors (outlet, actor_id, articles) VALUES ('Wire One', 'person:alpha', 2), ('Daily Two', 'person:alpha', 1)`);
    await stack.query(
      `INSERT INTO alerts (id, subscription_id, tenant, cluster_id, actor_id, actor_name, statement_id, statement_text, article_id,
                           status, attempts, last_error, next_attempt_at, created_at, delivered_at) VALUES
         ('failed-1', $1, 'default', 'c1', 'person:alpha', 'Alpha', 's1', 'We will talk.', 'a1', 'failed', 4, 'HTTP 503',
          '2026-05-17T08:10Z', '2026-05-17T08:07Z', NULL),
         ('delivered-1', $1, 'default', 'c2', 'person:alpha', 'Alpha', 's2', 'Later.', 'a1', 'delivered', 1, NULL,
          '2026-05-17T08:07Z', '2026-05-17T08:07Z', '2026-05-17T08:08Z'),
         ('pending-1', $1, 'default', 'c3', 'person:alpha', 'Alpha', 's3', 'Soon.', 'a1', 'pending', 0, NULL,
          '2026-05-17T08:07Z', '2026-05-17T08:07Z', NULL),
         ('orphan-1', $2, 'default', 'c4', 'person:alpha', 'Alpha', 's4', 'Gone.', 'a1', 'pending', 0, NULL,
          '2026-05-17T08:07Z', '2026-05-17T08:07Z', NULL)`,
      [subscriptionId, deletedSubscriptionId],
    );
    // Deleting the subscription cancels its pending alert.
    expect(
      (
        await fetch(`${stack.cluster.url('api')}/v1/subscriptions/${deletedSubscriptionId}`, {
          method: 'DELETE',
          headers: stack.authorization,
        })
      ).status,
    ).toBe(204);
  }, 120_000);

  afterAll(async () => {
    await stack?.teardown();
  });

  describe('GET /v1/actors/:id/related', () => {
    it('ranks the co-mentioned actors of the weeks the window overlaps, ties by id, and pages with the cursor', async () => {
      // Saturday and Sunday: the week from Monday 2026-05-11, not the one from Monday 2026-05-18.
      const first = await get('/v1/actors/person:alpha/related?from=2026-05-16T00:00:00Z&to=2026-05-18T00:00:00Z&limit=1');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        actor: { id: 'person:alpha' },
        window: { from: '2026-05-11T00:00:00.000Z', to: '2026-05-18T00:00:00.000Z' },
        related: [{ actor: { id: 'person:beta', name: 'Beta', kind: 'person', role: null }, articles: 2 }],
      });
      const second = await get(
        `/v1/actors/person:alpha/related?from=2026-05-16T00:00:00Z&to=2026-05-18T00:00:00Z&limit=1&cursor=${first.body.nextCursor as string}`,
      );
      expect(second.body.related).toEqual([
        { actor: { id: 'person:gamma', name: 'Gamma', kind: 'person', role: null }, articles: 2 },
      ]);
      const third = await get(
        `/v1/actors/person:alpha/related?from=2026-05-16T00:00:00Z&to=2026-05-18T00:00:00Z&limit=1&cursor=${second.body.nextCursor as string}`,
      );
      expect(third.body).toMatchObject({ related: [], nextCursor: null });
    });

    it('counts the next week too when the window reaches into its Monday', async () => {
      const both = await get('/v1/actors/person:alpha/related?from=2026-05-16T00:00:00Z&to=2026-05-18T00:00:00.001Z');
      expect(both.body.window).toEqual({ from: '2026-05-11T00:00:00.000Z', to: '2026-05-25T00:00:00.000Z' });
      expect(both.body.related).toEqual([
        expect.objectContaining({ actor: expect.objectContaining({ id: 'person:beta' }), articles: 2 }),
        expect.objectContaining({ actor: expect.objectContaining({ id: 'person:gamma' }), articles: 2 }),
        expect.objectContaining({ actor: expect.objectContaining({ id: 'org:delta' }), articles: 1 }),
      ]);
    });

    it('answers 404 for an unknown actor and 400 for a window over 366 days', async () => {
      expect((await get('/v1/actors/person:nobody/related')).status).toBe(404);
      const long = await get('/v1/actors/person:alpha/related?from=2025-01-01T00:00:00Z&to=2026-05-18T00:00:00Z');
      expect(long.status).toBe(400);
      expect(long.body.problems).toEqual([expect.objectContaining({ path: 'to' })]);
    });
  });

  describe('GET /v1/actors/:id and /v1/actors/:id/outlets', () => {
    it('gives the actor, 404 for an unknown one, and its outlets most articles first', async () => {
      expect((await get('/v1/actors/person:alpha')).body).toMatchObject({ id: 'person:alpha', name: 'Alpha', mentionCount: 9 });
      expect((await get('/v1/actors/person:nobody')).status).toBe(404);
      const outlets = await get('/v1/actors/person:alpha/outlets?limit=1');
      expect(outlets.body.outlets).toEqual([{ outlet: 'Wire One', articles: 2 }]);
      const rest = await get(`/v1/actors/person:alpha/outlets?limit=1&cursor=${outlets.body.nextCursor as string}`);
      expect(rest.body.outlets).toEqual([{ outlet: 'Daily Two', articles: 1 }]);
    });
  });

  describe('GET /v1/actors and /v1/outlets with a cursor', () => {
    it('pages on the sort key, and refuses a cursor together with an offset', async () => {
      const first = await get('/v1/actors?limit=2');
      expect((first.body.actors as Array<{ id: string }>).map((a) => a.id)).toEqual(['person:alpha', 'person:beta']);
      const next = await get(`/v1/actors?limit=2&cursor=${first.body.nextCursor as string}`);
      expect((next.body.actors as Array<{ id: string }>).map((a) => a.id)).toEqual(['person:gamma', 'org:delta']);
      expect((await get('/v1/actors?limit=2&offset=2')).body.actors).toEqual(next.body.actors);
      const both = await get(`/v1/actors?offset=0&cursor=${first.body.nextCursor as string}`);
      expect(both.status).toBe(400);
      expect(both.body.problems).toEqual([expect.objectContaining({ path: 'cursor' })]);
      const outlets = await get('/v1/outlets?limit=2');
      expect((outlets.body.outlets as Array<{ outlet: string }>).map((o) => o.outlet)).toEqual(['Daily Two', 'Wire One']);
      const more = await get(`/v1/outlets?limit=2&cursor=${outlets.body.nextCursor as string}`);
      expect((more.body.outlets as Array<{ outlet: string }>).map((o) => o.outlet)).toEqual(['Courier']);
      expect((await get('/v1/outlets?cursor=bm90LWEta2V5')).status).toBe(400);
    });
  });

  describe('GET /v1/trends', () => {
    it('refuses an hour window over 7 days', async () => {
      const long = await get('/v1/trends?granularity=hour&from=2026-05-01T00:00:00Z&to=2026-05-09T00:00:00Z');
      expect(long.status).toBe(400);
      expect(long.body.problems).toEqual([expect.objectContaining({ path: 'to' })]);
    });
  });

  describe('GET /v1/alerts/:id and POST /v1/alerts/:id/redeliver', () => {
    it('gives the alert with its delivery record, only to its tenant', async () => {
      const alert = await get('/v1/alerts/failed-1');
      expect(alert.status).toBe(200);
      expect(alert.body.delivery).toEqual({
        status: 'failed',
        attempts: 4,
        lastError: 'HTTP 503',
        nextAttemptAt: null,
        createdAt: '2026-05-17T08:07:00.000Z',
        deliveredAt: null,
      });
      expect((await get('/v1/alerts/failed-1', otherTenant)).status).toBe(404);
      expect((await get('/v1/alerts/no-such-alert')).status).toBe(404);
    });

    it('queues a failed alert again with a fresh budget, and refuses what is pending, delivered or has nowhere to go', async () => {
      expect((await post('/v1/alerts/failed-1/redeliver', otherTenant)).status).toBe(404);
      const queued = await post('/v1/alerts/failed-1/redeliver');
      expect(queued.status).toBe(200);
      expect(queued.body.delivery).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
      const again = await post('/v1/alerts/failed-1/redeliver');
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('is pending');
      expect((await post('/v1/alerts/delivered-1/redeliver')).body.message).toContain('is delivered');
      const orphan = await post('/v1/alerts/orphan-1/redeliver');
      expect(orphan.status).toBe(409);
      expect(orphan.body.message).toContain('subscription was deleted');
      expect((await post('/v1/alerts/no-such-alert/redeliver')).status).toBe(404);
    });
  });
});
