import { loadConfig } from '@chronicle/config';
import { createDataSource, projectionNamed, RebuildRequestsRepository } from '@chronicle/persistence';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { carryOutClaimedRebuild } from './claimed-rebuild';

/**
 * `chronicle replay [--projection NAME]`: zero-downtime rebuild of a projection from the log, run
 * by this process. It is recorded in `projection_rebuilds` like one requested through the API,
 * so it is refused while another rebuild is unfinished and appears in the rebuild history.
 */
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
      projectionNamed(flags.projection);
      const started = Date.now();
      let running = false;
      const onProgress = ({ version, done, total }: { version: number; done: number; total: number }) => {
        const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
        if (!running) bar.start(Math.max(total, 1), done, { projection: flags.projection, version, rate });
        running = true;
        bar.setTotal(Math.max(total, 1));
        bar.update(done, { rate });
      };
      const operator = `cli:${userInfo().username}@${hostname()}`;
      const worker = `${operator}/${process.pid}`;
      const dataSource = await createDataSource(config.database.url, 1).initialize();
      // Ctrl-C stops the rebuild and records it as failed, rather than leaving it for a project replica to take over.
      const interrupt = new AbortController();
      const onSignal = () => interrupt.abort(new Error('interrupted'));
      process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
      let result;
      try {
        const requests = new RebuildRequestsRepository(dataSource);
        const claim = await requests.requestClaimed(flags.projection, operator, worker);
        result = await carryOutClaimedRebuild(config, requests, claim, worker, {
          logDir: flags.logDir,
          onProgress,
          signal: interrupt.signal,
          whenStopped: 'fail',
        });
      } finally {
        bar.stop();
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
        await dataSource.destroy();
      }
      console.log(
        `Projection ${result.projection} v${result.version} is live: ${result.events} events folded in ${result.seconds.toFixed(1)} s; the old tables were dropped.`,
      );
    });
}
