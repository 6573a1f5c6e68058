/** Headers written on a dead-lettered message, next to its original bytes and headers. */
export const DEAD_LETTER_HEADERS = {
  reason: 'x-dlq-reason',
  sourceTopic: 'x-dlq-source-topic',
  sourcePartition: 'x-dlq-source-partition',
  sourceOffset: 'x-dlq-source-offset',
  consumer: 'x-dlq-consumer',
  failedAt: 'x-dlq-failed-at',
  /** e.g. `QueryFailedError/22P05`, `EventDecodeError`: what kind of failure, for triage. */
  errorClass: 'x-dlq-error-class',
  /** How many times the event was tried before it was dead-lettered. */
  attempts: 'x-dlq-attempts',
} as const;
