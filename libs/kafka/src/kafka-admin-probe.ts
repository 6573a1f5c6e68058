import { Kafka, logLevel } from 'kafkajs';

/** What a reachable cluster reports about itself. */
export interface KafkaClusterInfo {
  clusterId: string;
  controller: number | null;
  brokers: Array<{ nodeId: number; host: string; port: number }>;
}

/** Options for {@link waitForKafka}. */
export interface WaitForKafkaOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Returns a reason when waiting is pointless (e.g. the broker process exited). */
  abortReason?: () => string | undefined;
}

/**
 * Asks the cluster behind `brokers` to describe itself, failing fast (no kafkajs retries) so the
 * caller decides how long to wait. Answering `describeCluster` proves the listener really is Kafka
 * and that the broker has finished starting, which an open TCP port alone does not.
 */
export async function probeKafka(brokers: string[], timeoutMs = 3_000): Promise<KafkaClusterInfo> {
  const kafka = new Kafka({
    clientId: 'chronicle-infra-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return { clusterId: cluster.clusterId, controller: cluster.controller, brokers: cluster.brokers };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Polls {@link probeKafka} until the cluster answers or the deadline passes.
 * @throws Error naming the brokers and the last failure when the deadline passes or `abortReason` fires.
 */
export async function waitForKafka(brokers: string[], options: WaitForKafkaOptions = {}): Promise<KafkaClusterInfo> {
  const { timeoutMs = 60_000, intervalMs = 500, abortReason = () => undefined } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await probeKafka(brokers, Math.min(3_000, Math.max(500, deadline - Date.now())));
    } catch (error) {
      lastError = error;
    }
    const aborted = abortReason();
    if (aborted) throw new Error(`Kafka at ${brokers.join(',')} will not become ready: ${aborted}`);
    if (Date.now() >= deadline) {
      throw new Error(
        `Kafka at ${brokers.join(',')} did not answer within ${Math.round(timeoutMs / 1000)} s (last error: ${describe(lastError)})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
