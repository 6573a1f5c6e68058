import { TopicKey, topicName } from '@chronicle/contracts';
import { createKafka, groupOffsets } from '@chronicle/kafka';
import { Admin } from 'kafkajs';
import { kafkaBrokers } from '../../support/test-environment';

export type SqlQuery = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/** Where a consumer stands on one partition against the broker's end offset. */
export interface PartitionGap {
  topic: string;
  partition: number;
  position: bigint;
  end: bigint;
}

/**
 * Tells when a pipeline has nothing left to do, from the log and the database rather than the
 * clock: consumers' positions at their topics' end offsets and no alert due for delivery.
 */
export class PipelineIdleProbe {
  private constructor(
    private readonly admin: Admin,
    private readonly topicPrefix: string,
  ) {}

  static async connect(topicPrefix: string): Promise<PipelineIdleProbe> {
    const settings = {
      brokers: kafkaBrokers(),
      clientId: 'chronicle-test',
      topicPrefix,
      partitions: 3,
      replicationFactor: 1,
      maxWaitMs: 100,
      sessionTimeoutMs: 6000,
    };
    const admin = createKafka(settings, 'idle-probe').admin();
    await admin.connect();
    return new PipelineIdleProbe(admin, topicPrefix);
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }

  /** End offset (high watermark) of every partition of the topics, by `topic:partition`. */
  async endOffsets(topics: readonly TopicKey[]): Promise<Map<string, bigint>> {
    const result = new Map<string, bigint>();
    for (const key of topics) {
      const topic = topicName(this.topicPrefix, key);
      for (const { partition, high } of await this.admin.fetchTopicOffsets(topic))
        result.set(`${topic}:${partition}`, BigInt(high));
    }
    return result;
  }

  /** Sum of the topics' end offsets: how many messages they hold. */
  async messages(topics: readonly TopicKey[]): Promise<number> {
    return [...(await this.endOffsets(topics)).values()].reduce((sum, high) => sum + Number(high), 0);
  }

  /**
   * Partitions where the positions a service stores in Postgres (`consumer_positions`, written in
   * each batch's transaction) are short of the end offset. Empty: the consumer has applied everything.
   */
  async storedPositionGaps(query: SqlQuery, consumer: string, topics: readonly TopicKey[]): Promise<PartitionGap[]> {
    const rows = await query<{ topic: string; partition: number; next_offset: string }>(
      'SELECT topic, partition, next_offset::text FROM consumer_positions WHERE consumer = $1',
      [consumer],
    );
    const stored = new Map(rows.map((r) => [`${r.topic}:${r.partition}`, BigInt(r.next_offset)]));
    return gaps(await this.endOffsets(topics), stored);
  }

  /** Partitions where a consumer group's offsets committed to Kafka are short of the end offset. */
  async committedGaps(groupId: string, topics: readonly TopicKey[]): Promise<PartitionGap[]> {
    const names = topics.map((key) => topicName(this.topicPrefix, key));
    return (await groupOffsets(this.admin, groupId, names)).flatMap(({ topic, partition, committed, end }) =>
      BigInt(committed) < BigInt(end) ? [{ topic, partition, position: BigInt(committed), end: BigInt(end) }] : [],
    );
  }
}

/** Alerts not yet delivered or given up on: due now, leased to a sender, or waiting to retry. */
export async function undeliveredAlerts(query: SqlQuery): Promise<number> {
  const [row] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM alerts WHERE status = 'pending'`);
  return row!.n;
}

function gaps(ends: Map<string, bigint>, positions: Map<string, bigint>): PartitionGap[] {
  return [...ends].flatMap(([key, end]) => {
    const position = positions.get(key) ?? 0n;
    if (position >= end) return [];
    const split = key.lastIndexOf(':');
    return [{ topic: key.slice(0, split), partition: Number(key.slice(split + 1)), position, end }];
  });
}
