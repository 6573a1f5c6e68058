/**
 * The positions a consumer stored do not belong to the log it is reading: another Kafka cluster,
 * or a topic that was deleted and recreated. Reading on would skip or repeat events silently, so
 * the service refuses to start (or, met mid-stream, retries the batch without applying it).
 */
export class PositionLogMismatchError extends Error {
  constructor(
    readonly consumer: string,
    readonly problems: string[],
  ) {
    super(
      `Stored positions of consumer "${consumer}" do not match the Kafka log:\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        `\nNothing was applied. If the log was replaced on purpose, either:\n` +
        `  - chronicle positions reset --consumer ${consumer}   (re-reads the new log from its start into the same read models), or\n` +
        `  - chronicle replay                                    (rebuilds the read models from the new log)\n` +
        `Otherwise point KAFKA_BROKERS / DATABASE_URL at the cluster and database that belong together.`,
    );
    this.name = 'PositionLogMismatchError';
  }
}
