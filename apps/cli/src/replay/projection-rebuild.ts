import { ChronicleConfig, SERVICE_NODE_FLAGS } from '@chronicle/config';
import { createKafka, deleteConsumerGroups, fetchHighWatermarks } from '@chronicle/kafka';
import {
  createDataSource,
  createShadowSchema,
  deriveDeferredAggregates,
  dropSchema,
  projectionNamed,
  ProjectionVersions,
  swapShadowIn,
} from '@chronicle/persistence';
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';

export interface RebuildProgress {
  version: number;
  done: number;
  total: number;
}

export interface RebuildOptions {
  /** Stops the rebuild between steps: the projector is killed, the shadow dropped, the version marked failed. */
  signal?: AbortSignal;
  /**
   * Set when the caller holds the one unfinished rebuild request (`projection_rebuilds`): a
   * version still `building` then belongs to a process that died mid-rebuild. It is marked failed
   * with this reason and its shadow schema and consumer group removed, instead of blocking this one.
   */
  discardUnfinishedBecause?: string;
}

export interface RebuildResult {
  projection: string;
  version: number;
  events: number;
  seconds: number;
}

const PROJECT_MAIN = resolve(__dirname, '../../../project/src/main.js');

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => done(port));
    });
  });
}

async function sumPositions(dataSource: DataSource, schema: string, consumer: string): Promise<number> {
  const [row] = await dataSource.query(
    `SELECT COALESCE(SUM(next_offset), 0)::text AS n FROM ${schema}.consumer_positions WHERE consumer = $1`,
    [consumer],
  );
  return Number(row.n);
}

/** Marks a dead process's `building` versions failed and removes what they had made. */
async function discardUnfinishedBuilds(
  dataSource: DataSource,
  kafka: ReturnType<typeof createKafka>,
  name: string,
  reason: string,
): Promise<void> {
  const stale = await new ProjectionVersions(dataSource).failBuilding(name, reason);
  for (const { shadowSchema } of stale) if (shadowSchema) await dropSchema(dataSource, shadowSchema);
  const consumers = stale.map((row) => row.consumer);
  if (consumers.length) await deleteConsumerGroups(kafka, consumers);
}

/**
 * Builds the next version of a projection from the start of the log into a shadow schema,
 * using the live service's own code (a projector process with the shadow schema as its only
 * search path and its own consumer group), while the live version keeps serving and keeping
 * up. A projection that can derive its aggregates loads only rows while it catches up (no
 * upserts of hot aggregate rows), derives the aggregates once, and folds incrementally from
 * there. When the shadow has caught up, it is swapped in atomically and the old tables dropped.
 * Progress is stored in `projection_versions`; who asked and the outcome are the caller's to
 * record (`projection_rebuilds`).
 */
export async function rebuildProjection(
  config: ChronicleConfig,
  name: string,
  onProgress: (progress: RebuildProgress) => void,
  logDir: string,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const { signal } = options;
  const projection = projectionNamed(name);
  const started = Date.now();
  const liveConsumer = `${config.kafka.groupPrefix}${projection.group}`;
  // One connection for the progress and the gate, two for aggregate derivations at once.
  const dataSource = await createDataSource(config.database.url, 3).initialize();
  const kafka = createKafka(config.kafka, 'rebuild');
  let child: ChildProcess | undefined;
  let version = 0;
  let shadowSchema = '';
  try {
    const versions = new ProjectionVersions(dataSource);
    await versions.ensureLive(name, liveConsumer);
    const discard = options.discardUnfinishedBecause;
    if (discard) await discardUnfinishedBuilds(dataSource, kafka, name, discard);
    version = await versions.nextVersion(name);
    shadowSchema = `shadow_${name.replace(/[^a-z0-9]+/g, '_')}_v${version}`;
    const groupPrefix = `${config.kafka.groupPrefix}rebuild-${name}-v${version}-`;
    const shadowConsumer = `${groupPrefix}${projection.group}`;
    await versions.startBuilding(name, version, shadowConsumer, shadowSchema);
    await createShadowSchema(dataSource, projection, shadowSchema);

    mkdirSync(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, `rebuild-${name}-v${version}.log`));
    child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, PROJECT_MAIN], {
      env: {
        // Batches of about a thousand events (the fetch limit counts gzip-compressed bytes, about
        // 0.5 KB an analysed article): large enough for set-based writes, small enough that a
        // batch's decoded events and rows are not promoted to the old generation while its COPY
        // runs. 100,000-event rebuilds with profiles: 3 MB (about 5,800 events a batch) spent
        // 12.9 s of the projector's 37 s of CPU collecting garbage, 1 MB 7.7 of 29.5 s and 512 KB
        // 6.1 of 27.3 s. An operator's explicit value wins.
        CONSUMER_MAX_BYTES_PER_PARTITION: String(512 * 1024),
        ...process.env,
        // Rows only while catching up; the aggregates are derived once, below.
        PROJECTION_AGGREGATES: projection.aggregateDerivations ? 'deferred' : 'incremental',
        DATABASE_SCHEMA: shadowSchema,
        KAFKA_GROUP_PREFIX: groupPrefix,
        PROJECT_PORT: String(await freePort()),
        // Its HTTP server is for nobody but this process, whatever HOST the caller runs with.
        HOST: '127.0.0.1',
      },
      // The IPC channel closes when this process dies, however it dies: the projector then stops
      // (apps/project's rebuild worker), instead of folding on into a shadow nobody will swap in.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const exited = new Promise<number | null>((done) => child!.once('exit', (code) => done(code)));
    let childExit: number | null | undefined;
    void exited.then((code) => (childExit = code));

    for (;;) {
      await new Promise((r) => setTimeout(r, 300));
      signal?.throwIfAborted();
      if (childExit !== undefined) throw new Error(`the rebuild projector exited (${childExit}); see ${logDir}`);
      const highs = await fetchHighWatermarks(kafka, config.kafka, projection.topics);
      const total = [...highs.values()].reduce((a, b) => a + Number(b), 0);
      const done = await sumPositions(dataSource, shadowSchema, shadowConsumer);
      onProgress({ version, done, total });
      await versions.recordProgress(name, version, total, done);
      if (done < total) continue;
      // Caught up with the log as it was: derive the aggregates from the rows in one pass; from
      // here on the projector maintains them, and the loop goes on until it has caught up again.
      if (await deriveDeferredAggregates(dataSource, projection, shadowSchema)) continue;
      const outcome = await swapShadowIn(dataSource, projection, {
        shadowSchema,
        liveConsumer,
        shadowConsumer,
        retiredSchema: `retired_${shadowSchema}`,
        onSwapped: (manager) => new ProjectionVersions(manager).activate(name, version, liveConsumer),
      });
      if (!outcome.swapped) continue;
      child.kill('SIGTERM');
      await exited;
      await dropSchema(dataSource, outcome.retiredSchema);
      await dropSchema(dataSource, shadowSchema);
      await deleteConsumerGroups(kafka, [shadowConsumer]);
      return { projection: name, version, events: done, seconds: (Date.now() - started) / 1000 };
    }
  } catch (error) {
    child?.kill('SIGKILL');
    if (version > 0) {
      await new ProjectionVersions(dataSource).failVersion(name, version, (error as Error).message).catch(() => undefined);
      if (shadowSchema) await dropSchema(dataSource, shadowSchema).catch(() => undefined);
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}
