import type { OpenAPIObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChronicleStack, createStack } from '../e2e/support/chronicle-stack';
import { DocumentedOperation, documentedOperations, fetchOpenApi } from '../e2e/support/openapi-operations';

/** What earlier calls learned that later ones need (ids the services made up). */
interface Context {
  alertSubscriptionId: string;
  subscriptionId?: string;
  rebuildId?: string;
  feedId?: string;
}

interface Call {
  path: string;
  body?: unknown;
}

interface Exercise {
  /** A request the operation must accept, answered with a documented status and body. */
  valid: (context: Context) => Call;
  /** For operations with a body or query: a request it must refuse with the documented 400. */
  invalid?: (context: Context) => Call;
  /** Server-sent events: only the status and content type are checked, then the stream is dropped. */
  stream?: boolean;
  remember?: (body: unknown, context: Context) => void;
}

type Service = 'api' | 'ingest' | 'feeds';
const SERVICES: readonly Service[] = ['api', 'ingest', 'feeds'];

const platform = (service: Service): Array<[string, Exercise]> => [
  [`${service} GET /health`, { valid: () => ({ path: '/health' }) }],
  [`${service} GET /health/live`, { valid: () => ({ path: '/health/live' }) }],
  [`${service} GET /metrics`, { valid: () => ({ path: '/metrics' }) }],
];

/**
 * One exercise per documented operation, run in this order (a subscription is created before it
 * is read, changed and deleted). An operation the document lists without an exercise here fails
 * the test: a new route cannot go unchecked.
 */
const EXERCISES = new Map<string, Exercise>([
  ...platform('api'),
  ...platform('ingest'),
  ...platform('feeds'),
  [
    'ingest POST /v1/articles',
    {
      valid: () => ({
        path: '/v1/articles',
        body: [
          {
            id: 'contract-a2',
            url: 'https://wire.example/a2',
            outlet: 'Wire One',
            title: 'Talks',
            body: 'Alpha said: "We will talk."',
          },
        ],
      }),
      invalid: () => ({ path: '/v1/articles', body: { title: 'No body' } }),
    },
  ],
  [
    'ingest PUT /v1/articles/{id}',
    {
      valid: () => ({
        path: '/v1/articles/contract-a2',
        body: { title: 'Talks (updated)', body: 'Alpha said: "We will talk soon."' },
      }),
      invalid: () => ({ path: '/v1/articles/contract-a2', body: { title: 'Talks', body: 'text', id: 'elsewhere' } }),
    },
  ],
  [
    'ingest DELETE /v1/articles/{id}',
    {
      valid: () => ({ path: '/v1/articles/contract-a2', body: { reason: 'published in error' } }),
      invalid: () => ({ path: '/v1/articles/contract-a2', body: { reason: '' } }),
    },
  ],
  [
    'api GET /v1/actors',
    { valid: () => ({ path: '/v1/actors?q=alp&limit=10' }), invalid: () => ({ path: '/v1/actors?limit=abc' }) },
  ],
  [
    'api GET /v1/actors/{id}/statements',
    {
      valid: () => ({ path: '/v1/actors/person:alpha/statements?limit=5' }),
      invalid: () => ({ path: '/v1/actors/person:alpha/statements?offset=-1' }),
    },
  ],
  [
    'api GET /v1/actors/{id}/stances',
    {
      valid: () => ({ path: '/v1/actors/person:alpha/stances?limit=1' }),
      invalid: () => ({ path: '/v1/actors/person:alpha/stances?cursor=not-a-cursor' }),
    },
  ],
  [
    'api GET /v1/actors/{id}/sentiment',
    {
      valid: () => ({ path: '/v1/actors/person:alpha/sentiment?granularity=hour&from=2026-05-01T00:00:00Z' }),
      invalid: () => ({ path: '/v1/actors/person:alpha/sentiment?granularity=week' }),
    },
  ],
  ['api GET /v1/actors/{id}', { valid: () => ({ path: '/v1/actors/person:alpha' }) }],
  [
    'api GET /v1/actors/{id}/related',
    {
      valid: () => ({ path: '/v1/actors/person:alpha/related?from=2026-05-01T00:00:00Z&to=2026-06-01T00:00:00Z&limit=5' }),
      invalid: () => ({ path: '/v1/actors/person:alpha/related?from=2026-06-01T00:00:00Z&to=2026-05-01T00:00:00Z' }),
    },
  ],
  [
    'api GET /v1/actors/{id}/outlets',
    {
      valid: () => ({ path: '/v1/actors/person:alpha/outlets?limit=5' }),
      invalid: () => ({ path: '/v1/actors/person:alpha/outlets?cursor=not-a-cursor' }),
    },
  ],
  [
    'api GET /v1/trends',
    {
      valid: () => ({ path: '/v1/trends?granularity=day&from=2026-05-11T00:00:00Z&to=2026-05-18T00:00:00Z&limit=5' }),
      invalid: () => ({ path: '/v1/trends?granularity=hour&from=2026-05-01T00:00:00Z&to=2026-05-18T00:00:00Z' }),
    },
  ],
  ['api GET /v1/articles/{id}', { valid: () => ({ path: '/v1/articles/contract-a1' }) }],
  [
    'api GET /v1/statements',
    {
      valid: () => ({ path: '/v1/statements?q=talk*%20OR%20%22talks%20may%22&kind=direct&from=2026-05-01T00:00:00Z&limit=1' }),
      invalid: () => ({ path: '/v1/statements?q=(talk' }),
    },
  ],
  [
    'api GET /v1/statements/stream',
    {
      valid: () => ({ path: '/v1/statements/stream?actor=person:alpha&lastEventId=0' }),
      invalid: () => ({ path: '/v1/statements/stream?lastEventId=latest' }),
      stream: true,
    },
  ],
  [
    'api GET /v1/outlets',
    { valid: () => ({ path: '/v1/outlets?limit=10' }), invalid: () => ({ path: '/v1/outlets?offset=0x10' }) },
  ],
  [
    'api POST /v1/subscriptions',
    {
      valid: () => ({
        path: '/v1/subscriptions',
        body: { actors: ['Alpha'], query: 'talk*', sentiment: { labels: ['positive'] }, channel: 'stream' },
      }),
      invalid: () => ({ path: '/v1/subscriptions', body: { actors: [], channel: 'stream' } }),
      remember: (body, context) => {
        context.subscriptionId = (body as { id: string }).id;
      },
    },
  ],
  ['api GET /v1/subscriptions', { valid: () => ({ path: '/v1/subscriptions' }) }],
  ['api GET /v1/subscriptions/{id}', { valid: (c) => ({ path: `/v1/subscriptions/${c.subscriptionId}` }) }],
  [
    'api PATCH /v1/subscriptions/{id}',
    {
      valid: (c) => ({ path: `/v1/subscriptions/${c.subscriptionId}`, body: { words: ['talks'], sentiment: null } }),
      invalid: (c) => ({ path: `/v1/subscriptions/${c.subscriptionId}`, body: {} }),
    },
  ],
  [
    'api POST /v1/subscriptions/{id}/rotate-secret',
    { valid: (c) => ({ path: `/v1/subscriptions/${c.subscriptionId}/rotate-secret` }) },
  ],
  ['api DELETE /v1/subscriptions/{id}', { valid: (c) => ({ path: `/v1/subscriptions/${c.subscriptionId}` }) }],
  [
    'api GET /v1/alerts',
    {
      valid: (c) => ({ path: `/v1/alerts?subscription=${c.alertSubscriptionId}&limit=10` }),
      invalid: () => ({ path: '/v1/alerts?status=lost' }),
    },
  ],
  [
    'api GET /v1/alerts/stream',
    {
      valid: (c) => ({ path: `/v1/alerts/stream?subscription=${c.alertSubscriptionId}&lastEventId=0` }),
      invalid: () => ({ path: '/v1/alerts/stream?lastEventId=latest' }),
      stream: true,
    },
  ],
  ['api GET /v1/alerts/{id}', { valid: () => ({ path: '/v1/alerts/alert-1' }) }],
  ['api POST /v1/alerts/{id}/redeliver', { valid: () => ({ path: '/v1/alerts/alert-3/redeliver' }) }],
  ['api GET /v1/admin/projections', { valid: () => ({ path: '/v1/admin/projections' }) }],
  [
    'api POST /v1/admin/projections/{name}/rebuild',
    {
      valid: () => ({ path: '/v1/admin/projections/read-models/rebuild' }),
      remember: (body, context) => {
        context.rebuildId = (body as { id: string }).id;
      },
    },
  ],
  [
    'api GET /v1/admin/rebuilds',
    { valid: () => ({ path: '/v1/admin/rebuilds?limit=5' }), invalid: () => ({ path: '/v1/admin/rebuilds?limit=0' }) },
  ],
  ['api GET /v1/admin/rebuilds/{id}', { valid: (c) => ({ path: `/v1/admin/rebuilds/${c.rebuildId}` }) }],
  [
    'feeds POST /v1/feeds',
    {
      valid: () => ({
        path: '/v1/feeds',
        body: { url: 'https://contract.example/feed.xml', outlet: 'Contract', intervalSeconds: 3600 },
      }),
      invalid: () => ({ path: '/v1/feeds', body: { url: 'ftp://contract.example/feed' } }),
      remember: (body, context) => {
        context.feedId = (body as { id: string }).id;
      },
    },
  ],
  [
    'feeds POST /v1/feeds/import',
    {
      valid: () => ({
        path: '/v1/feeds/import',
        body: {
          opml: '<opml version="2.0"><body><outline text="Wire" xmlUrl="https://contract.example/wire.xml"/><outline xmlUrl="ftp://x"/></body></opml>',
        },
      }),
      invalid: () => ({ path: '/v1/feeds/import', body: { opml: '' } }),
    },
  ],
  ['feeds GET /v1/feeds', { valid: () => ({ path: '/v1/feeds' }) }],
  [
    'feeds PATCH /v1/feeds/{id}',
    {
      valid: (c) => ({ path: `/v1/feeds/${c.feedId}`, body: { paused: true, outlet: null } }),
      invalid: (c) => ({ path: `/v1/feeds/${c.feedId}`, body: { intervalSeconds: 0 } }),
    },
  ],
  ['feeds DELETE /v1/feeds/{id}', { valid: (c) => ({ path: `/v1/feeds/${c.feedId}` }) }],
]);

const keyOf = (operation: DocumentedOperation) => `${operation.service} ${operation.method} ${operation.path}`;

describe('OpenAPI contract', () => {
  let stack: ChronicleStack;
  const documents = {} as Record<Service, OpenAPIObject>;
  let operations: DocumentedOperation[];
  const context = {} as Context;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  async function send(operation: DocumentedOperation, call: Call, signal?: AbortSignal): Promise<Response> {
    return fetch(`${stack.cluster.url(operation.service)}${call.path}`, {
      method: operation.method,
      headers: { ...stack.authorization, ...(call.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      signal: signal ?? AbortSignal.timeout(10_000),
    });
  }

  /** Problems with an answer: a status the operation does not document, another content type, or a body off its schema. */
  async function contractProblems(operation: DocumentedOperation, response: Response): Promise<string[]> {
    const documented = operation.operation.responses[String(response.status)] as ResponseObject | undefined;
    if (!documented) return [`status ${response.status} is not documented (${await response.text()})`];
    const text = await response.text();
    if (!documented.content) return text === '' ? [] : [`status ${response.status} documents no body, got ${text.slice(0, 200)}`];
    const mediaType = (response.headers.get('content-type') ?? '').split(';', 1)[0]!.trim();
    const content = documented.content[mediaType];
    if (!content) return [`content type ${mediaType} is not documented for ${response.status}`];
    const validate = ajv.compile(content.schema as SchemaObject);
    const body: unknown = mediaType === 'application/json' ? JSON.parse(text) : text;
    return validate(body) ? [] : [`${response.status} body: ${ajv.errorsText(validate.errors)}`];
  }

  beforeAll(async () => {
    stack = await createStack('openapi-contract', { CHRONICLE_AUTH: 'on' });
    // Ingest first: it provisions the topics the admin routes read the ends of.
    await stack.cluster.start('ingest');
    await stack.cluster.start('api');
    await stack.cluster.start('feeds');
    await stack.query(`
      INSERT INTO articles (id, url, outlet, title, body, published_at, received_at, status, analyzer_version, analyzed_at,
                            contributed_outlet, contributed_at, stances)
      VALUES ('contract-a1', 'https://wire.example/a1', 'Wire One', 'Talks resume', 'Alpha said: "We will talk."',
              '2026-05-17T08:00Z', '2026-05-17T08:05Z', 'live', '1.4.0', '2026-05-17T08:06Z', 'Wire One', '2026-05-17T08:00Z',
              '[{"text": "the delay", "cue": "criticized", "start": 40, "end": 49,
                 "speaker": {"id": "person:alpha", "name": "Alpha"}, "sentiment": {"score": -0.3, "label": "negative"}},
                {"text": "the offer", "cue": "praised", "start": 60, "end": 69,
                 "speaker": {"id": "person:alpha", "name": "Alpha"}, "sentiment": {"score": 0.4, "label": "positive"}}]')`);
    await stack.query(`
      INSERT INTO actors (id, name, kind, role, aliases, first_seen, last_seen, mention_count, article_count, statement_count)
      VALUES ('person:alpha', 'Alpha', 'person', 'minister', '{"A. Alpha"}', '2026-05-17T08:00Z', '2026-05-18T08:00Z', 3, 1, 1),
             ('person:beta', 'Beta', 'person', NULL, '{}', '2026-05-17T08:00Z', '2026-05-17T08:00Z', 1, 1, 0)`);
    await stack.query(`
      INSERT INTO actor_pair_entries (actor_id, week, other_actor_id, articles)
      VALUES ('person:alpha', '2026-05-11', 'person:beta', 1), ('person:beta', '2026-05-11', 'person:alpha', 1)`);
    await stack.query(`INSERT INTO outlet_actors (outlet, actor_id, articles) VALUES ('Wire One', 'person:alpha', 1)`);
    await stack.query(`
      INSERT INTO mentions (actor_id, article_id, count, sentiment_score, sentiment_label, seen_at)
      VALUES ('person:alpha', 'contract-a1', 3, 0.25, 'positive', '2026-05-17T08:00Z')`);
    await stack.query(`
      INSERT INTO statements (id, article_id, speaker_id, speaker_name, kind, text, cue, start_offset, end_offset,
                              sentiment_score, sentiment_label, cluster_id, said_at, outlet) VALUES
        ('s1', 'contract-a1', 'person:alpha', 'Alpha', 'direct', 'We will talk.', 'said', 12, 25, 0.5, 'positive', 'c1', '2026-05-17T08:00Z', 'Wire One'),
        ('s2', 'contract-a1', NULL, NULL, 'indirect', 'talks may resume', NULL, 0, 11, 0, 'neutral', 'c2', '2026-05-17T08:00Z', 'Wire One')`);
    await stack.query(`
      INSERT INTO statement_reach (cluster_id, speaker_id, statement_count, outlet_count, first_statement_id, first_article_id, first_outlet, first_seen, last_seen)
      VALUES ('c1', 'person:alpha', 1, 1, 's1', 'contract-a1', 'Wire One', '2026-05-17T08:00Z', '2026-05-17T08:00Z')`);
    await stack.query(`
      INSERT INTO actor_sentiment_entries
        (actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros)
      VALUES ('person:alpha', 'hour', '2026-05-17T08:00Z', 3, 1, 1, 0, 0, 250000)`);
    await stack.query(`
      INSERT INTO outlets (outlet, article_count, actor_count, first_seen, last_seen)
      VALUES ('Wire One', 1, 1, '2026-05-17T08:00Z', '2026-05-17T08:00Z'), ('Daily Two', 0, 0, NULL, NULL)`);
    const created = await fetch(`${stack.cluster.url('api')}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...stack.authorization },
      body: JSON.stringify({ actors: ['Alpha'], channel: 'stream' }),
    });
    expect(created.status).toBe(201);
    context.alertSubscriptionId = ((await created.json()) as { id: string }).id;
    await stack.query(`
      INSERT INTO novelty_clusters (id, actor_id, text, shingles, first_statement_id, first_article_id, first_article_url,
                                    first_outlet, first_said_at, opened_at, last_seen_at, statement_count, article_count, outlet_count, outlets)
      VALUES ('c1', 'person:alpha', 'we will talk', '{1,2,3}', 's1', 'contract-a1', 'https://wire.example/a1',
              'Wire One', '2026-05-17T08:00Z', '2026-05-17T08:06Z', '2026-05-17T08:06Z', 1, 1, 1, '{"Wire One"}')`);
    // One alert with its cluster and one whose cluster is gone: both shapes the API answers.
    await stack.query(
      `INSERT INTO alerts (id, subscription_id, cluster_id, actor_id, actor_name, statement_id, statement_text, article_id,
                           article_url, outlet, status, attempts, last_error, next_attempt_at, created_at, delivered_at)
       VALUES ('alert-1', $1, 'c1', 'person:alpha', 'Alpha', 's1', 'We will talk.', 'contract-a1', 'https://wire.example/a1',
               'Wire One', 'pending', 1, 'HTTP 503', '2026-05-17T08:10Z', '2026-05-17T08:07Z', NULL),
              ('alert-2', $1, 'c-gone', 'person:alpha', 'Alpha', 's2', 'talks may resume', 'contract-a1', NULL,
               NULL, 'delivered', 1, NULL, '2026-05-17T08:07Z', '2026-05-17T08:07Z', '2026-05-17T08:08Z'),
              ('alert-3', $1, 'c3', 'person:alpha', 'Alpha', 's1', 'We will talk.', 'contract-a1', NULL,
               NULL, 'failed', 4, 'HTTP 503', '2026-05-17T08:07Z', '2026-05-17T08:07Z', NULL)`,
      [context.alertSubscriptionId],
    );
    for (const service of SERVICES) {
      const { status, document } = await fetchOpenApi(stack.cluster.url(service));
      expect(status, `${service} /docs/openapi.json without a key`).toBe(200);
      documents[service] = document;
    }
    operations = SERVICES.flatMap((service) => documentedOperations(service, documents[service]));
  }, 180_000);

  afterAll(async () => {
    await stack?.teardown();
  });

  it('serves the document and Swagger UI without a key', async () => {
    for (const service of SERVICES) {
      expect(documents[service].openapi).toMatch(/^3\./);
      expect(documents[service].components?.securitySchemes?.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
      const page = `${stack.cluster.url(service)}/docs`;
      const ui = await fetch(page);
      expect(ui.status).toBe(200);
      expect(ui.headers.get('content-type')).toContain('text/html');
      // Its scripts load from the same origin, so the service's Content-Security-Policy lets them run.
      const scripts = [...(await ui.text()).matchAll(/<script src="([^"]+)"/g)].map(
        (match) => new URL(match[1]!, ui.url || page),
      );
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) {
        expect(script.origin).toBe(new URL(page).origin);
        const loaded = await fetch(script);
        expect(loaded.status, String(script)).toBe(200);
        await loaded.body?.cancel();
      }
    }
  });

  it('has an exercise for every documented operation, and none for an operation that is gone', () => {
    const documented = operations.map(keyOf).sort();
    expect(documented).toEqual([...EXERCISES.keys()].sort());
  });

  it('answers a valid request to every operation with a documented status and a body that fits its schema', async () => {
    const byKey = new Map(operations.map((operation) => [keyOf(operation), operation]));
    const problems: string[] = [];
    for (const [key, exercise] of EXERCISES) {
      const operation = byKey.get(key);
      if (!operation) continue;
      if (exercise.stream) {
        const abort = new AbortController();
        const response = await send(operation, exercise.valid(context), abort.signal);
        if (response.status !== 200) problems.push(`${key}: status ${response.status}`);
        if (!response.headers.get('content-type')?.startsWith('text/event-stream')) problems.push(`${key}: not an event stream`);
        if (!(operation.operation.responses['200'] as ResponseObject).content?.['text/event-stream'])
          problems.push(`${key}: stream undocumented`);
        abort.abort();
        continue;
      }
      const response = await send(operation, exercise.valid(context));
      const status = response.status;
      if (status >= 300) problems.push(`${key}: status ${status}`);
      if (exercise.remember && status < 300) exercise.remember(await response.clone().json(), context);
      problems.push(...(await contractProblems(operation, response)).map((problem) => `${key}: ${problem}`));
    }
    expect(problems).toEqual([]);
  });

  it('refuses an invalid body or query of every operation that takes one with the documented 400', async () => {
    const problems: string[] = [];
    for (const operation of operations) {
      const takesInput =
        operation.operation.requestBody !== undefined ||
        (operation.operation.parameters ?? []).some((p) => 'in' in p && p.in === 'query');
      const exercise = EXERCISES.get(keyOf(operation));
      if (!takesInput || !exercise) continue;
      if (!exercise.invalid) {
        problems.push(`${keyOf(operation)}: takes a body or query but has no invalid request`);
        continue;
      }
      const response = await send(operation, exercise.invalid(context));
      if (response.status !== 400) {
        problems.push(`${keyOf(operation)}: status ${response.status} for an invalid request`);
        await response.body?.cancel();
        continue;
      }
      const body = (await response.clone().json()) as { problems?: unknown[] };
      if (!Array.isArray(body.problems) || body.problems.length === 0)
        problems.push(`${keyOf(operation)}: a 400 without problems`);
      problems.push(...(await contractProblems(operation, response)).map((problem) => `${keyOf(operation)}: ${problem}`));
    }
    expect(problems).toEqual([]);
  });
});
