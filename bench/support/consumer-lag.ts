import { topicName, TopicKey } from '@chronicle/contracts';
import { groupOffsets, uncommittedMessages } from '@chronicle/kafka';
import { Admin, Kafka } from 'kafkajs';

/** The consumer groups of the pipeline's services and the topics each reads (as their `main.ts` declare). */
export const PIPELINE_CONSUMERS = {
  enrich: ['articles'],
  project: ['articles', 'analyses'],
  alert: ['analyses'],
} as const satisfies Record<string, readonly TopicKey[]>;
export type PipelineConsumer = keyof typeof PIPELINE_CONSUMERS;

/**
 * Each consumer group's lag read from the broker, independently of the services' own metrics:
 * the topics' end offsets minus the group's committed offsets (the log start where it has none),
 * summed over partitions.
 */
export class ConsumerLagProbe {
  private readonly admin: Admin;
  private connected?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly topicPrefix: string,
    private readonly groupPrefix: string,
  ) {
    this.admin = kafka.admin();
  }

  async lags(): Promise<Record<PipelineConsumer, number>> {
    this.connected ??= this.admin.connect();
    await this.connected;
    const entries = await Promise.all(
      Object.entries(PIPELINE_CONSUMERS).map(async ([consumer, keys]) => {
        const topics = keys.map((key) => topicName(this.topicPrefix, key));
        const offsets = await groupOffsets(this.admin, `${this.groupPrefix}chronicle-${consumer}`, topics);
        return [consumer, uncommittedMessages(offsets)] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<PipelineConsumer, number>;
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
  }
}
