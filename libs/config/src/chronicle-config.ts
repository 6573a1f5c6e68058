import { availableParallelism } from 'node:os';
import { environmentSchema } from './config.schema';
import { maxMessageBytesFor, maxRequestBytesFor } from './message-limits';

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';
/** The User-Agent contact when `FEEDS_CONTACT` is unset: the project's name. */
export const DEFAULT_FEEDS_CONTACT = 'chronicle';
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/chronicle';

/** Validated configuration, grouped by concern. */
export interface ChronicleConfig {
  env: 'development' | 'test' | 'production';
  kafka: {
    brokers: string[];
    clientId: string;
    topicPrefix: string;
    groupPrefix: string;
    partitions: number;
    replicationFactor: number;
    maxWaitMs: number;
    minBytes: number;
    maxBytesPerPartition: number;
    partitionsConcurrently: number;
    sessionTimeoutMs: number;
    /** Largest encoded event a producer sends; topics accept it plus framing. Derived from `MAX_ARTICLE_BYTES`. */
    maxMessageBytes: number;
  };
  /** How consumers retry failing batches and judge their own health. */
  consumer: {
    poisonAttempts: number;
    backoffMs: number;
    maxBackoffMs: number;
    lagIntervalMs: number;
    stallSeconds: number;
    deadLettersPerMinute: number;
  };
  database: { url: string; poolSize: number; schema: string };
  ports: { api: number; ingest: number; enrich: number; project: number; alert: number; feeds: number };
  limits: {
    /** Largest article body (UTF-8 bytes) ingest accepts: `MAX_ARTICLE_BYTES`. */
    maxArticleBytes: number;
    /** Largest HTTP request body ingest parses; derived from `MAX_ARTICLE_BYTES`. */
    maxRequestBytes: number;
  };
  projection: { aggregates: 'incremental' | 'deferred'; sentimentCompactionIntervalMs: number };
  log: { level: 'error' | 'warn' | 'log' | 'debug' | 'verbose'; format: 'json' | 'pretty' };
  webhooks: {
    timeoutMs: number;
    maxAttempts: number;
    retryBaseMs: number;
    pollMs: number;
    allowedTargets: string[];
    /** How long a replaced secret keeps signing deliveries alongside the new one. */
    secretRotationMs: number;
  };
  alerts: { noveltyThreshold: number; streamPollMs: number };
  /**
   * Worker threads the enrich service analyses articles on (0 runs the extractor on the event loop), and whether it
   * (and `chronicle reanalyze`) runs the sentiment encoder stage.
   */
  enrich: { analysisThreads: number; sentimentEncoder: boolean };
  feeds: {
    allowedTargets: string[];
    /** Where site operators reach whoever runs this instance, in the User-Agent. */
    contact: string;
    minIntervalMs: number;
    maxIntervalMs: number;
    pollConcurrency: number;
    /** Deadline of one feed or page fetch (`FEEDS_FETCH_TIMEOUT_SECONDS`). */
    fetchTimeoutMs: number;
  };
  http: { host: string; corsOrigins: string[] };
  auth: {
    enabled: boolean;
    metricsToken: string | undefined;
    ratePerMinute: { read: number; ingest: number };
    streams: { perKey: number; perProcess: number };
  };
}

/** Thrown at startup; its message lists every bad or missing setting by name. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates configuration from an environment map (normally `process.env`).
 * @throws ConfigError listing every problem, so a bad deployment fails at once and says why.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): ChronicleConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = issue.path.join('.');
        const value = source[key];
        return `${key}: ${issue.message}${value !== undefined ? ` (got "${value}")` : ''}`;
      }),
    );
  }
  const env = parsed.data;
  return {
    env: env.CHRONICLE_ENV,
    kafka: {
      brokers: (env.KAFKA_BROKERS ?? DEFAULT_KAFKA_BROKERS)
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
      clientId: env.KAFKA_CLIENT_ID,
      topicPrefix: env.KAFKA_TOPIC_PREFIX,
      groupPrefix: env.KAFKA_GROUP_PREFIX ?? env.KAFKA_TOPIC_PREFIX,
      partitions: env.KAFKA_PARTITIONS,
      replicationFactor: env.KAFKA_REPLICATION_FACTOR,
      maxWaitMs: env.CONSUMER_MAX_WAIT_MS,
      minBytes: env.CONSUMER_MIN_BYTES,
      maxBytesPerPartition: env.CONSUMER_MAX_BYTES_PER_PARTITION,
      partitionsConcurrently: env.CONSUMER_PARTITIONS_CONCURRENTLY,
      sessionTimeoutMs: env.CONSUMER_SESSION_TIMEOUT_MS,
      maxMessageBytes: maxMessageBytesFor(env.MAX_ARTICLE_BYTES),
    },
    consumer: {
      poisonAttempts: env.CONSUMER_POISON_ATTEMPTS,
      backoffMs: env.CONSUMER_RETRY_BACKOFF_MS,
      maxBackoffMs: env.CONSUMER_RETRY_MAX_BACKOFF_MS,
      lagIntervalMs: env.CONSUMER_LAG_INTERVAL_MS,
      stallSeconds: env.STALL_SECONDS,
      deadLettersPerMinute: env.DEAD_LETTER_RATE_LIMIT,
    },
    database: { url: env.DATABASE_URL ?? DEFAULT_DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, schema: env.DATABASE_SCHEMA },
    ports: {
      api: env.API_PORT,
      ingest: env.INGEST_PORT,
      enrich: env.ENRICH_PORT,
      project: env.PROJECT_PORT,
      alert: env.ALERT_PORT,
      feeds: env.FEEDS_PORT,
    },
    limits: { maxArticleBytes: env.MAX_ARTICLE_BYTES, maxRequestBytes: maxRequestBytesFor(env.MAX_ARTICLE_BYTES) },
    projection: { aggregates: env.PROJECTION_AGGREGATES, sentimentCompactionIntervalMs: env.SENTIMENT_COMPACTION_INTERVAL_MS },
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT },
    webhooks: {
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      pollMs: env.ALERT_DELIVERY_POLL_MS,
      allowedTargets: env.WEBHOOK_ALLOWED_HOSTS.split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
      secretRotationMs: Math.round(env.WEBHOOK_SECRET_ROTATION_HOURS * 3_600_000),
    },
    alerts: { noveltyThreshold: env.NOVELTY_SIMILARITY_THRESHOLD, streamPollMs: env.ALERT_STREAM_POLL_MS },
    enrich: {
      analysisThreads: env.ENRICH_ANALYSIS_THREADS ?? availableParallelism(),
      sentimentEncoder: env.ENRICH_SENTIMENT_ENCODER === 'on',
    },
    feeds: {
      allowedTargets: env.FEEDS_ALLOWED_HOSTS.split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
      contact: env.FEEDS_CONTACT ?? DEFAULT_FEEDS_CONTACT,
      minIntervalMs: env.FEEDS_MIN_INTERVAL_SECONDS * 1000,
      maxIntervalMs: env.FEEDS_MAX_INTERVAL_SECONDS * 1000,
      pollConcurrency: env.FEEDS_POLL_CONCURRENCY,
      fetchTimeoutMs: env.FEEDS_FETCH_TIMEOUT_SECONDS * 1000,
    },
    http: {
      host: env.HOST,
      corsOrigins: env.CORS_ORIGINS.split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    },
    auth: {
      enabled: env.CHRONICLE_AUTH === 'on',
      metricsToken: env.METRICS_TOKEN,
      ratePerMinute: { read: env.RATE_LIMIT_READ_PER_MINUTE, ingest: env.RATE_LIMIT_INGEST_PER_MINUTE },
      streams: { perKey: env.SSE_STREAMS_PER_KEY, perProcess: env.SSE_STREAMS_PER_PROCESS },
    },
  };
}
