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
  /**
   * Batches of different partitions one replica handles at once (order within a partition is
   * kept): with 2, one batch's rows are encoded while the database applies another's.
   */
  partitionsConcurrently?: number;
  sessionTimeoutMs: number;
}
