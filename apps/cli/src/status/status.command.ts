import { loadConfig } from '@chronicle/config';
import { TopicKey, topicName } from '@chronicle/contracts';
import { createKafka, readDeadLetters } from '@chronicle/kafka';
import { Command } from 'commander';

const CONSUMERS: Array<{ service: 'enrich' | 'project' | 'alert'; topics: TopicKey[] }> = [
  { service: 'enrich', topics: ['articles'] },
  { service: 'project', topics: ['articles', 'analyses'] },
  { service: 'alert', topics: ['analyses'] },
];

interface HealthAnswer {
  status?: string;
  problems?: Array<Record<string, unknown>>;
  lastError?: { at: string; topic: string; partition: number; error: string };
}

async function healthOf(port: number): Promise<HealthAnswer | string> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_500) });
    return (await response.json()) as HealthAnswer;
  } catch (error) {
    return `not reachable (${error instanceof Error ? error.message : String(error)})`;
  }
}

function describeProblem(problem: Record<string, unknown>): string {
  const where = problem.topic ? `${String(problem.topic)}[${String(problem.partition)}]` : '';
  switch (problem.kind) {
    case 'stalled':
      return `STALLED ${where} at ${String(problem.position)}, lag ${String(problem.lag)}, for ${String(problem.stalledForSeconds)} s`;
    case 'retrying':
      return `RETRYING ${where} @${String(problem.offset)} try ${String(problem.attempt)} (${String(problem.failure)}): ${String(problem.error)}`;
    default:
      return `${String(problem.kind).toUpperCase()} ${JSON.stringify(problem)}`;
  }
}

/** `chronicle status`: one screen with every consumer's lag, stalls, dead letters and last error. */
export function buildStatusCommand(): Command {
  return new Command('status')
    .description("One screen: each consumer's lag per topic, stalled partitions, dead letters and last error")
    .action(async () => {
      const config = loadConfig();
      const kafka = createKafka(config.kafka, 'status-cli');
      const admin = kafka.admin();
      await admin.connect();
      const deadLetters = new Map<string, number>();
      try {
        for (const record of await readDeadLetters(kafka, config.kafka)) {
          deadLetters.set(record.consumer, (deadLetters.get(record.consumer) ?? 0) + 1);
        }
        for (const { service, topics } of CONSUMERS) {
          const group = `${config.kafka.groupPrefix}chronicle-${service}`;
          const names = topics.map((key) => topicName(config.kafka.topicPrefix, key));
          const committed = await admin.fetchOffsets({ groupId: group, topics: names });
          const health = await healthOf(config.ports[service]);
          const state = typeof health === 'string' ? health : (health.status ?? 'unknown');
          console.log(`${service.padEnd(8)} ${group}  health: ${state}  dead letters: ${deadLetters.get(group) ?? 0}`);
          for (const topic of names) {
            const ends = await admin.fetchTopicOffsets(topic);
            const positions = new Map((committed.find((c) => c.topic === topic)?.partitions ?? []).map((p) => [p.partition, p.offset]));
            let total = 0n;
            const behind: string[] = [];
            for (const { partition, high, low } of ends) {
              const at = BigInt(positions.get(partition) ?? '-1');
              const lag = BigInt(high) - (at < 0n ? BigInt(low) : at);
              total += lag;
              if (lag > 0n) behind.push(`p${partition}:${lag}`);
            }
            console.log(`  ${topic.padEnd(32)} lag ${String(total).padStart(8)}${behind.length ? `  (${behind.join(' ')})` : ''}`);
          }
          if (typeof health !== 'string') {
            for (const problem of health.problems ?? []) console.log(`  ! ${describeProblem(problem)}`);
            if (health.lastError) console.log(`  last error ${health.lastError.at}: ${health.lastError.error}`);
          }
        }
      } finally {
        await admin.disconnect();
      }
    });
}
