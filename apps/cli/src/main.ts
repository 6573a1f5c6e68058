#!/usr/bin/env node
import 'reflect-metadata';
import { ConfigError } from '@chronicle/config';
import { runMigrations } from '@chronicle/persistence';
import { Command } from 'commander';
import { buildAlertsCommand } from './alerts/alerts.command';
import { buildAnalyzeCommand } from './analyze/analyze.command';
import { buildDlqCommand } from './dlq/dlq.command';
import { buildFeedsCommand } from './feeds/feeds.command';
import { buildInfraCommand } from './infra/infra.command';
import { buildIngestCommand } from './ingest/ingest.command';
import { buildKeysCommand } from './keys/keys.command';
import { buildMigrateCommand } from './migrate/migrate.command';
import { buildReanalyzeCommand } from './reanalyze/reanalyze.command';
import { buildPositionsCommand } from './positions/positions.command';
import { buildReplayCommand } from './replay/replay.command';
import { buildStatusCommand } from './status/status.command';

const program = new Command('chronicle')
  .description('Chronicle: event-sourced media monitoring')
  .addCommand(
    buildInfraCommand({
      afterUp: async ({ databaseUrl }) => {
        const applied = await runMigrations(databaseUrl);
        console.log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Database schema is up to date.');
      },
    }),
  )
  .addCommand(buildMigrateCommand())
  .addCommand(buildIngestCommand())
  .addCommand(buildAnalyzeCommand())
  .addCommand(buildDlqCommand())
  .addCommand(buildReplayCommand())
  .addCommand(buildReanalyzeCommand())
  .addCommand(buildAlertsCommand())
  .addCommand(buildPositionsCommand())
  .addCommand(buildStatusCommand())
  .addCommand(buildKeysCommand())
  .addCommand(buildFeedsCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`chronicle: ${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
});
