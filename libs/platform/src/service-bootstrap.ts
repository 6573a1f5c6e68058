import { json } from 'body-parser';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { declaredRoutes } from './auth/declared-routes';
import { RouteBodyLimits } from './http/route-body-limits';
import { ChronicleConfig, ConfigError, loadConfig } from '@chronicle/config';
import { ConsumerHealth, KafkaBatchServer, LogIdentity, ReadMessageTimestamps } from '@chronicle/kafka';
import { RethrowRpcExceptionFilter } from './rethrow-rpc-exception.filter';
import { TopicKey } from '@chronicle/contracts';
import { ConsoleLogger, INestApplication, LogLevel, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { MetricsRegistry } from './metrics.registry';
import { serveOpenApiDocs } from './openapi/openapi-document';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export interface ServiceOptions {
  name: string;
  port: (config: ChronicleConfig) => number;
  /** For services that consume: the consumer group name (without prefix) and its topics. */
  consumer?: {
    group: string;
    topics: TopicKey[];
    /** Refuses to start when stored positions do not belong to the log about to be read. */
    verifyLog?: (
      app: INestApplication,
      consumer: string,
      readLog: () => Promise<LogIdentity>,
      readTimestamps: ReadMessageTimestamps,
    ) => Promise<void>;
  };
  /** Routes served by the HTTP adapter beside Nest's router, after the hardening headers (the api's dashboard). */
  serveBesideRouter?: (app: NestExpressApplication) => void;
}

function loggerFor(name: string, config: ChronicleConfig): ConsoleLogger {
  return new ConsoleLogger(name, {
    json: config.log.format === 'json',
    logLevels: LEVELS.slice(0, LEVELS.indexOf(config.log.level) + 1),
  });
}

/**
 * Headers every service answers with, set before any route or body parser runs: helmet's
 * defaults (`nosniff`, a same-origin CSP, no framing by other sites, no `X-Powered-By`) and CORS only for the
 * origins listed in `CORS_ORIGINS`. With none listed no CORS header is ever sent, so no other
 * site's page can read the API from a newsroom browser.
 */
function hardenHttp(app: NestExpressApplication, config: ChronicleConfig): void {
  app.disable('x-powered-by');
  app.use(helmet());
  if (config.http.corsOrigins.length === 0) return;
  app.enableCors({
    origin: config.http.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // Keys travel in Authorization; a reconnecting alert stream sends Last-Event-ID.
    allowedHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'],
    maxAge: 600,
  });
}

/**
 * JSON bodies parsed with each route's own limit (`@BodyLimit`, else 16 KiB), so a route that takes
 * a subscription never reads megabytes; an over-limit body is a 413 naming the limit, unread.
 */
function parseJsonBodies(app: NestExpressApplication, module: Type<unknown>, config: ChronicleConfig): void {
  const limits = new RouteBodyLimits(declaredRoutes(module), config);
  const parsers = new Map(limits.distinctLimits().map((limit) => [limit, json({ limit })]));
  app.use((request: IncomingMessage & { path: string }, response: ServerResponse, next: (error?: unknown) => void) => {
    const limit = limits.limitFor(request.method ?? 'GET', request.path);
    parsers.get(limit)!(request, response, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type !== 'entity.too.large') return next(error);
      const body = {
        statusCode: 413,
        error: 'Payload Too Large',
        message: `This route takes request bodies of at most ${limit} bytes`,
      };
      response.writeHead(413, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    });
  });
}

/**
 * Starts a Chronicle service: validated config (exits at once naming bad settings), an HTTP
 * server for health/metrics (and the service's own routes), and, for consumers, the batch
 * Kafka transport joined to the service's consumer group.
 */
export async function bootstrapService(module: Type<unknown>, options: ServiceOptions): Promise<INestApplication> {
  let config: ChronicleConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${options.name}: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: loggerFor(options.name, config),
    bodyParser: false,
  });
  hardenHttp(app, config);
  parseJsonBodies(app, module, config);
  app.enableShutdownHooks();
  // Swagger UI at /docs and the OpenAPI document at /docs/openapi.json, open without a key.
  serveOpenApiDocs(app, module, options.name);
  options.serveBesideRouter?.(app);
  if (options.consumer) {
    const consumer = `${config.kafka.groupPrefix}chronicle-${options.consumer.group}`;
    const server = new KafkaBatchServer({
      kafka: config.kafka,
      consumer,
      topics: options.consumer.topics,
      retry: {
        poisonAttempts: config.consumer.poisonAttempts,
        backoffMs: config.consumer.backoffMs,
        maxBackoffMs: config.consumer.maxBackoffMs,
      },
      health: app.get(ConsumerHealth),
      lagIntervalMs: config.consumer.lagIntervalMs,
      verifyLog: options.consumer.verifyLog
        ? (readLog, readTimestamps) => options.consumer!.verifyLog!(app, consumer, readLog, readTimestamps)
        : undefined,
    });
    const metrics = app.get(MetricsRegistry);
    server.onLag((lags) => {
      metrics.consumerLag.reset();
      for (const { topic, partition, lag } of lags) metrics.consumerLag.set({ topic, partition: String(partition) }, lag);
    });
    // The lag gauge is the LagWatcher's alone (end offsets and committed offsets read together):
    // a batch's own figure measures against the high watermark of its fetch, which new messages
    // have passed by the time it commits, so under load it read near 0 while a backlog grew.
    server.onBatch(({ topic, events, deadLettered, handledMs, ageMs }) => {
      metrics.eventsConsumed.inc({ topic }, events);
      metrics.batchSize.observe({ topic }, events + deadLettered);
      metrics.batchDuration.observe({ topic }, handledMs / 1000);
      for (const age of ageMs) metrics.eventAge.observe({ topic }, Math.max(0, age) / 1000);
      metrics.eventsDeadLettered.inc({ topic }, deadLettered);
    });
    app.useGlobalFilters(new RethrowRpcExceptionFilter(app.getHttpAdapter()));
    app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
    try {
      await app.startAllMicroservices();
    } catch (error) {
      // Refusing to start (e.g. positions of another Kafka log) says why and exits non-zero.
      process.stderr.write(`${options.name}: ${error instanceof Error ? error.message : String(error)}\n`);
      await app.close().catch(() => undefined);
      process.exit(70);
    }
  }
  // Loopback unless the deployment opens it (HOST=0.0.0.0 in the container image).
  await app.listen(options.port(config), config.http.host);
  return app;
}
