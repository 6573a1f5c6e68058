/**
 * `npm run bench -- rebuild [--events N] [--keep]`: a full rebuild of the read models through real
 * Kafka, timed end to end. N analysed-article events (the projection bench's, default 100,000) are
 * published to fresh topics, then `chronicle replay`'s own code builds the next version: a project
 * service process reads the log from the start into a shadow schema, which is swapped in once it
 * has caught up. Brings up the local broker if `KAFKA_BROKERS` is not set; deletes its topics and
 * database afterwards unless `--keep`. Prints one JSON line.
 */
import 'reflect-metadata';
import { loadConfig } from '@chronicle/config';
import { createKafka, deletePrefixedTopics, ensureTopics, EventPublisher } from '@chronicle/kafka';
import { Presets, SingleBar } from 'cli-progress';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rebuildProjection } from '../../apps/cli/src/replay/projection-rebuild';
import { analyzedEvents } from '@chronicle/test-support';
import { dropBenchDatabase, freshBenchDatabase } from '../support/bench-database';
import { benchInfra, noteBrokerLeftRunning } from '../support/bench-infra';
import { numberFlag } from '../support/bench-flags';

const DATABASE = 'bench_rebuild';
/** Events per publish request: ~3 KB each, so every partition's record batch stays under the broker's 1 MB limit. */
const PUBLISH_CHUNK = 600;

async function publishEvents(publisher: EventPublisher, count: number): Promise<number> {
  const started = performance.now();
  // Spliced off as they are published, so this process holds none of them while the rebuild runs.
  const events = analyzedEvents(count);
  const bar = new SingleBar({ format: 'publish [{bar}] {value}/{total} events', stream: process.stderr }, Presets.shades_classic);
  bar.start(count, 0);
  for (let start = 0; start < count; start += PUBLISH_CHUNK) {
    const chunk = events.splice(0, PUBLISH_CHUNK);
    await publisher.publish(
      'analyses',
      chunk.map((event) => ({ key: event.data.articleId, event })),
    );
    bar.update(start + chunk.length);
  }
  bar.stop();
  return (performance.now() - started) / 1000;
}

async function main(): Promise<void> {
  const count = numberFlag('events', 100_000);
  const keep = process.argv.includes('--keep');
  const infra = await benchInfra();
  const databaseUrl = await freshBenchDatabase(DATABASE);
  // The rebuild projector is a child process that reads its settings from the environment.
  Object.assign(process.env, {
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    DATABASE_URL: databaseUrl,
    KAFKA_TOPIC_PREFIX: `bench-rebuild-${Date.now().toString(36)}-`,
    LOG_LEVEL: 'warn',
  });
  const config = loadConfig();
  const kafka = createKafka(config.kafka, 'bench-rebuild');
  try {
    await ensureTopics(kafka, config.kafka);
    const publisher = new EventPublisher(kafka, config.kafka);
    await publisher.connect();
    const publishSeconds = await publishEvents(publisher, count).finally(() => publisher.disconnect());

    const bar = new SingleBar(
      { format: 'rebuild [{bar}] {value}/{total} events | {rate} ev/s', stream: process.stderr },
      Presets.shades_classic,
    );
    const started = performance.now();
    bar.start(count, 0, { rate: 0 });
    const result = await rebuildProjection(
      config,
      'read-models',
      ({ done, total }) => {
        bar.setTotal(Math.max(total, 1));
        bar.update(done, { rate: Math.round(done / ((performance.now() - started) / 1000)) });
      },
      join(process.cwd(), '.chronicle', 'logs'),
    ).finally(() => bar.stop());
    const seconds = (performance.now() - started) / 1000;
    console.log(
      JSON.stringify({
        bench: 'rebuild',
        events: result.events,
        rebuild_seconds: Math.round(seconds * 10) / 10,
        events_per_s: Math.round(result.events / seconds),
        publish_seconds: Math.round(publishSeconds * 10) / 10,
        partitions: config.kafka.partitions,
        mode: 'chronicle replay of the read models: project service process into a shadow schema, then the atomic swap',
      }),
    );
  } finally {
    if (!keep) {
      await deletePrefixedTopics(kafka, config.kafka);
      await dropBenchDatabase(DATABASE);
    }
    noteBrokerLeftRunning(infra);
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
