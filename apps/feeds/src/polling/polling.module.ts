import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { WebhookTargetPolicy } from '@chronicle/domain';
import { Module } from '@nestjs/common';
import { ArticleSubmissionService } from '@chronicle/articles';
import { DEFAULT_HOST_GATE_CONFIG, HostGate } from '../fetching/host-gate';
import { DEFAULT_POLITE_FETCHER_LIMITS, PoliteFetcher, PoliteFetcherConfig } from '../fetching/polite-fetcher';
import { FeedArticlePublisher } from './feed-article.publisher';
import { FeedMetrics } from './feed-metrics';
import { FeedPoller } from './feed-poller.service';
import { SourcePollService } from './source-poll.service';

/** Chronicle's version in the feeds User-Agent. */
export const FEEDS_USER_AGENT_VERSION = '0.1.0';

/** The fetcher's limits with the configured contact and deadline (robots.txt never waits longer than a feed). */
export function politeFetcherConfig(config: ChronicleConfig): PoliteFetcherConfig {
  const timeoutMs = config.feeds.fetchTimeoutMs;
  return {
    ...DEFAULT_POLITE_FETCHER_LIMITS,
    timeoutMs: { feed: timeoutMs, page: timeoutMs, robots: Math.min(timeoutMs, DEFAULT_POLITE_FETCHER_LIMITS.timeoutMs.robots) },
    version: FEEDS_USER_AGENT_VERSION,
    contact: config.feeds.contact,
  };
}

@Module({
  providers: [
    {
      provide: PoliteFetcher,
      inject: [CHRONICLE_CONFIG],
      useFactory: (config: ChronicleConfig) =>
        new PoliteFetcher(
          politeFetcherConfig(config),
          new WebhookTargetPolicy(config.feeds.allowedTargets, 'FEEDS_ALLOWED_HOSTS'),
          new HostGate(DEFAULT_HOST_GATE_CONFIG),
        ),
    },
    ArticleSubmissionService,
    FeedArticlePublisher,
    FeedMetrics,
    SourcePollService,
    FeedPoller,
  ],
})
export class PollingModule {}
