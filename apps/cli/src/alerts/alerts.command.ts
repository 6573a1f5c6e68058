import { loadConfig } from '@chronicle/config';
import { createDataSource } from '@chronicle/persistence';
import { Command } from 'commander';

interface RedeliverFlags {
  subscription?: string;
  alert?: string[];
  dryRun?: boolean;
}

/**
 * `chronicle alerts redeliver [--subscription ID] [--alert ID...] [--dry-run]`: puts failed alerts
 * back in the delivery queue with a fresh retry budget. The running alert service sends them
 * (same alert id, so receivers de-duplicate on the idempotency key); AlertRaised is not
 * published again.
 */
export function buildAlertsCommand(): Command {
  const alerts = new Command('alerts').description('Alert delivery');
  alerts
    .command('redeliver')
    .description('Queue failed webhook deliveries again')
    .option('--subscription <id>', 'only this subscription')
    .option('--alert <id...>', 'only these alerts')
    .option('--dry-run', 'list what would be queued, change nothing')
    .action(async (flags: RedeliverFlags) => {
      const dataSource = await createDataSource(loadConfig().database.url, 1).initialize();
      try {
        const where = `status = 'failed' AND ($1::uuid IS NULL OR subscription_id = $1) AND ($2::text[] IS NULL OR id = ANY($2))`;
        const params = [flags.subscription ?? null, flags.alert ?? null];
        if (flags.dryRun) {
          const rows: Array<{ id: string; subscription_id: string; last_error: string | null }> = await dataSource.query(
            `SELECT id, subscription_id, last_error FROM alerts WHERE ${where} ORDER BY seq`,
            params,
          );
          for (const row of rows) console.log(`${row.id}\t${row.subscription_id}\t${row.last_error ?? ''}`);
          console.log(`${rows.length} failed alert(s) would be queued.`);
          return;
        }
        const [, count]: [unknown[], number] = await dataSource.query(
          `UPDATE alerts SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL WHERE ${where} RETURNING id`,
          params,
        );
        console.log(`Queued ${count} failed alert(s) for delivery.`);
      } finally {
        await dataSource.destroy();
      }
    });
  return alerts;
}
