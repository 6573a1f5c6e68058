import { z } from 'zod';
import { DEFAULT_MAX_ARTICLE_BYTES, MAX_ARTICLE_BYTES_CEILING } from './message-limits';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Outbound targets allowed although they resolve to loopback, private, link-local or metadata
 * addresses: comma-separated hostnames, IP addresses and CIDR ranges, each with an optional port.
 */
const allowedHosts = () =>
  z
    .string()
    .refine(
      (list) =>
        list
          .split(',')
          .every(
            (entry) =>
              entry.trim() === '' ||
              /^(\[[0-9a-f:.]+(\/\d{1,3})?\](:\d{1,5})?|[a-z0-9.-]+(\/\d{1,3})?(:\d{1,5})?|[0-9a-f:.]+(\/\d{1,3})?)$/i.test(
                entry.trim(),
              ),
          ),
      'comma-separated hostnames, IP addresses or CIDR ranges, each with an optional :port ([v6]:port for IPv6)',
    )
    .default('');

/** Where a site operator reaches whoever runs the feeds service: an http(s) URL or an email address. */
const feedsContact = z
  .string()
  .trim()
  .refine(
    (value) =>
      /^https?:\/\/[\x21-\x27\x2a-\x7e]{1,190}$/.test(value) ||
      /^(mailto:)?[\x21-\x27\x2a-\x3f\x41-\x7e]{1,64}@[\x21-\x27\x2a-\x3f\x41-\x7e]{1,120}$/.test(value),
    'an http(s) URL or an email address (no spaces or parentheses)',
  )
  .optional();

/**
 * Every environment variable Chronicle reads, with its default. The README's configuration
 * table mirrors this schema.
 */
export const environmentSchema = z
  .object({
    CHRONICLE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    KAFKA_BROKERS: z.string().min(1).optional(),
    KAFKA_CLIENT_ID: z.string().min(1).default('chronicle'),
    KAFKA_TOPIC_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._-]*$/, 'only letters, digits, ".", "_" and "-"')
      .default(''),
    /** Prefix of consumer group names; defaults to the topic prefix. A second prefix builds a second, independent copy of the read models. */
    KAFKA_GROUP_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._-]*$/, 'only letters, digits, ".", "_" and "-"')
      .optional(),
    KAFKA_PARTITIONS: positiveInt(6),
    KAFKA_REPLICATION_FACTOR: positiveInt(1),
    CONSUMER_MAX_WAIT_MS: z.coerce.number().int().min(0).default(100),
    /** Bytes a fetch waits for (up to CONSUMER_MAX_WAIT_MS) before it answers: larger batches under load, more latency when quiet. */
    CONSUMER_MIN_BYTES: positiveInt(1),
    CONSUMER_MAX_BYTES_PER_PARTITION: positiveInt(1_048_576),
    /** Partitions' batches a replica handles at once; each may hold a database connection. */
    CONSUMER_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(32).default(3),
    /**
     * Worker threads enrich analyses articles on (0: on the event loop). Unset: one per core the process may use
     * (`os.availableParallelism()`), so the extractor no longer blocks fetches, heartbeats and publishes.
     */
    ENRICH_ANALYSIS_THREADS: z.coerce.number().int().min(0).max(64).optional(),
    /**
     * Whether enrich and `chronicle reanalyze` judge sentiment toward actors with the sentiment encoder stage (a
     * transformer mixed with the linear model: NewsMTSC CV macro-F1 77.4 against 72.0) or the linear model alone
     * (some twenty times faster). The analyzer version says which one wrote an analysis.
     */
    ENRICH_SENTIMENT_ENCODER: z.enum(['on', 'off']).default('on'),
    CONSUMER_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).default(10000),
    /** Tries of one event that fails in its handler for a reason tied to it, before it is dead-lettered. */
    CONSUMER_POISON_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(3),
    /** First wait before retrying a failing batch; doubles on each try up to the maximum. */
    CONSUMER_RETRY_BACKOFF_MS: positiveInt(200),
    CONSUMER_RETRY_MAX_BACKOFF_MS: positiveInt(30_000),
    /** How often a consumer reads end offsets and committed positions from the broker, for lag and stalls. */
    CONSUMER_LAG_INTERVAL_MS: positiveInt(5_000),
    /** `/health` is degraded when a partition with lag has made no progress for this long. */
    STALL_SECONDS: positiveInt(60),
    /** `/health` is degraded when a consumer dead-letters more than this many messages a minute (0: never). */
    DEAD_LETTER_RATE_LIMIT: z.coerce.number().int().min(0).default(30),
    DATABASE_URL: z.string().url().optional(),
    DATABASE_POOL_SIZE: positiveInt(10),
    /** Schema the read models are written to; a rebuild runs a projector against a shadow schema. */
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'a lower-case SQL identifier')
      .default('public'),
    API_PORT: port(3000),
    INGEST_PORT: port(3001),
    ENRICH_PORT: port(3002),
    PROJECT_PORT: port(3003),
    ALERT_PORT: port(3004),
    FEEDS_PORT: port(3005),
    /** The one size setting: Kafka message sizes and the HTTP body limit derive from it (message-limits.ts). */
    MAX_ARTICLE_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .max(MAX_ARTICLE_BYTES_CEILING, `at most ${MAX_ARTICLE_BYTES_CEILING} (32 MiB): Kafka messages are derived from it`)
      .default(DEFAULT_MAX_ARTICLE_BYTES),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
    WEBHOOK_TIMEOUT_MS: positiveInt(5000),
    WEBHOOK_MAX_ATTEMPTS: positiveInt(6),
    WEBHOOK_RETRY_BASE_MS: positiveInt(500),
    ALERT_DELIVERY_POLL_MS: positiveInt(200),
    /**
     * Webhook targets allowed although they resolve to loopback, private, link-local or metadata
     * addresses: comma-separated hostnames, IP addresses and CIDR ranges (e.g. `127.0.0.0/8,::1`).
     */
    WEBHOOK_ALLOWED_HOSTS: allowedHosts(),
    /** Feed and page hosts allowed although they resolve to non-public addresses (same grammar as WEBHOOK_ALLOWED_HOSTS). */
    FEEDS_ALLOWED_HOSTS: allowedHosts(),
    /** Contact (URL or email) in the feeds service's User-Agent; defaults to the project's name. */
    FEEDS_CONTACT: feedsContact,
    /** Bounds of the adaptive poll interval of a feed source. */
    FEEDS_MIN_INTERVAL_SECONDS: positiveInt(60),
    FEEDS_MAX_INTERVAL_SECONDS: positiveInt(3600),
    /** Feed sources one feeds replica polls at once. */
    FEEDS_POLL_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    /** Whole-request deadline of one feed or page fetch (connect, headers, body, redirects). */
    FEEDS_FETCH_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
    /** Word-shingle similarity at or above which a statement joins an earlier cluster (is not new). */
    NOVELTY_SIMILARITY_THRESHOLD: z.coerce.number().gt(0).max(1).default(0.7),
    /**
     * `deferred` is for the projector a rebuild runs: while its schema's aggregate gate says so it
     * writes only row tables, and the rebuild derives the aggregates in one pass once caught up.
     */
    PROJECTION_AGGREGATES: z.enum(['incremental', 'deferred']).default('incremental'),
    /** How often the project service folds each hour's sentiment ledger entries into one row (0: never). */
    SENTIMENT_COMPACTION_INTERVAL_MS: z.coerce.number().int().min(0).default(10_000),
    /** How often the live alert stream (SSE) looks for new alerts. */
    ALERT_STREAM_POLL_MS: positiveInt(250),
    /** `on` (default): every route but `/health` needs an API key. `off` is refused in production. */
    CHRONICLE_AUTH: z.enum(['on', 'off']).default('on'),
    /** A bearer token that may read `/metrics` besides keys with the `metrics` scope (for a scraper). */
    METRICS_TOKEN: z.string().min(32, 'at least 32 characters').optional(),
    /** Address services listen on: loopback unless a deployment (e.g. the Docker image) opens it. */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** Comma-separated browser origins allowed by CORS; empty (default) sends no CORS headers. */
    CORS_ORIGINS: z
      .string()
      .default('')
      .refine(
        (value) =>
          value
            .split(',')
            .map((origin) => origin.trim())
            .filter(Boolean)
            .every((origin) => /^https?:\/\/[^/\s]+$/.test(origin)),
        'comma-separated origins like https://desk.example (scheme and host, no path)',
      ),
    /** Requests per key per minute to read routes, and to ingest routes (separate buckets). */
    RATE_LIMIT_READ_PER_MINUTE: positiveInt(600),
    RATE_LIMIT_INGEST_PER_MINUTE: positiveInt(1200),
    /** Concurrent live alert streams (SSE) per key, and per process. */
    SSE_STREAMS_PER_KEY: positiveInt(4),
    SSE_STREAMS_PER_PROCESS: positiveInt(200),
    /** After a subscription's secret changes, how long the old secret still signs deliveries too. */
    WEBHOOK_SECRET_ROTATION_HOURS: z.coerce
      .number()
      .min(0)
      .max(24 * 30)
      .default(24),
  })
  .superRefine((env, ctx) => {
    if (env.FEEDS_MIN_INTERVAL_SECONDS > env.FEEDS_MAX_INTERVAL_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['FEEDS_MIN_INTERVAL_SECONDS'],
        message: 'must not exceed FEEDS_MAX_INTERVAL_SECONDS',
      });
    }
    if (env.CHRONICLE_ENV !== 'production') return;
    if (env.CHRONICLE_AUTH === 'off') {
      ctx.addIssue({ code: 'custom', path: ['CHRONICLE_AUTH'], message: 'cannot be off in production' });
    }
    for (const key of ['KAFKA_BROKERS', 'DATABASE_URL'] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production' });
    }
  });

export type Environment = z.infer<typeof environmentSchema>;
