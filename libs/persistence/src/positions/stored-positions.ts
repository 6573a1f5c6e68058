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
}

/**
 * Compares a consumer's stored positions with the log it is about to read and lists every
 * mismatch: a position stored for another cluster, a partition the topic no longer has, or an
 * offset beyond the log end (the topic was deleted and recreated, or the broker reset). kafkajs
 * does not expose topic ids, so a recreated topic is recognised by its offsets.
 */
export function positionMismatches(stored: StoredPosition[], log: ConsumedLog): string[] {
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
    }
  }
  return problems;
}

/**
 * Refuses to start a consumer whose stored positions belong to another log.
 * @throws PositionLogMismatchError naming every mismatch and the commands that recover.
 */
export async function verifyStoredPositions(dataSource: DataSource, consumer: string, log: ConsumedLog): Promise<void> {
  const stored: StoredPosition[] = await dataSource.query(
    'SELECT topic, partition, next_offset::text AS next_offset, cluster_id FROM consumer_positions WHERE consumer = $1',
    [consumer],
  );
  const problems = positionMismatches(stored, log);
  if (problems.length > 0) throw new PositionLogMismatchError(consumer, problems);
}

/** Forgets a consumer's positions (`chronicle positions reset`); returns how many were removed. */
export async function resetStoredPositions(dataSource: DataSource, consumer: string): Promise<number> {
  const [{ n }]: Array<{ n: number }> = await dataSource.query(
    'WITH removed AS (DELETE FROM consumer_positions WHERE consumer = $1 RETURNING 1) SELECT count(*)::int AS n FROM removed',
    [consumer],
  );
  return n;
}
