import { ChronicleConfig, loadConfig } from '@chronicle/config';
import { createDataSource } from '@chronicle/persistence';
import { Command, InvalidArgumentError } from 'commander';
import { FeedParseError, parseOpml } from '@chronicle/feeds';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { importFeeds } from '../../../feeds/src/sources/feed-import';
import { feedUrlSchema, parseIntervalSeconds } from '../../../feeds/src/sources/feed-source.dto';
import { FeedSourceRepository } from '../../../feeds/src/sources/feed-source.repository';

function interval(value: string): number {
  const seconds = parseIntervalSeconds(value);
  if (seconds === null) throw new InvalidArgumentError('an interval like 90s, 5m, 1h or 1d (at most a week)');
  return seconds;
}

function outletName(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 200) throw new InvalidArgumentError('1 to 200 characters');
  return trimmed;
}

/** The URL as the service stores it, or an error naming what is wrong. */
function feedUrl(value: string): string {
  const parsed = feedUrlSchema.safeParse(value);
  if (!parsed.success)
    throw new InvalidArgumentError(`${value}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  return parsed.data;
}

async function withSources<T>(work: (sources: FeedSourceRepository, config: ChronicleConfig) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const dataSource = await createDataSource(config.database.url, 1, config.database.schema).initialize();
  try {
    return await work(new FeedSourceRepository(dataSource), config);
  } finally {
    await dataSource.destroy();
  }
}

/** `chronicle feeds add|import|list|remove|poll`: the feed sources the feeds service polls, edited in the database directly. */
export function buildFeedsCommand(): Command {
  const feeds = new Command('feeds').description('Add, list, remove and poll the feed sources the feeds service watches');

  feeds
    .command('add')
    .description('Add feed sources (RSS, Atom, JSON Feed or sitemap URLs); each is polled at once')
    .argument('<url...>')
    .option('--outlet <name>', "outlet the articles are filed under (default: the feed's site host)", outletName)
    .option(
      '--interval <interval>',
      'first poll interval, e.g. 5m; adapts to how often the feed publishes (default: FEEDS_MIN_INTERVAL_SECONDS)',
      interval,
    )
    .action(async (urls: string[], flags: { outlet?: string; interval?: number }) => {
      const normalized = [...new Set(urls.map(feedUrl))];
      await withSources(async (sources, config) => {
        const added = await sources.add(
          normalized.map((url) => ({
            id: randomUUID(),
            url,
            outlet: flags.outlet ?? null,
            intervalSeconds: flags.interval ?? Math.round(config.feeds.minIntervalMs / 1000),
          })),
        );
        const addedUrls = new Set(added.map((source) => source.url));
        for (const url of normalized) console.log(addedUrls.has(url) ? `Added ${url}` : `Already a source: ${url}`);
      });
    });

  feeds
    .command('import')
    .description('Add every feed of an OPML subscription list (what feed readers export), in one insert')
    .argument('<file>', 'an OPML file')
    .option('--interval <interval>', 'first poll interval of the new sources (default: FEEDS_MIN_INTERVAL_SECONDS)', interval)
    .option('--json', 'print the report as JSON (for scripts)')
    .action(async (file: string, flags: { interval?: number; json?: boolean }) => {
      let listed;
      try {
        listed = parseOpml(await readFile(file, 'utf8'));
      } catch (error) {
        if (!(error instanceof FeedParseError) && (error as { code?: unknown }).code === undefined) throw error;
        console.error(`${file}: ${(error as Error).message}`);
        process.exitCode = 1;
        return;
      }
      const report = await withSources((sources, config) =>
        importFeeds(sources, listed, flags.interval ?? Math.round(config.feeds.minIntervalMs / 1000)),
      );
      if (flags.json) {
        console.log(JSON.stringify(report));
        return;
      }
      for (const source of report.added) console.log(`Added ${source.url}`);
      for (const url of report.alreadyPresent) console.log(`Already a source: ${url}`);
      for (const refusal of report.refused) console.log(`Refused ${refusal.url}: ${refusal.reason}`);
      console.log(
        `${report.added.length} added, ${report.alreadyPresent.length} already present, ${report.refused.length} refused.`,
      );
    });

  feeds
    .command('list')
    .description('Every source with its status, schedule and last error')
    .option('--json', 'print the sources as JSON (for scripts)')
    .action(async (flags: { json?: boolean }) => {
      const listed = await withSources((sources) => sources.list());
      if (flags.json) {
        console.log(JSON.stringify(listed.map(({ etag: _etag, lastModified: _lastModified, ...source }) => source)));
        return;
      }
      console.table(
        listed.map((source) => ({
          url: source.url,
          outlet: source.outlet ?? '',
          status: source.status,
          interval: `${source.intervalSeconds}s`,
          nextPoll: source.nextPollAt,
          lastPolled: source.lastPolledAt ?? '',
          entries: source.entriesSeen,
          lastError: source.lastError ?? '',
          entryProblems: source.entryProblems,
          lastEntryProblem: source.lastEntryProblem ?? '',
        })),
      );
    });

  feeds
    .command('remove')
    .description('Stop polling a source (its articles stay)')
    .argument('<url>')
    .action(async (url: string) => {
      const target = feedUrl(url);
      const removed = await withSources(async (sources) => {
        const source = await sources.findByUrl(target);
        return source !== null && (await sources.remove(source.id));
      });
      if (!removed) {
        console.error(`No source ${target}.`);
        process.exitCode = 1;
        return;
      }
      console.log(`Removed ${target}.`);
    });

  feeds
    .command('poll')
    .description('Make a source due now: the next free feeds replica polls it within a second or so')
    .argument('<url>')
    .action(async (url: string) => {
      const target = feedUrl(url);
      const due = await withSources(async (sources) => {
        const source = await sources.findByUrl(target);
        return source !== null && (await sources.pollSoon(source.id));
      });
      if (!due) {
        console.error(`No source ${target}.`);
        process.exitCode = 1;
        return;
      }
      console.log(`${target} is due now.`);
    });
  return feeds;
}
