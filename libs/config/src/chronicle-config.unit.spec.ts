import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './chronicle-config';

describe(loadConfig.name, () => {
  describe('when nothing is set', () => {
    it('uses local defaults', () => {
      const config = loadConfig({});
      expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
      expect(config.kafka.partitions).toBe(6);
      expect(config.ports).toEqual({ api: 3000, ingest: 3001, enrich: 3002, project: 3003, alert: 3004, feeds: 3005 });
    });
  });

  describe('when several settings are bad', () => {
    it('names every one of them in a single error', () => {
      let caught: unknown;
      try {
        loadConfig({ KAFKA_PARTITIONS: 'many', API_PORT: '70000', DATABASE_URL: 'not a url' });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ConfigError);
      const message = (caught as ConfigError).message;
      expect(message).toContain('KAFKA_PARTITIONS');
      expect(message).toContain('API_PORT');
      expect(message).toContain('DATABASE_URL');
      expect((caught as ConfigError).problems).toHaveLength(3);
    });
  });

  describe('when production lacks required settings', () => {
    it('names the missing ones', () => {
      expect(() => loadConfig({ CHRONICLE_ENV: 'production', KAFKA_BROKERS: 'k:9092' })).toThrow(/DATABASE_URL: is required/);
    });
  });

  describe('when brokers are listed with spaces', () => {
    it('splits and trims them', () => {
      expect(loadConfig({ KAFKA_BROKERS: 'a:1, b:2' }).kafka.brokers).toEqual(['a:1', 'b:2']);
    });
  });

  describe('when consumer concurrency is set', () => {
    it('reads it, defaulting to three partitions at once', () => {
      expect(loadConfig({}).kafka.partitionsConcurrently).toBe(3);
      expect(loadConfig({ CONSUMER_PARTITIONS_CONCURRENTLY: '4' }).kafka.partitionsConcurrently).toBe(4);
    });
    it('names a value that is not a whole number from 1 to 32', () => {
      expect(() => loadConfig({ CONSUMER_PARTITIONS_CONCURRENTLY: '0' })).toThrow(/CONSUMER_PARTITIONS_CONCURRENTLY/);
      expect(() => loadConfig({ CONSUMER_PARTITIONS_CONCURRENTLY: '1.5' })).toThrow(/CONSUMER_PARTITIONS_CONCURRENTLY/);
    });
  });

  describe('when a fetch minimum is set', () => {
    it('reads it, defaulting to one byte (answer at once), and names a value below one', () => {
      expect(loadConfig({}).kafka.minBytes).toBe(1);
      expect(loadConfig({ CONSUMER_MIN_BYTES: '65536' }).kafka.minBytes).toBe(65536);
      expect(() => loadConfig({ CONSUMER_MIN_BYTES: '0' })).toThrow(/CONSUMER_MIN_BYTES/);
    });
  });

  describe('when ENRICH_SENTIMENT_ENCODER is set or not', () => {
    it('runs the sentiment encoder stage unless it is off, and refuses other values', () => {
      expect(loadConfig({}).enrich.sentimentEncoder).toBe(true);
      expect(loadConfig({ ENRICH_SENTIMENT_ENCODER: 'off' }).enrich.sentimentEncoder).toBe(false);
      expect(() => loadConfig({ ENRICH_SENTIMENT_ENCODER: 'no' })).toThrow(/ENRICH_SENTIMENT_ENCODER/);
    });
  });

  describe('when ENRICH_ANALYSIS_THREADS is set or not', () => {
    it('defaults to one thread per core the process may use, takes 0 (inline) and names a negative or fractional value', () => {
      expect(loadConfig({}).enrich.analysisThreads).toBe(availableParallelism());
      expect(loadConfig({ ENRICH_ANALYSIS_THREADS: '0' }).enrich.analysisThreads).toBe(0);
      expect(loadConfig({ ENRICH_ANALYSIS_THREADS: '3' }).enrich.analysisThreads).toBe(3);
      expect(() => loadConfig({ ENRICH_ANALYSIS_THREADS: '-1' })).toThrow(/ENRICH_ANALYSIS_THREADS/);
      expect(() => loadConfig({ ENRICH_ANALYSIS_THREADS: '1.5' })).toThrow(/ENRICH_ANALYSIS_THREADS/);
    });
  });

  describe('when alert settings are given', () => {
    it('splits the webhook allow-list and reads the novelty threshold', () => {
      const config = loadConfig({
        WEBHOOK_ALLOWED_HOSTS: '127.0.0.0/8, ::1,hooks.internal',
        NOVELTY_SIMILARITY_THRESHOLD: '0.8',
      });
      expect(config.webhooks.allowedTargets).toEqual(['127.0.0.0/8', '::1', 'hooks.internal']);
      expect(config.alerts).toEqual({ noveltyThreshold: 0.8, streamPollMs: 250 });
      expect(loadConfig({}).webhooks.allowedTargets).toEqual([]);
    });
    it('takes entries with a port', () => {
      expect(
        loadConfig({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1:3999,[::1]:3999,hooks.internal:8443' }).webhooks.allowedTargets,
      ).toEqual(['127.0.0.1:3999', '[::1]:3999', 'hooks.internal:8443']);
    });
    it('names bad ones', () => {
      expect(() => loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'http://x/y', NOVELTY_SIMILARITY_THRESHOLD: '1.5' })).toThrow(
        /WEBHOOK_ALLOWED_HOSTS[\s\S]*NOVELTY_SIMILARITY_THRESHOLD|NOVELTY_SIMILARITY_THRESHOLD[\s\S]*WEBHOOK_ALLOWED_HOSTS/,
      );
    });
  });

  describe('when feeds settings are given', () => {
    it('defaults the port, contact, intervals and concurrency', () => {
      const config = loadConfig({});
      expect(config.ports.feeds).toBe(3005);
      expect(config.feeds).toEqual({
        allowedTargets: [],
        contact: 'chronicle',
        minIntervalMs: 60_000,
        maxIntervalMs: 3_600_000,
        pollConcurrency: 8,
        fetchTimeoutMs: 20_000,
      });
    });
    it('reads the allow-list with the webhook grammar and a URL or email contact', () => {
      const config = loadConfig({ FEEDS_ALLOWED_HOSTS: '127.0.0.1:8080, feeds.internal', FEEDS_CONTACT: 'ops@example.org' });
      expect(config.feeds.allowedTargets).toEqual(['127.0.0.1:8080', 'feeds.internal']);
      expect(config.feeds.contact).toBe('ops@example.org');
      expect(loadConfig({ FEEDS_CONTACT: 'https://example.org/bot' }).feeds.contact).toBe('https://example.org/bot');
    });
    it('names every bad one', () => {
      expect(() =>
        loadConfig({
          FEEDS_ALLOWED_HOSTS: 'http://x/y',
          FEEDS_CONTACT: 'call (me)',
          FEEDS_POLL_CONCURRENCY: '0',
          FEEDS_FETCH_TIMEOUT_SECONDS: '0',
        }),
      ).toThrow(/FEEDS_ALLOWED_HOSTS[\s\S]*FEEDS_CONTACT[\s\S]*FEEDS_POLL_CONCURRENCY[\s\S]*FEEDS_FETCH_TIMEOUT_SECONDS/);
      expect(() => loadConfig({ FEEDS_MIN_INTERVAL_SECONDS: '600', FEEDS_MAX_INTERVAL_SECONDS: '60' })).toThrow(
        /FEEDS_MIN_INTERVAL_SECONDS: must not exceed/,
      );
    });
  });

  describe('when access settings are given', () => {
    it('defaults to auth on, loopback and no CORS', () => {
      const config = loadConfig({});
      expect(config.auth.enabled).toBe(true);
      expect(config.http).toEqual({ host: '127.0.0.1', corsOrigins: [] });
    });
    it('allows auth off outside production only', () => {
      expect(loadConfig({ CHRONICLE_AUTH: 'off' }).auth.enabled).toBe(false);
      expect(() =>
        loadConfig({
          CHRONICLE_ENV: 'production',
          KAFKA_BROKERS: 'k:9092',
          DATABASE_URL: 'postgres://db/x',
          CHRONICLE_AUTH: 'off',
        }),
      ).toThrow(/CHRONICLE_AUTH: cannot be off in production/);
    });
    it('reads CORS origins and refuses ones with a path or another scheme', () => {
      expect(loadConfig({ CORS_ORIGINS: 'https://desk.example, http://127.0.0.1:5173' }).http.corsOrigins).toEqual([
        'https://desk.example',
        'http://127.0.0.1:5173',
      ]);
      expect(() => loadConfig({ CORS_ORIGINS: 'https://desk.example/app' })).toThrow(/CORS_ORIGINS/);
      expect(() => loadConfig({ CORS_ORIGINS: 'ftp://desk.example' })).toThrow(/CORS_ORIGINS/);
    });
    it('refuses a short metrics token', () => {
      expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    });
  });
});
