import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import {
  articleFromEntry,
  decodeFeedBytes,
  extractArticle,
  PageShapeError,
  ExtractedArticle,
  FeedArticleSubmission,
  FeedEntry,
  FeedParseError,
  parseFeed,
} from '@chronicle/feeds';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PoliteFetcher } from '../fetching/polite-fetcher';
import { FeedSource, FeedSourceRepository, PollRecord } from '../sources/feed-source.repository';
import { FeedArticlePublisher } from './feed-article.publisher';
import { FeedMetrics } from './feed-metrics';
import { entryKey, IntervalLimits, needsPage, outletFor, scheduleAfterFailure, scheduleAfterSuccess } from './poll-plan';

/** New entries handled per poll; the rest wait for the next poll, so one poll stays well inside its claim. */
export const MAX_NEW_ENTRIES_PER_POLL = 50;

/**
 * One poll of one source: conditional GET of the feed, parse, submit the entries this source has
 * not submitted before (with the page's full text when the feed has only a summary), then say how
 * the poll ended. Entries are remembered only once Kafka has their article, so a crash resubmits
 * (harmless: the article id comes from the URL) rather than loses.
 */
@Injectable()
export class SourcePollService {
  private readonly logger = new Logger(SourcePollService.name);
  private readonly sources: FeedSourceRepository;
  private readonly limits: IntervalLimits;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(PoliteFetcher) private readonly fetcher: PoliteFetcher,
    @Inject(FeedArticlePublisher) private readonly publisher: FeedArticlePublisher,
    @Inject(FeedMetrics) private readonly metrics: FeedMetrics,
    @Inject(CHRONICLE_CONFIG) config: ChronicleConfig,
  ) {
    this.sources = new FeedSourceRepository(dataSource);
    this.limits = { minMs: config.feeds.minIntervalMs, maxMs: config.feeds.maxIntervalMs };
  }

  /**
   * Polls `source` and returns what to record. Fetch, parse and publish problems come back as a
   * failure record; only cancellation (`signal`) rejects.
   */
  async poll(source: FeedSource, signal: AbortSignal): Promise<PollRecord> {
    const startedMs = Date.now();
    const outcome = await this.fetcher.fetch(source.url, {
      kind: 'feed',
      ...(source.etag !== null && { etag: source.etag }),
      ...(source.lastModified !== null && { lastModified: source.lastModified }),
      signal,
    });
    signal.throwIfAborted();
    switch (outcome.kind) {
      case 'not-modified':
        this.metrics.polls.inc({ outcome: 'not-modified' });
        return {
          kind: 'success',
          ...scheduleAfterSuccess([], source.intervalSeconds, this.limits, Date.now()),
          newEntries: 0,
          entryProblems: 0,
        };
      case 'retry-later':
        this.metrics.polls.inc({ outcome: 'deferred' });
        return {
          kind: 'deferred',
          reason: outcome.reason,
          nextPollAt: new Date(Math.max(outcome.untilMs, startedMs + source.intervalSeconds * 1000)),
        };
      case 'failed':
        return this.failure(source, outcome.reason);
      case 'fetched':
        break;
      default: {
        const unknown: never = outcome;
        throw new Error(`unknown fetch outcome ${JSON.stringify(unknown)}`);
      }
    }
    let entries: readonly FeedEntry[];
    let outlet: string | undefined;
    try {
      const feed = parseFeed(decodeFeedBytes(outcome.bytes, outcome.contentType), outcome.finalUrl);
      entries = feed.entries;
      outlet = outletFor(source.outlet, feed, outcome.finalUrl);
    } catch (error) {
      if (!(error instanceof FeedParseError)) throw error;
      return this.failure(source, `unreadable feed: ${error.message}`);
    }
    let submitted: EntryOutcomes;
    try {
      submitted = await this.submitNew(source, entries, outlet, signal);
    } catch (error) {
      signal.throwIfAborted();
      this.logger.warn(`${source.url}: submitting entries failed: ${(error as Error).message}`);
      return this.failure(source, `submitting entries failed: ${(error as Error).message}`);
    }
    this.metrics.polls.inc({ outcome: 'fetched' });
    return {
      kind: 'success',
      etag: outcome.etag ?? null,
      lastModified: outcome.lastModified ?? null,
      ...scheduleAfterSuccess(entries, source.intervalSeconds, this.limits, Date.now()),
      newEntries: submitted.published,
      entryProblems: submitted.problems,
      ...(submitted.lastProblem !== undefined && { lastEntryProblem: submitted.lastProblem }),
    };
  }

  private failure(source: FeedSource, reason: string): PollRecord {
    this.metrics.polls.inc({ outcome: 'failed' });
    const nextPollAt = scheduleAfterFailure(source.consecutiveFailures + 1, source.intervalSeconds, Date.now(), Math.random());
    return { kind: 'failure', error: reason.slice(0, 1000), nextPollAt };
  }

  /**
   * Submits the entries not yet submitted from this source, oldest first, in one send. An entry
   * whose page gives no main text keeps the feed's summary (a counted entry problem); one with no
   * text at all, or that ingest refuses, is skipped and counted, and never fails the source.
   */
  private async submitNew(
    source: FeedSource,
    entries: readonly FeedEntry[],
    outlet: string | undefined,
    signal: AbortSignal,
  ): Promise<EntryOutcomes> {
    const byKey = new Map<string, FeedEntry>();
    for (const entry of entries) if (!byKey.has(entryKey(entry.guid))) byKey.set(entryKey(entry.guid), entry);
    const unseen = await this.sources.unseen(source.id, [...byKey.keys()]);
    const fresh = [...byKey]
      .filter(([key]) => unseen.has(key))
      .slice(0, MAX_NEW_ENTRIES_PER_POLL)
      .reverse();
    const outcomes: EntryOutcomes = { published: 0, problems: 0 };
    const noteProblem = (entry: FeedEntry, problem: string) => {
      outcomes.problems += 1;
      outcomes.lastProblem = `${entry.url}: ${problem}`.slice(0, 1000);
      this.logger.warn(`${source.url}: entry ${outcomes.lastProblem}`);
    };
    const articles: Array<{ entry: FeedEntry; article: FeedArticleSubmission }> = [];
    for (const [, entry] of fresh) {
      const page = needsPage(entry) ? await this.pageText(entry.url, signal) : undefined;
      signal.throwIfAborted();
      const fullText = page && 'text' in page ? page.text : undefined;
      const article = articleFromEntry(entry, {
        ...(outlet !== undefined && { outlet }),
        ...(fullText !== undefined && { fullText }),
      });
      const pageProblem = page && 'problem' in page ? page.problem : undefined;
      if (!article) noteProblem(entry, `skipped: no text (${pageProblem ?? 'the entry is empty'}, and no summary)`);
      else {
        if (pageProblem) noteProblem(entry, `kept the feed's summary: ${pageProblem}`);
        articles.push({ entry, article });
      }
    }
    // One send and one insert per poll; entries count as seen only once Kafka has them (a crash
    // before that resubmits them under the same ids, which changes nothing).
    const results = await this.publisher.publishAll(
      articles.map(({ article }) => article),
      randomUUID(),
    );
    articles.forEach(({ entry }, index) => {
      const result = results[index]!;
      if (result.published) outcomes.published += 1;
      else noteProblem(entry, `skipped: ${result.reason}`);
    });
    await this.sources.markSeen(
      source.id,
      fresh.map(([key]) => key),
    );
    this.metrics.newArticles.inc(outcomes.published);
    return outcomes;
  }

  /** The page's main text, or why it cannot be had (the entry's summary is used then). */
  private async pageText(url: string, signal: AbortSignal): Promise<{ text: ExtractedArticle } | { problem: string }> {
    const outcome = await this.fetcher.fetch(url, { kind: 'page', signal });
    if (outcome.kind === 'not-modified') return { problem: 'page answered 304 to an unconditional GET' };
    if (outcome.kind !== 'fetched') return { problem: `page not fetched: ${outcome.reason}` };
    try {
      const text = extractArticle(decodeFeedBytes(outcome.bytes, outcome.contentType), outcome.finalUrl);
      return text ? { text } : { problem: 'the page has no main text' };
    } catch (error) {
      if (error instanceof PageShapeError) return { problem: error.message };
      throw error;
    }
  }
}

/** How a poll's new entries ended. */
interface EntryOutcomes {
  published: number;
  problems: number;
  lastProblem?: string;
}
