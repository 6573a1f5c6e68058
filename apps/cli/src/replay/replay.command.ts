import { loadConfig } from '@chronicle/config';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { join } from 'node:path';
import { rebuildProjection } from './projection-rebuild';

/** `chronicle replay [--projection NAME]`: zero-downtime rebuild of a projection from the log. */
export function buildReplayCommand(): Command {
  return new Command('replay')
    .description('Rebuild a projection from the start of the log into shadow tables, then swap it in atomically')
    .option('--projection <name>', 'projection to rebuild', 'read-models')
    .option('--log-dir <dir>', 'where the rebuild projector writes its log', join(process.cwd(), '.chronicle', 'logs'))
    .action(async (flags: { projection: string; logDir: string }) => {
      const config = loadConfig();
      const bar = new SingleBar(
        {
          format:
            'replay {projection} v{version} [{bar}] {percentage}% | {value}/{total} events | {rate} ev/s | ETA {eta_formatted}',
        },
        Presets.shades_classic,
      );
      const started = Date.now();
      let running = false;
      const result = await rebuildProjection(
        config,
        flags.projection,
        ({ version, done, total }) => {
          const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
          if (!running) bar.start(Math.max(total, 1), done, { projection: flags.projection, version, rate });
          running = true;
          bar.setTotal(Math.max(total, 1));
          bar.update(done, { rate });
        },
        flags.logDir,
      );
      bar.stop();
      console.log(
        `Projection ${result.projection} v${result.version} is live: ${result.events} events folded in ${result.seconds.toFixed(1)} s; the old tables were dropped.`,
      );
    });
}
