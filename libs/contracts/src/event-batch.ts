import { ChronicleEvent } from './event-decoder';

/** One decoded event and where it sits in its partition. */
export interface PositionedEvent<E extends ChronicleEvent = ChronicleEvent> {
  event: E;
  /** Kafka offset, as a decimal string (offsets exceed 2^53 in principle). */
  offset: string;
  key: string | null;
}

/**
 * A batch of events from one partition, as delivered to a handler. `nextOffset` is the
 * position after the batch (poison messages included), to be stored with the batch's effects.
 */
export interface EventBatch<E extends ChronicleEvent = ChronicleEvent> {
  consumer: string;
  topic: string;
  partition: number;
  events: Array<PositionedEvent<E>>;
  nextOffset: bigint;
  /**
   * Id of the Kafka cluster the batch was read from; stored with the position so a position is
   * never applied to another cluster's log (a reset or replaced broker, a second clone).
   */
  clusterId?: string;
  /**
   * Broker timestamp (ms since the epoch, as Kafka gives it) of the message at `nextOffset − 1`,
   * stored with the position as a fingerprint of the log it came from.
   */
  lastTimestamp?: string;
}
