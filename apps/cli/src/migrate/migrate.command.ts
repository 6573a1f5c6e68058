import { loadConfig } from '@chronicle/config';
import { createDataSource, runMigrations } from '@chronicle/persistence';
import { Command } from 'commander';

/** `chronicle migrate [--revert]`: applies (or reverts the last of) the TypeORM migrations. */
export function buildMigrateCommand(): Command {
  return new Command('migrate')
    .description('Apply pending database migrations (or revert the last one)')
    .option('--revert', 'revert the most recent migration')
    .action(async (flags: { revert?: boolean }) => {
      const url = loadConfig().database.url;
      if (!flags.revert) {
        const applied = await runMigrations(url);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database schema is up to date.');
        return;
      }
      const dataSource = await createDataSource(url, 1).initialize();
      try {
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('Reverted the last migration.');
      } finally {
        await dataSource.destroy();
      }
    });
}
