import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textQueryInput } from '@chronicle/test-support';
import { ChronicleStack, createStack } from './support/chronicle-stack';

interface Problem {
  path: string;
  message: string;
}

/** Percent-encodes every byte, so any string (or byte sequence, valid UTF-8 or not) reaches the server as sent. */
function encode(value: string | Uint8Array): string {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return [...bytes].map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`).join('');
}

function queryString(params: Partial<Record<string, string | Uint8Array>>): string {
  const pairs = Object.entries(params).flatMap(([key, value]) => (value === undefined ? [] : [`${key}=${encode(value)}`]));
  return pairs.length ? `?${pairs.join('&')}` : '';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Numbers as a query string carries them, including forms and sizes LIMIT/OFFSET refuse. */
const numberish = fc.oneof(
  fc.nat().map(String),
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
  fc.constantFrom('1e20', '1e3', '0x10', '-1', '1.5', '1.0', '+1', '', 'NaN', '99999999999999999999'),
);

/** Instants, including years and time zone offsets a timestamptz refuses. */
const dateish = fc.oneof(
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
  fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
      fc.constantFrom('Z', '+00:00', '-05:00', '+15:59', '+16:00', '+23:59', '+99:99', '-1200'),
      fc.constantFrom('', ':00', ':59.9999999'),
    )
    .map(([y, m, d, zone, seconds]) => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}T23:59${seconds}${zone}`),
);

/** Any text or bytes at all, LIKE's special characters and NUL well represented. */
const anything: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('%', '_', '\\', '\0', 'a', 'é'), maxLength: 8 }),
  fc.uint8Array({ maxLength: 12 }),
  numberish,
  dateish,
);

/**
 * Values for one parameter: mostly of its own kind, so that the other parameters of a request
 * are usually acceptable and the hostile one reaches the database instead of a 400 for another.
 */
const PARAMETER_VALUES: Record<string, fc.Arbitrary<string | Uint8Array>> = {
  q: fc.oneof(anything, textQueryInput()),
  limit: numberish,
  offset: numberish,
  before: numberish,
  from: dateish,
  to: dateish,
  granularity: fc.constantFrom('hour', 'day'),
  status: fc.constantFrom('pending', 'delivered', 'failed', 'cancelled'),
  subscription: fc.uuid(),
  actor: fc.constantFrom('person:alpha', 'person:nobody'),
  outlet: fc.constantFrom('Wire One', 'Nowhere'),
  kind: fc.constantFrom('direct', 'indirect'),
  sentiment: fc.constantFrom('negative', 'neutral', 'positive'),
  order: fc.constantFrom('rank', 'newest'),
  // Base64url JSON of any shape, valid page ends among them, and anything at all.
  cursor: fc.oneof(
    fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value) ?? 'null', 'utf8').toString('base64url')),
    fc
      .tuple(fc.constantFrom('newest', 'rank'), fc.oneof(dateish, fc.double()), fc.string({ maxLength: 4 }))
      .map((key) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url')),
    // A stance page's end: [time, article id, start, position], numbers past what the query's int takes among them.
    fc
      .tuple(
        dateish,
        fc.string({ maxLength: 4 }),
        fc.oneof(fc.integer(), fc.double(), numberish),
        fc.oneof(fc.integer(), fc.double()),
      )
      .map((key) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url')),
  ),
};
const valueFor = (name: string) =>
  fc.oneof({ arbitrary: PARAMETER_VALUES[name]!, weight: 4 }, { arbitrary: anything, weight: 1 });

describe('API request parameters', () => {
  let stack: ChronicleStack;
  let api: string;

  const get = async (path: string): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${api}${path}`, { headers: stack.authorization });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { text };
    }
    return { status: response.status, body };
  };
  const problemPaths = (body: Record<string, unknown>) => ((body.problems as Problem[] | undefined) ?? []).map((p) => p.path);
  const ids = (items: unknown) => (items as Array<{ id: string }>).map((item) => item.id);

  beforeAll(async () => {
    // With auth on and a key holding every scope: hostile parameters reach the handlers, not just the guard.
    stack = await createStack('api-query-params', { CHRONICLE_AUTH: 'on' });
    await stack.cluster.start('api');
    api = stack.cluster.url('api');
    await stack.query(`
      INSERT INTO actors (id, name, kind, aliases, first_seen, last_seen, mention_count) VALUES
        ('person:alpha', 'Alpha', 'person', '{}', '2026-05-17T09:00Z', '2026-05-18T09:00Z', 40),
        ('org:beta', 'Beta_Group', 'organization', '{"50% Club"}', '2026-05-17T09:00Z', '2026-05-17T09:00Z', 30),
        ('person:gamma', 'Gamma\\Delta', 'person', '{}', '2026-05-17T09:00Z', '2026-05-17T09:00Z', 20),
        ('person:delta', 'Delta', 'person', '{}', '2026-05-17T09:00Z', '2026-05-17T09:00Z', 10)`);
    await stack.query(`
      INSERT INTO statements (id, article_id, speaker_id, speaker_name, kind, text, start_offset, end_offset,
                              sentiment_score, sentiment_label, cluster_id, said_at) VALUES
        ('s1', 'a1', 'person:alpha', 'Alpha', 'direct', 'first', 0, 5, 0, 'neutral', 'c1', '2026-05-17T09:00Z'),
        ('s2', 'a1', 'person:alpha', 'Alpha', 'direct', 'second', 6, 12, 0, 'neutral', 'c2', '2026-05-18T09:00Z'),
        ('s3', 'a1', 'person:alpha', 'Alpha', 'direct', 'third', 13, 18, 0, 'neutral', 'c3', '2026-05-19T09:00Z')`);
    // Alpha's stances in two articles, one of them also holding Beta's.
    const stanceOf = (text: string, start: number, speaker: string, name: string) => ({
      text,
      cue: 'criticized',
      start,
      end: start + text.length,
      speaker: { id: speaker, name },
      sentiment: { score: 0, label: 'neutral' },
    });
    await stack.query(
      `INSERT INTO articles (id, title, body, received_at, contributed_at, stances) VALUES
         ('a1', 'Talks', '', '2026-05-17T09:05Z', '2026-05-17T09:00Z', $1), ('a2', 'Vote', '', '2026-05-18T09:05Z', '2026-05-18T09:00Z', $2)`,
      [
        JSON.stringify([
          stanceOf('the delay', 0, 'person:alpha', 'Alpha'),
          stanceOf('the plan', 10, 'org:beta', 'Beta_Group'),
          stanceOf('the offer', 20, 'person:alpha', 'Alpha'),
        ]),
        JSON.stringify([stanceOf('the vote', 5, 'person:alpha', 'Alpha')]),
      ],
    );
    await stack.query(`
      INSERT INTO actor_sentiment_entries
        (actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros)
      VALUES ('person:alpha', 'hour', '2026-05-17T09:00Z', 2, 1, 0, 1, 0, 0),
             ('person:alpha', 'hour', '2026-05-18T09:00Z', 3, 1, 1, 0, 0, 500000)`);
    await stack.query(`
      INSERT INTO outlets (outlet, article_count, actor_count) VALUES ('Wire One', 3, 2), ('Daily Two', 2, 1), ('Courier Three', 1, 1)`);
  });

  afterAll(async () => {
    await stack?.teardown();
  });

  describe('when the actor search text holds LIKE wildcards or the escape character', () => {
    it.each([
      ['%', ['org:beta']],
      ['_', ['org:beta']],
      ['\\', ['person:gamma']],
      ['a\\d', ['person:gamma']],
      ['%_', []],
      ['delta', ['person:gamma', 'person:delta']],
    ])('q=%j matches it literally in names and aliases', async (q, expected) => {
      const { status, body } = await get(`/v1/actors${queryString({ q })}`);
      expect(status).toBe(200);
      expect(ids(body.actors)).toEqual(expected);
    });
  });

  describe('when a list is paged with offset', () => {
    it('skips that many actors, statements and outlets', async () => {
      expect(ids((await get('/v1/actors?limit=2&offset=1')).body.actors)).toEqual(['org:beta', 'person:gamma']);
      expect(ids((await get('/v1/actors?offset=3')).body.actors)).toEqual(['person:delta']);
      const statements = await get('/v1/actors/person:alpha/statements?limit=1&offset=1');
      expect(ids(statements.body.statements)).toEqual(['s2']);
      const outlets = await get('/v1/outlets?limit=1&offset=1');
      expect((outlets.body.outlets as Array<{ outlet: string }>).map((o) => o.outlet)).toEqual(['Daily Two']);
    });
  });

  describe("when an actor's statements are paged with cursor", () => {
    it('reads the same statements as offset pages, and refuses both at once naming offset', async () => {
      const seen: string[] = [];
      let path = '/v1/actors/person:alpha/statements?limit=1';
      for (;;) {
        const { status, body } = await get(path);
        expect(status).toBe(200);
        seen.push(...ids(body.statements));
        if (body.nextCursor === null) break;
        path = `/v1/actors/person:alpha/statements?limit=1&cursor=${body.nextCursor as string}`;
      }
      expect(seen).toEqual(['s3', 's2', 's1']);
      const cursor = (await get('/v1/actors/person:alpha/statements?limit=1')).body.nextCursor as string;
      const both = await get(`/v1/actors/person:alpha/statements?offset=0&cursor=${cursor}`);
      expect({ status: both.status, problems: problemPaths(both.body) }).toEqual({ status: 400, problems: ['cursor'] });
    });
  });

  describe("when an actor's stances are paged with cursor", () => {
    it("reads the actor's alone, newest article first and in text order, each once", async () => {
      const seen: string[] = [];
      let path = '/v1/actors/person:alpha/stances?limit=1';
      for (;;) {
        const { status, body } = await get(path);
        expect(status).toBe(200);
        seen.push(...(body.stances as Array<{ text: string }>).map((s) => s.text));
        if (body.nextCursor === null) break;
        path = `/v1/actors/person:alpha/stances?limit=1&cursor=${body.nextCursor as string}`;
      }
      expect(seen).toEqual(['the vote', 'the delay', 'the offer']);
    });

    it.each([
      ['not base64url', 'not-a-cursor!'],
      ["a statement list's", Buffer.from(JSON.stringify(['newest', '2026-05-18T09:00:00Z', 's2'])).toString('base64url')],
      ['a start past an int', Buffer.from(JSON.stringify(['2026-05-18T09:00:00Z', 'a2', 2 ** 31, 1])).toString('base64url')],
      ['an article id with NUL', Buffer.from(JSON.stringify(['2026-05-18T09:00:00Z', 'a\0', 5, 1])).toString('base64url')],
    ])('refuses a cursor that is %s with a 400 naming cursor', async (_what, cursor) => {
      const { status, body } = await get(`/v1/actors/person:alpha/stances${queryString({ cursor })}`);
      expect({ status, problems: problemPaths(body) }).toEqual({ status: 400, problems: ['cursor'] });
    });

    it('answers 404 for an actor Chronicle does not know', async () => {
      expect((await get('/v1/actors/person:nobody/stances')).status).toBe(404);
    });
  });

  describe('when statements are searched', () => {
    it('finds them by stem and pages them by cursor; a query that does not parse is a 400 naming q', async () => {
      const { status, body } = await get(`/v1/statements${queryString({ q: 'third OR second OR first', limit: '2' })}`);
      expect(status).toBe(200);
      const next = await get(
        `/v1/statements${queryString({ q: 'third OR second OR first', limit: '2', cursor: body.nextCursor as string })}`,
      );
      expect([...ids(body.statements), ...ids(next.body.statements)].sort()).toEqual(['s1', 's2', 's3']);
      expect(next.body.nextCursor).toBeNull();
      const bad = await get(`/v1/statements${queryString({ q: '(first' })}`);
      expect({ status: bad.status, problems: problemPaths(bad.body) }).toEqual({ status: 400, problems: ['q'] });
    });
  });

  describe('when a sentiment date is outside years 1..9999 or Postgres cannot read it', () => {
    it.each([
      ['from', '0000-01-01T00:00:00Z'],
      ['to', '9999-12-31T23:00:00-05:00'],
      ['from', '2026-05-17T09:00:00+99:00'],
      ['to', 'yesterday'],
    ])('answers 400 naming %s=%j', async (name, value) => {
      const { status, body } = await get(`/v1/actors/person:alpha/sentiment${queryString({ [name]: value })}`);
      expect(status).toBe(400);
      expect(problemPaths(body)).toEqual([name]);
    });
  });

  describe('when a sentiment range has a time zone offset Postgres does not take', () => {
    it('reads it as the same instant, to the microsecond', async () => {
      const buckets = async (from: string) =>
        (
          (await get(`/v1/actors/person:alpha/sentiment${queryString({ granularity: 'hour', from })}`)).body.buckets as Array<{
            bucketStart: string;
          }>
        ).map((b) => b.bucketStart);
      expect(await buckets('2026-05-18T08:59:00+23:59')).toEqual(['2026-05-17T09:00:00.000Z', '2026-05-18T09:00:00.000Z']);
      expect(await buckets('2026-05-17T11:00:00.000001+02:00')).toEqual(['2026-05-18T09:00:00.000Z']);
    });
  });

  describe('when limit or offset is not a whole number in range', () => {
    it.each([
      ['/v1/actors/person:alpha/statements', 'offset', '1e20'],
      ['/v1/actors/person:alpha/statements', 'offset', '99999999999'],
      ['/v1/actors/person:alpha/statements', 'limit', '1.5'],
      ['/v1/actors', 'offset', '-1'],
      ['/v1/outlets', 'offset', '0x10'],
      ['/v1/alerts', 'limit', '1e2'],
    ])('%s answers 400 naming %s=%j', async (path, name, value) => {
      const { status, body } = await get(`${path}${queryString({ [name]: value })}`);
      expect(status).toBe(400);
      expect(problemPaths(body)).toEqual([name]);
    });
  });

  describe('when an id or search text holds a NUL character', () => {
    it('answers 400 naming it', async () => {
      for (const path of [
        '/v1/actors/a%00b/statements',
        '/v1/actors/a%00b/stances',
        '/v1/actors/a%00b/sentiment',
        '/v1/articles/a%00b',
      ]) {
        const { status, body } = await get(path);
        expect({ path, status, problems: problemPaths(body) }).toEqual({ path, status: 400, problems: ['id'] });
      }
      const { status, body } = await get('/v1/actors?q=a%00b');
      expect({ status, problems: problemPaths(body) }).toEqual({ status: 400, problems: ['q'] });
    });

    it('refuses a subscription whose text Postgres cannot store, naming each field', async () => {
      const response = await fetch(`${api}/v1/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...stack.authorization },
        body: JSON.stringify({ actors: ['a\0b'], words: ['x\uD800'], channel: 'stream' }),
      });
      expect(response.status).toBe(400);
      expect(problemPaths((await response.json()) as Record<string, unknown>).sort()).toEqual(['actors.0', 'words.0']);
    });
  });

  describe('when a rebuild is asked for a name every object has (`__proto__`, `constructor`)', () => {
    it('answers 404 and starts nothing', async () => {
      for (const name of ['__proto__', 'constructor', 'toString']) {
        const response = await fetch(`${api}/v1/admin/projections/${name}/rebuild`, {
          method: 'POST',
          headers: stack.authorization,
        });
        expect({ name, status: response.status }).toEqual({ name, status: 404 });
      }
    });
  });

  describe('when any query string is sent', () => {
    const endpoints: Array<[string, string[]]> = [
      ['/v1/actors', ['q', 'limit', 'offset']],
      ['/v1/actors/person:alpha/statements', ['limit', 'offset', 'cursor']],
      ['/v1/actors/person:alpha/stances', ['limit', 'cursor']],
      ['/v1/statements', ['q', 'actor', 'kind', 'outlet', 'from', 'to', 'sentiment', 'order', 'cursor', 'limit']],
      ['/v1/actors/person:alpha/sentiment', ['granularity', 'from', 'to']],
      ['/v1/outlets', ['limit', 'offset']],
      ['/v1/alerts', ['subscription', 'status', 'before', 'limit']],
    ];

    it.each(endpoints)('%s never answers 5xx, and a 400 names only parameters that were sent', async (path, names) => {
      await fc.assert(
        fc.asyncProperty(
          fc.record(Object.fromEntries(names.map((name) => [name, valueFor(name)])), { requiredKeys: [] }),
          async (params) => {
            const { status, body } = await get(`${path}${queryString(params)}`);
            expect(status, JSON.stringify(body)).toBeLessThan(500);
            if (status === 400) {
              expect(problemPaths(body).length).toBeGreaterThan(0);
              for (const problem of problemPaths(body)) expect(Object.keys(params)).toContain(problem);
            } else if (status === 404) {
              // A subscription id the key's tenant does not own is "not found", never another tenant's alerts.
              expect(path === '/v1/alerts' && params.subscription !== undefined, JSON.stringify(body)).toBe(true);
            } else expect(status).toBe(200);
          },
        ),
        { numRuns: 200 },
      );
    });

    it('never answers 5xx for any id in a path', async () => {
      await fc.assert(
        fc.asyncProperty(
          anything.filter((id) => id.length > 0),
          fc.constantFrom('/v1/actors/%s/statements', '/v1/actors/%s/stances', '/v1/actors/%s/sentiment', '/v1/articles/%s'),
          async (id, template) => {
            const { status, body } = await get(template.replace('%s', encode(id)));
            expect(status, JSON.stringify(body)).toBeLessThan(500);
          },
        ),
        { numRuns: 200 },
      );
    });
  });
});
