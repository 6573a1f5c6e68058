import { DataSource } from 'typeorm';
import { PositionLogMismatchError } from './position-log-mismatch.error';

/** The log a consumer is about to read (as the Kafka adapter describes it). */
export interface ConsumedLog {
  clusterId: string;
  partitions: Array<{ topic: string; partition: number; start: string; end: string }>;
}

interface StoredPosition {
  topic: string;
  partition: number;
  next_offset: string;
  cluster_id: string | null;
  /** Broker timestamp (ms) of the message before the position, when it was stored. */
  last_timestamp: string | null;
}

/** The message just before a stored position, and its timestamp in the log as it is now. */
export interface LogMessageTimestamp {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
}

/** Reads the broker timestamps of messages (the Kafka adapter's `readMessageTimestamps`). */
export type ReadMessageTimestamps = (wanted: Array<Omit<LogMessageTimestamp, 'timestamp'>>) => Promise<LogMessageTimestamp[]>;

/**
 * Compares a consumer's stored positions with the log it is about to read and lists every
 * mismatch: a position stored for another cluster, a partition the topic no longer has, an
 * offset beyond the log end (the topic was deleted and recreated, or the broker reset), or a
 * message before the position whose timestamp is not the one stored with it (a recreated topic
 * that has grown past the position: kafkajs exposes no topic ids, so the log is fingerprinted).
 */
export function positionMismatches(stored: StoredPosition[], log: ConsumedLog, observed: LogMessageTimestamp[] = []): string[] {
  const timestamps = new Map(observed.map((m) => [`${m.topic}:${m.partition}:${m.offset}`, m.timestamp]));
  const partitions = new Map(log.partitions.map((p) => [`${p.topic}:${p.partition}`, p]));
  const topics = new Set(log.partitions.map((p) => p.topic));
  const problems: string[] = [];
  for (const position of stored) {
    if (!topics.has(position.topic)) continue;
    const where = `${position.topic}[${position.partition}]`;
    if (position.cluster_id && position.cluster_id !== log.clusterId) {
      problems.push(`${where} was stored for Kafka cluster ${position.cluster_id}, but the broker is cluster ${log.clusterId}`);
      continue;
    }
    const partition = partitions.get(`${position.topic}:${position.partition}`);
    if (!partition) {
      problems.push(`${where} has a stored position (${position.next_offset}) but the topic has no such partition now`);
    } else if (BigInt(position.next_offset) > BigInt(partition.end)) {
      problems.push(
        `${where}: stored position ${position.next_offset} is beyond the log end ${partition.end} (topic deleted and recreated, or broker reset)`,
      );
    } else if (position.last_timestamp !== null) {
      const before = (BigInt(position.next_offset) - 1n).toString();
      const now = timestamps.get(`${position.topic}:${position.partition}:${before}`);
      if (now !== undefined && now !== position.last_timestamp) {
        problems.push(
          `${where}: the message before stored position ${position.next_offset} was written at ${isoMillis(position.last_timestamp)}, ` +
            `but the log now holds one written at ${isoMillis(now)} there (topic deleted and recreated)`,
        );
      }
    }
  }
  return problems;
}

/**
 * Refuses to start a consumer whose stored positions belong to another log.
 * @throws PositionLogMismatchError naming every mismatch and the commands that recover.
 */
export async function verifyStoredPositions(
  dataSource: DataSource,
  consumer: string,
  readLog: () => Promise<ConsumedLog>,
  readTimestamps?: ReadMessageTimestamps,
): Promise<void> {
  // Positions first, the log after: another replica of the consumer may store positions meanwhile,
  // and each of those points into the log as it is by then, so it can never look past the ends read
  // afterwards (read the other way round, it could, and a live replica set would refuse to start).
  const stored: StoredPosition[] = await dataSource.query(
    `SELECT topic, partition, next_offset::text AS next_offset, cluster_id, last_timestamp::text AS last_timestamp
     FROM consumer_positions WHERE consumer = $1`,
    [consumer],
  );
  const log = await readLog();
  const observed = readTimestamps ? await readTimestamps(fingerprintsToCheck(stored, log)) : [];
  const problems = positionMismatches(stored, log, observed);
  if (problems.length > 0) throw new PositionLogMismatchError(consumer, problems);
}

/** The messages just before stored positions that carry a fingerprint and whose message the log still holds. */
export function fingerprintsToCheck(stored: StoredPosition[], log: ConsumedLog): Array<Omit<LogMessageTimestamp, 'timestamp'>> {
  const partitions = new Map(log.partitions.map((p) => [`${p.topic}:${p.partition}`, p]));
  return stored.flatMap((position) => {
    const partition = partitions.get(`${position.topic}:${position.partition}`);
    const before = BigInt(position.next_offset) - 1n;
    if (!partition || position.last_timestamp === null || (position.cluster_id !== null && position.cluster_id !== log.clusterId))
      return [];
    if (before < BigInt(partition.start) || before >= BigInt(partition.end)) return [];
    return [{ topic: position.topic, partition: position.partition, offset: before.toString() }];
  });
}

function isoMillis(timestamp: string): string {
  const ms = Number(timestamp);
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : timestamp;
}

/** Forgets a consumer's positions (`chronicle positions reset`); returns how many were removed. */
export async function resetStoredPositions(dataSource: DataSource, consumer: string): Promise<number> {
  const [{ n }]: Array<{ n: number }> = await dataSource.query(
    'WITH removed AS (DELETE FROM consumer_positions WHERE consumer = $1 RETURNING 1) SELECT count(*)::int AS n FROM removed',
    [consumer],
  );
  return n;
}
