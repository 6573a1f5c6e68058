import { InfraManager, InfraUpResult } from '../../apps/cli/src/infra/infra-manager';

/**
 * Kafka and PostgreSQL for a bench, prepared as `chronicle infra up` prepares them: the cluster in
 * `KAFKA_BROKERS`, else the local broker (started when it is not running, so a fresh clone needs
 * no setup), and the server in `DATABASE_URL` (the local one by default). Progress goes to stderr,
 * keeping stdout for the bench's JSON line.
 */
export async function benchInfra(): Promise<InfraUpResult> {
  return new InfraManager({ log: (line) => console.error(`[infra] ${line}`) }).up(process.env);
}

/** Says so when the bench started the local broker: it keeps running for the next run. */
export function noteBrokerLeftRunning(infra: InfraUpResult): void {
  if (infra.startedBroker)
    console.error('[infra] the local broker started for this bench keeps running; `chronicle infra down` stops it');
}
