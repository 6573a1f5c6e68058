import { Admin } from 'kafkajs';
import { ConsumerHealth } from './consumer-health';
import { groupOffsets } from './topic-offsets';

export type PartitionLags = Array<{ topic: string; partition: number; lag: number }>;

/** The log a consumer reads: the cluster's id and each partition's offsets. */
export interface LogIdentity {
  clusterId: string;
  partitions: Array<{ topic: string; partition: number; start: string; end: string }>;
}

/** Asks the broker which cluster it is and where each partition of `topics` starts and ends. */
export async function readLogIdentity(admin: Admin, topics: string[]): Promise<LogIdentity> {
  const { clusterId } = await admin.describeCluster();
  const partitions: LogIdentity['partitions'] = [];
  for (const topic of topics) {
    for (const { partition, low, high } of await admin.fetchTopicOffsets(topic)) {
      partitions.push({ topic, partition, start: low, end: high });
    }
  }
  return { clusterId, partitions };
}

/**
 * Every `intervalMs`, reads the broker's end offsets and the group's committed offsets into
 * {@link ConsumerHealth}, so lag grows (and a stall shows) while a partition is stuck, instead of
 * being measured only when a batch completes.
 */
export class LagWatcher {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly admin: Admin,
    private readonly groupId: string,
    private readonly topics: string[],
    private readonly health: ConsumerHealth,
    private readonly onLag: (lags: PartitionLags) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = true;
      this.check()
        .catch(this.onError)
        .finally(() => {
          this.running = false;
        });
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async check(): Promise<void> {
    for (const { topic, partition, start, end, committed } of await groupOffsets(this.admin, this.groupId, this.topics)) {
      this.health.observedOffsets(topic, partition, { end, start, committed }, Date.now());
    }
    this.onLag(this.health.lags());
  }
}
