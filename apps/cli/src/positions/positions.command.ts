import { loadConfig } from '@chronicle/config';
import { createKafka } from '@chronicle/kafka';
import { createDataSource, resetStoredPositions } from '@chronicle/persistence';
import { Command } from 'commander';

const SERVICES_WITH_POSITIONS = ['project', 'alert'];

/**
 * `chronicle positions list|reset`: the positions consumers store with their effects. Reset is the
 * way out when a service refuses to start because its positions belong to another Kafka log.
 */
export function buildPositionsCommand(): Command {
  const positions = new Command('positions').description('Inspect or reset the positions consumers store in PostgreSQL');

  positions
    .command('list')
    .description('Every stored position with its Kafka cluster id')
    .action(async () => {
      const dataSource = await createDataSource(loadConfig().database.url, 1).initialize();
      try {
        const rows: Array<Record<string, unknown>> = await dataSource.query(
          'SELECT consumer, topic, partition, next_offset, cluster_id, updated_at FROM consumer_positions ORDER BY 1, 2, 3',
        );
        console.table(rows);
      } finally {
        await dataSource.destroy();
      }
    });

  positions
    .command('reset')
    .description(
      "Forget a consumer's stored positions and its Kafka group offsets, so it reads the log from the start " +
        '(stop its replicas first; read models are replaced article by article, never added to)',
    )
    .requiredOption('--consumer <name>', `consumer group (e.g. chronicle-project) or service (${SERVICES_WITH_POSITIONS.join(', ')})`)
    .action(async (flags: { consumer: string }) => {
      const config = loadConfig();
      const consumer = SERVICES_WITH_POSITIONS.includes(flags.consumer)
        ? `${config.kafka.groupPrefix}chronicle-${flags.consumer}`
        : flags.consumer;
      const dataSource = await createDataSource(config.database.url, 1).initialize();
      try {
        const removed = await resetStoredPositions(dataSource, consumer);
        console.log(`Removed ${removed} stored position(s) of ${consumer}.`);
      } finally {
        await dataSource.destroy();
      }
      const admin = createKafka(config.kafka, 'positions-cli').admin();
      await admin.connect();
      try {
        const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
        if (groups.includes(consumer)) {
          await admin.deleteGroups([consumer]);
          console.log(`Deleted Kafka consumer group ${consumer} (its committed offsets).`);
        }
      } finally {
        await admin.disconnect();
      }
    });

  return positions;
}
