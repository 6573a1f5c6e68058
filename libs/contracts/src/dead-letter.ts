/** Headers written on a dead-lettered message, next to its original bytes and headers. */
export const DEAD_LETTER_HEADERS = {
  reason: 'x-dlq-reason',
  sourceTopic: 'x-dlq-source-topic',
  sourcePartition: 'x-dlq-source-partition',
  sourceOffset: 'x-dlq-source-offset',
  consumer: 'x-dlq-consumer',
  failedAt: 'x-dlq-failed-at',
} as const;
