/** The subset of configuration the Kafka adapters need. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
  /** Prefix of consumer group names (defaults to the topic prefix). */
  groupPrefix?: string;
  partitions: number;
  replicationFactor: number;
  maxWaitMs: number;
  /** Upper bound of one fetch per partition: the batch size knob. */
  maxBytesPerPartition?: number;
  sessionTimeoutMs: number;
}
