import { topicName } from '@chronicle/contracts';
import { createKafka, EventPublisher, ensureTopics, KafkaSettings } from '@chronicle/kafka';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { submittedArticle } from '../e2e/support/submitted-article';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChronicleStack, createStack } from '../e2e/support/chronicle-stack';
import { kafkaBrokers, waitFor } from '../support/test-environment';

const submitted = (id: string) => submittedArticle(id, { outlet: 'Mismatch Test' });
const AFTER = Array.from({ length: 60 }, (_, i) => `after-${i}`);

/** Positions stored for a log that is gone: the service must refuse to start, never skip silently. */
describe('stored positions that do not belong to the log', () => {
  let stack: ChronicleStack;
  let settings: KafkaSettings;
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [join(resolve(__dirname, '../..'), 'dist/apps/cli/src/main.js'), ...args], {
      env: { ...process.env, ...stack.env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  async function publish(ids: string[]): Promise<void> {
    const publisher = new EventPublisher(createKafka(settings, 'test'), settings);
    await publisher.connect();
    await publisher.publish(
      'articles',
      ids.map((id) => ({ key: id, event: submitted(id) })),
    );
    await publisher.disconnect();
  }

  beforeAll(async () => {
    stack = await createStack('position-mismatch');
    settings = {
      brokers: kafkaBrokers(),
      clientId: 'mismatch-test',
      topicPrefix: stack.topicPrefix,
      partitions: 3,
      replicationFactor: 1,
      maxWaitMs: 100,
      sessionTimeoutMs: 6000,
    };
    await ensureTopics(createKafka(settings, 'test'), settings);
    await publish(Array.from({ length: 12 }, (_, i) => `before-${i}`));
    await stack.cluster.start('project');
    await waitFor(async () => (await stack.query('SELECT id FROM articles')).length === 12, { timeoutMs: 60_000 });
    await stack.cluster.stopAll();

    // The topics are deleted and recreated (a reset broker would look the same), and the new log
    // grows past every stored position, so offsets alone cannot tell the logs apart.
    const admin = createKafka(settings, 'test-admin').admin();
    await admin.connect();
    const names = (['articles', 'analyses'] as const).map((key) => topicName(stack.topicPrefix, key));
    await admin.deleteTopics({ topics: names });
    await waitFor(async () => !(await admin.listTopics()).some((t) => names.includes(t)), { timeoutMs: 60_000 });
    await admin.disconnect();
    await waitFor(async () => ensureTopics(createKafka(settings, 'test'), settings).then(() => true), { timeoutMs: 60_000 });
    await publish(AFTER);
  });

  afterAll(async () => {
    await stack?.teardown();
  });

  it('makes the service refuse to start, saying what happened and how to recover', async () => {
    const started = await stack.cluster.start('project').then(
      () => 'started',
      (error: Error) => error.message,
    );
    const ends = new Map<number, bigint>();
    const admin = createKafka(settings, 'test-admin').admin();
    await admin.connect();
    for (const { partition, high } of await admin.fetchTopicOffsets(topicName(stack.topicPrefix, 'articles')))
      ends.set(partition, BigInt(high));
    await admin.disconnect();
    const stored = await stack.query<{ partition: number; next_offset: string; last_timestamp: string | null }>(
      "SELECT partition, next_offset::text AS next_offset, last_timestamp::text AS last_timestamp FROM consumer_positions WHERE topic LIKE '%articles%'",
    );
    expect(stored.length).toBeGreaterThan(0);
    for (const position of stored) {
      expect(
        ends.get(position.partition)! >= BigInt(position.next_offset),
        `partition ${position.partition} grew past its position`,
      ).toBe(true);
      expect(position.last_timestamp).toMatch(/^\d+$/);
    }
    expect(started).toMatch(/exited with 70/);
    expect(started).toMatch(
      /the message before stored position \d+ was written at .* but the log now holds one written at .* \(topic deleted and recreated\)/,
    );
    expect(started).toMatch(/chronicle positions reset --consumer \S*chronicle-project/);
    const articles = await stack.query<{ id: string }>('SELECT id FROM articles WHERE id LIKE $1', ['after-%']);
    expect(articles).toEqual([]);
  });

  it('starts again after `chronicle positions reset`, reading the new log from its start', async () => {
    const reset = cli('positions', 'reset', '--consumer', 'project');
    expect(reset.status, reset.stderr).toBe(0);
    expect(reset.stdout).toMatch(/Removed \d+ stored position/);
    await stack.cluster.start('project');
    await waitFor(
      async () => (await stack.query('SELECT id FROM articles WHERE id LIKE $1', ['after-%'])).length === AFTER.length,
      {
        timeoutMs: 60_000,
      },
    );
    const clusters = await stack.query<{ cluster_id: string | null }>('SELECT DISTINCT cluster_id FROM consumer_positions');
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.cluster_id).toBeTruthy();
    await stack.cluster.stopAll();
    // Positions fingerprinted on this log match it: a plain restart is not mistaken for a recreated topic.
    await stack.cluster.start('project');
    await stack.cluster.stopAll();
  });

  it('refuses positions stored for another Kafka cluster', async () => {
    await stack.query("UPDATE consumer_positions SET cluster_id = 'another-cluster'");
    const started = await stack.cluster.start('project').then(
      () => 'started',
      (error: Error) => error.message,
    );
    expect(started).toMatch(/stored for Kafka cluster another-cluster, but the broker is cluster/);
  });
});
