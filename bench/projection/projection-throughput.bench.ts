/**
 * `npm run bench -- projection [--events N] [--baseline-events N] [--batch N] [--partitions N] [--concurrency N]`:
 * read-model write throughput on analysed-article events, in process (no Kafka, so only the write path is compared):
 * - chronicle: the live project service's own code (`prepareAnalyses`, `applyBatchOnce` + `projectAnalyses`) on
 *   batches of 500 (`--batch`), fed as one replica's consumer feeds it: keyed onto KAFKA_PARTITIONS partitions with
 *   CONSUMER_PARTITIONS_CONCURRENTLY batches in flight (the service's defaults unless given), the events held encoded
 *   as the topic holds them and decoded a batch at a time by the service's decoder,
 *   maintaining every read model (articles, actors, mentions, statements, sentiment ledger,
 *   statement reach, outlets, co-mention ledger), with the service's ledger compaction on its timer. A rebuild takes another path (rows, then aggregates derived once):
 *   `npm run bench -- rebuild` times that one through Kafka;
 * - baseline: the usual NestJS way, an `@EventPattern` handler `save()`ing TypeORM entities per
 *   message (measured on a smaller sample, it is slow);
 * - copy ceiling: COPY of the exact rows Chronicle ended with (co-mentions packed, the sentiment ledger compacted to one entry per
 *   key), into empty tables with the same indexes.
 * Also reports, for Chronicle's run, the WAL written and what its backends were doing, sampled every 250 ms
 * (`chronicle_backends`: running, waiting for the client, for row locks, for I/O). Prints one JSON line.
 */
import 'reflect-metadata';
import { ArticleAnalyzedEvent } from '@chronicle/contracts';
import { ChronicleConfig, loadConfig } from '@chronicle/config';
import { MetricsRegistry } from '@chronicle/platform';
import {
  ActorEntity,
  ArticleEntity,
  createDataSource,
  projectionNamed,
  MentionEntity,
  StatementEntity,
} from '@chronicle/persistence';
import { Client } from 'pg';
import { performance } from 'node:perf_hooks';
import { LedgerCompactionWorker } from '../../apps/project/src/ledgers/ledger-compaction.worker';
import { analyzedEvents } from '@chronicle/test-support';
import { NaiveAnalysisHandler } from './naive-analysis.handler';
import { analyzedLog, applyPartitioned, LoggedAnalysis, PartitionedRun, projectBatchAsTheService } from './partitioned-batches';
import { copyIn, copyOut } from './pg-copy';
import { dropBenchDatabase, freshBenchDatabase } from '../support/bench-database';
import { numberFlag } from '../support/bench-flags';
import { postgresSettings } from '../support/postgres-settings';
import { foldLedgersWhole, workOffLedgersToTheEnd } from '../support/compact-ledgers';
import { walActivity, WalActivity, walCounters } from '../support/wal-activity';
import { BackendActivityShares, sampleBackendActivity } from '../support/backend-activity';

/** The tables the read-model projection writes (the ceiling loads their final rows). */
const TABLES = projectionNamed('read-models').tables;

/**
 * Chronicle's run, timed until the last batch commits, with the service's compaction worker on its
 * timer. Then (timed apart, reported) the worker's work is done to the end (totalling and folding, packing), and
 * (untimed) rewritten whole, so the ceiling loads one sentiment entry per key (actor and hour) and the packed weeks, the fewest rows these read models can be stored in.
 */
async function chronicle(
  url: string,
  log: LoggedAnalysis[],
  run: PartitionedRun,
  config: ChronicleConfig,
): Promise<{ seconds: number; compactionAfterSeconds: number; wal: WalActivity; backends: BackendActivityShares }> {
  const dataSource = await createDataSource(url, run.concurrency + 2).initialize();
  const compaction = new LedgerCompactionWorker(dataSource, new MetricsRegistry('bench'), config);
  try {
    compaction.onApplicationBootstrap();
    const walBefore = await walCounters(url);
    const sampler = await sampleBackendActivity(url, decodeURIComponent(new URL(url).pathname.slice(1)));
    const started = performance.now();
    // As the service's handler: prepared before the transaction, then applied exactly once.
    await applyPartitioned(log, run, async (batch) => {
      await projectBatchAsTheService(dataSource, batch);
    });
    const seconds = (performance.now() - started) / 1000;
    const backends = await sampler.stop();
    const wal = walActivity(walBefore, await walCounters(url));
    await compaction.onApplicationShutdown();
    const compacting = performance.now();
    await workOffLedgersToTheEnd(dataSource);
    const compactionAfterSeconds = (performance.now() - compacting) / 1000;
    await foldLedgersWhole(dataSource);
    return { seconds, compactionAfterSeconds, wal, backends };
  } finally {
    await compaction.onApplicationShutdown();
    await dataSource.destroy();
  }
}

async function baseline(url: string, events: ArticleAnalyzedEvent[]): Promise<number> {
  const dataSource = await createDataSource(url, 2).initialize();
  try {
    const handler = new NaiveAnalysisHandler(
      dataSource.getRepository(ArticleEntity),
      dataSource.getRepository(ActorEntity),
      dataSource.getRepository(MentionEntity),
      dataSource.getRepository(StatementEntity),
    );
    const started = performance.now();
    for (const event of events) await handler.handle(event);
    return (performance.now() - started) / 1000;
  } finally {
    await dataSource.destroy();
  }
}

async function copyCeiling(sourceUrl: string, targetUrl: string): Promise<{ seconds: number; rows: number; wal: WalActivity }> {
  const source = new Client({ connectionString: sourceUrl });
  const target = new Client({ connectionString: targetUrl });
  await source.connect();
  await target.connect();
  try {
    const data = new Map<string, Buffer[]>();
    let rows = 0;
    for (const table of TABLES) {
      data.set(table, await copyOut(source, `COPY ${table} TO STDOUT`));
      rows += Number((await source.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    }
    const walBefore = await walCounters(targetUrl);
    const started = performance.now();
    await target.query('BEGIN');
    for (const table of TABLES) await copyIn(target, `COPY ${table} FROM STDIN`, data.get(table)!);
    await target.query('COMMIT');
    const seconds = (performance.now() - started) / 1000;
    return { seconds, rows, wal: walActivity(walBefore, await walCounters(targetUrl)) };
  } finally {
    await source.end();
    await target.end();
  }
}

async function main(): Promise<void> {
  const count = numberFlag('events', 100_000);
  const baselineCount = numberFlag('baseline-events', 2_000);
  const config = loadConfig({});
  const service = config.kafka;
  const run: PartitionedRun = {
    batchSize: numberFlag('batch', 500),
    partitions: numberFlag('partitions', service.partitions),
    concurrency: numberFlag('concurrency', service.partitionsConcurrently),
  };
  const log = analyzedLog(count);
  const names = {
    chronicle: 'bench_projection_chronicle',
    baseline: 'bench_projection_baseline',
    ceiling: 'bench_projection_copy',
  };
  try {
    const chronicleUrl = await freshBenchDatabase(names.chronicle);
    const {
      seconds: chronicleSeconds,
      compactionAfterSeconds,
      wal: chronicleWal,
      backends: chronicleBackends,
    } = await chronicle(chronicleUrl, log, run, config);
    const baselineSeconds = await baseline(
      await freshBenchDatabase(names.baseline),
      analyzedEvents(Math.min(baselineCount, count)),
    );
    const ceiling = await copyCeiling(chronicleUrl, await freshBenchDatabase(names.ceiling));
    const perSecond = (n: number, s: number) => Math.round(n / s);
    const chronicleRate = perSecond(count, chronicleSeconds);
    const baselineRate = perSecond(Math.min(baselineCount, count), baselineSeconds);
    const ceilingRate = perSecond(count, ceiling.seconds);
    console.log(
      JSON.stringify({
        events: count,
        chronicle_events_per_s: chronicleRate,
        baseline_events_per_s: baselineRate,
        copy_ceiling_events_per_s: ceilingRate,
        bench: 'projection',
        mode:
          `in-process write path, no Kafka; chronicle in batches of ${run.batchSize} via applyBatchOnce, ` +
          `${run.partitions} partitions, ${run.concurrency} in flight`,
        chronicle_seconds: Math.round(chronicleSeconds * 10) / 10,
        compaction_after_seconds: Math.round(compactionAfterSeconds * 10) / 10,
        baseline_events: Math.min(baselineCount, count),
        copy_rows: ceiling.rows,
        copy_seconds: Math.round(ceiling.seconds * 100) / 100,
        ratio_vs_baseline: Math.round((chronicleRate / baselineRate) * 10) / 10,
        fraction_of_copy_ceiling: Math.round((chronicleRate / ceilingRate) * 100) / 100,
        chronicle_wal: chronicleWal,
        chronicle_backends: chronicleBackends,
        copy_wal: ceiling.wal,
        postgres: await postgresSettings(chronicleUrl),
      }),
    );
  } finally {
    for (const name of Object.values(names)) await dropBenchDatabase(name);
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
