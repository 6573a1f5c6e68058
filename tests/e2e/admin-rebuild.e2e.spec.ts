import { ApiKeyStore, issueApiKey } from '@chronicle/persistence';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/test-environment';
import { ChronicleStack, createStack } from './support/chronicle-stack';
import { syntheticArticle } from './support/synthetic-articles';

const ARTICLES = 30;

interface RebuildRow {
  id: string;
  projection: string;
  requested_by: string;
  requested_by_key: string | null;
  claimed_by: string | null;
  attempts: number;
  version: number | null;
  outcome: string | null;
  error: string | null;
}

/** Percent-encodes every byte, so any name reaches the router as sent. */
const encode = (name: string) => [...Buffer.from(name, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

describe('POST /v1/admin/projections/:name/rebuild', () => {
  let stack: ChronicleStack;
  let api: string;
  let admin: { key: string; id: string };
  const rows = () => stack.query<RebuildRow>('SELECT * FROM projection_rebuilds ORDER BY requested_at');
  const rebuild = (name: string, key = admin.key) =>
    fetch(`${api}/v1/admin/projections/${name}/rebuild`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
  const finished = async (id: string): Promise<RebuildRow> =>
    waitFor(async () => (await stack.query<RebuildRow>('SELECT * FROM projection_rebuilds WHERE id = $1', [id]))[0]!, {
      until: (row) => row?.outcome != null,
      timeoutMs: 180_000,
      intervalMs: 500,
      description: `rebuild ${id} finished`,
    });

  beforeAll(async () => {
    stack = await createStack('admin-rebuild', { CHRONICLE_AUTH: 'on' });
    const keys = ApiKeyStore.connect(stack.databaseUrl);
    const issued = await issueApiKey(keys, { name: 'desk-admin', scopes: ['admin'] });
    const ingest = await issueApiKey(keys, { name: 'wire-feed', scopes: ['ingest'] });
    await keys.close();
    admin = { key: issued.key, id: issued.stored.id };
    // Two project replicas: exactly one of them must take each request.
    await Promise.all([
      stack.cluster.start('ingest'),
      stack.cluster.start('enrich'),
      stack.cluster.start('project', 0),
      stack.cluster.start('project', 1),
      stack.cluster.start('api'),
    ]);
    api = stack.cluster.url('api');
    const response = await fetch(`${stack.cluster.url('ingest')}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingest.key}` },
      body: JSON.stringify(Array.from({ length: ARTICLES }, (_, i) => syntheticArticle(i))),
    });
    expect(response.status).toBe(202);
    await waitFor(
      async () =>
        (await stack.query<{ n: number }>('SELECT count(*)::int AS n FROM articles WHERE analysis_event_id IS NOT NULL'))[0]!
          .n === ARTICLES,
      { timeoutMs: 90_000, description: 'articles projected' },
    );
  });

  afterAll(async () => {
    await stack?.teardown();
  });

  describe('when the name is not a projection but a property every object has', () => {
    it.each(['constructor', '__proto__', 'toString', encode('__proto__'), 'hasOwnProperty', 'valueOf'])(
      '%s answers 404 and records nothing',
      async (name) => {
        const response = await rebuild(name);
        expect(response.status).toBe(404);
        expect(await rows()).toEqual([]);
      },
    );

    it('any other name answers 404 and records nothing', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ minLength: 1, maxLength: 40 }).filter((name) => name !== 'read-models'),
          async (name) => {
            expect((await rebuild(encode(name))).status).toBe(404);
          },
        ),
        { numRuns: 40 },
      );
      expect(await rows()).toEqual([]);
    });
  });

  describe('when the caller has no key', () => {
    it('answers 401 and records nothing', async () => {
      const response = await fetch(`${api}/v1/admin/projections/read-models/rebuild`, { method: 'POST' });
      expect(response.status).toBe(401);
      expect(await rows()).toEqual([]);
    });
  });

  describe('when several rebuilds are requested at once', () => {
    let responses: Array<{ status: number; body: Record<string, unknown>; location: string | null }>;
    let accepted: { id: string; requestedBy: string; status: string };
    let row: RebuildRow;

    beforeAll(async () => {
      responses = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const response = await rebuild('read-models');
          return {
            status: response.status,
            body: (await response.json()) as Record<string, unknown>,
            location: response.headers.get('location'),
          };
        }),
      );
      accepted = responses.find((r) => r.status === 202)!.body as typeof accepted;
      row = await finished(accepted.id);
    });

    it('accepts exactly one, and refuses the others with 409 naming it', () => {
      expect(responses.map((r) => r.status).sort()).toEqual([202, 409, 409, 409]);
      expect(accepted).toMatchObject({ projection: 'read-models', requestedBy: 'desk-admin', status: 'requested' });
      expect(responses.find((r) => r.status === 202)!.location).toBe(`/v1/admin/rebuilds/${accepted.id}`);
      for (const refused of responses.filter((r) => r.status === 409)) {
        expect(refused.body.message).toContain(accepted.id);
        expect(refused.body.running).toMatchObject({ id: accepted.id, requestedBy: 'desk-admin' });
      }
    });

    it('is carried out by one project replica, which records who asked and that it succeeded', async () => {
      expect(row).toMatchObject({
        projection: 'read-models',
        requested_by: 'desk-admin',
        requested_by_key: admin.id,
        attempts: 1,
        version: 2,
        outcome: 'succeeded',
        error: null,
      });
      expect(row.claimed_by).toMatch(/^project@/);
      expect(await rows()).toHaveLength(1);
      const versions = await stack.query(
        "SELECT version, status FROM projection_versions WHERE name = 'read-models' ORDER BY version",
      );
      expect(versions).toEqual([
        { version: 1, status: 'retired' },
        { version: 2, status: 'live' },
      ]);
      expect((await stack.query<{ n: number }>('SELECT count(*)::int AS n FROM articles'))[0]!.n).toBe(ARTICLES);
    });

    it('shows in the rebuild history', async () => {
      const response = await fetch(`${api}/v1/admin/rebuilds`, { headers: { authorization: `Bearer ${admin.key}` } });
      expect(response.status).toBe(200);
      const { rebuilds } = (await response.json()) as { rebuilds: Array<Record<string, unknown>> };
      expect(rebuilds).toEqual([
        expect.objectContaining({
          id: accepted.id,
          requestedBy: 'desk-admin',
          status: 'succeeded',
          version: 2,
          finishedAt: expect.any(String),
        }),
      ]);
      const one = await fetch(`${api}/v1/admin/rebuilds/${accepted.id}`, { headers: { authorization: `Bearer ${admin.key}` } });
      expect(await one.json()).toMatchObject({ id: accepted.id, status: 'succeeded' });
    });
  });

  describe('when the replica that claimed a rebuild died mid-way', () => {
    let row: RebuildRow;
    let stale: Array<{ status: string; error: string | null }>;

    beforeAll(async () => {
      // What a replica killed during a rebuild leaves: its claim, whose heartbeat stopped, a
      // `building` version and its shadow schema.
      await stack.query('CREATE SCHEMA shadow_read_models_v3');
      await stack.query(
        `INSERT INTO projection_versions (name, version, status, consumer, shadow_schema, started_at)
         VALUES ('read-models', 3, 'building', 'dead-rebuild-read-models-v3-chronicle-project', 'shadow_read_models_v3', now())`,
      );
      const [{ id }] = (await stack.query<{ id: string }>(
        `INSERT INTO projection_rebuilds (projection, requested_by, claimed_by, heartbeat_at, started_at, attempts, version)
         VALUES ('read-models', 'desk-admin', 'project@dead-host/1', now() - interval '1 hour', now() - interval '1 hour', 1, 3)
         RETURNING id`,
      )) as [{ id: string }];
      row = await finished(id);
      stale = await stack.query("SELECT status, error FROM projection_versions WHERE name = 'read-models' AND version = 3");
    });

    it('is taken over by a live replica and finishes', () => {
      expect(row).toMatchObject({ outcome: 'succeeded', attempts: 2, version: 4, error: null });
      expect(row.claimed_by).toMatch(/^project@/);
      expect(row.claimed_by).not.toBe('project@dead-host/1');
    });

    it("discards the dead replica's version and shadow schema", async () => {
      expect(stale).toEqual([{ status: 'failed', error: expect.stringContaining('abandoned') }]);
      const schemas = await stack.query(
        "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'shadow_%' OR nspname LIKE 'retired_%'",
      );
      expect(schemas).toEqual([]);
      const live = await stack.query("SELECT version FROM projection_versions WHERE name = 'read-models' AND status = 'live'");
      expect(live).toEqual([{ version: 4 }]);
    });
  });
});
