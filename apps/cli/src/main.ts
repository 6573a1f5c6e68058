#!/usr/bin/env node
import 'reflect-metadata';
import { ConfigError } from '@chronicle/config';
import { Command } from 'commander';

/**
 * Each command's module, loaded only when that command runs (all of them for help or an unknown name): `analyze`
 * needs the extractor alone, and loading the database, broker and service modules of the others cost it about a
 * second of start-up.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Command>]> = [
  [
    'infra',
    async () =>
      (await import('./infra/infra.command')).buildInfraCommand({
        afterUp: async ({ databaseUrl }) => {
          const { runMigrations } = await import('@chronicle/persistence');
          const applied = await runMigrations(databaseUrl);
          console.log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Database schema is up to date.');
        },
      }),
  ],
  ['migrate', async () => (await import('./migrate/migrate.command')).buildMigrateCommand()],
  ['ingest', async () => (await import('./ingest/ingest.command')).buildIngestCommand()],
  ['analyze', async () => (await import('./analyze/analyze.command')).buildAnalyzeCommand()],
  ['dlq', async () => (await import('./dlq/dlq.command')).buildDlqCommand()],
  ['replay', async () => (await import('./replay/replay.command')).buildReplayCommand()],
  ['reanalyze', async () => (await import('./reanalyze/reanalyze.command')).buildReanalyzeCommand()],
  ['alerts', async () => (await import('./alerts/alerts.command')).buildAlertsCommand()],
  ['positions', async () => (await import('./positions/positions.command')).buildPositionsCommand()],
  ['status', async () => (await import('./status/status.command')).buildStatusCommand()],
  ['keys', async () => (await import('./keys/keys.command')).buildKeysCommand()],
  ['feeds', async () => (await import('./feeds/feeds.command')).buildFeedsCommand()],
];

async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('chronicle').description('Chronicle: event-sourced media monitoring');
  const named = COMMANDS.filter(([name]) => name === argv[2]);
  for (const [, build] of named.length ? named : COMMANDS) program.addCommand(await build());
  await program.parseAsync([...argv]);
}

main(process.argv).catch((error: unknown) => {
  process.stderr.write(`chronicle: ${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
});
