import { loadConfig } from '@chronicle/config';
import { AlertRedelivery, createDataSource } from '@chronicle/persistence';
import { Command } from 'commander';

interface RedeliverFlags {
  subscription?: string;
  alert?: string[];
  dryRun?: boolean;
}

/**
 * `chronicle alerts redeliver [--subscription ID] [--alert ID...] [--dry-run]`: puts failed or
 * cancelled alerts (of subscriptions that still exist) back in the delivery queue with a fresh
 * retry budget, as `POST /v1/alerts/:id/redeliver` does ({@link AlertRedelivery}). The running alert service sends them
 * (same alert id, so receivers de-duplicate on the idempotency key); AlertRaised is not
 * published again.
 */
export function buildAlertsCommand(): Command {
  const alerts = new Command('alerts').description('Alert delivery');
  alerts
    .command('redeliver')
    .description('Queue failed or cancelled webhook deliveries again')
    .option('--subscription <id>', 'only this subscription')
    .option('--alert <id...>', 'only these alerts')
    .option('--dry-run', 'list what would be queued, change nothing')
    .action(async (flags: RedeliverFlags) => {
      const dataSource = await createDataSource(loadConfig().database.url, 1).initialize();
      try {
        const redelivery = new AlertRedelivery(dataSource);
        const filter = { subscriptionId: flags.subscription, alertIds: flags.alert };
        if (flags.dryRun) {
          const alerts = await redelivery.redeliverable(filter);
          for (const alert of alerts)
            console.log(`${alert.id}\t${alert.subscriptionId}\t${alert.status}\t${alert.lastError ?? ''}`);
          console.log(`${alerts.length} failed or cancelled alert(s) would be queued.`);
          return;
        }
        const queued = await redelivery.redeliver(filter);
        console.log(`Queued ${queued.length} failed or cancelled alert(s) for delivery.`);
      } finally {
        await dataSource.destroy();
      }
    });
  return alerts;
}
