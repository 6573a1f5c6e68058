import robotsParser from 'robots-parser';
import { FetchOutcome } from './fetch-outcome';

export interface RobotsRulesConfig {
  /** The product token matched against `User-agent` lines. */
  userAgentToken: string;
  /** How long a fetched (or 4xx, allow-all) robots.txt is trusted. RFC 9309 §2.4: at most 24 hours is advised. */
  ttlMs: number;
  /** How long pages wait after robots.txt was unreachable (5xx, timeout, network error). */
  unreachableTtlMs: number;
  /** Origins remembered at once; the oldest entry is dropped first. */
  maxEntries: number;
}

export const DEFAULT_ROBOTS_RULES_CONFIG: RobotsRulesConfig = {
  userAgentToken: 'Chronicle',
  ttlMs: 24 * 3600_000,
  unreachableTtlMs: 30 * 60_000,
  maxEntries: 4096,
};

export type RobotsVerdict =
  { kind: 'allowed' } | { kind: 'disallowed' } | { kind: 'unreachable'; untilMs: number; reason: string };

type Robot = ReturnType<typeof robotsParser>;
type Rules = { kind: 'parsed'; robot: Robot } | { kind: 'allow-all' } | { kind: 'unreachable'; untilMs: number; reason: string };

/** Fetches `robotsUrl` (following redirects, truncating rather than refusing a large file). */
export type FetchRobotsTxt = (robotsUrl: string) => Promise<FetchOutcome>;

/** Told the `Crawl-delay` (in ms) of Chronicle's group each time an origin's robots.txt is read; 0 when it names none. */
export type CrawlDelayListener = (origin: URL, delayMs: number) => void;

/**
 * robots.txt per origin, as RFC 9309 says: fetched once and cached, a 4xx means everything is
 * allowed, a 5xx or no answer means nothing is (for `unreachableTtlMs`, then asked again).
 * Concurrent checks for one origin share one fetch.
 */
export class RobotsRules {
  private readonly cache = new Map<string, { rules: Rules; expiresAtMs: number }>();
  private readonly pending = new Map<string, Promise<Rules>>();

  constructor(
    private readonly fetchRobotsTxt: FetchRobotsTxt,
    private readonly config: RobotsRulesConfig = DEFAULT_ROBOTS_RULES_CONFIG,
    private readonly now: () => number = Date.now,
    private readonly onCrawlDelay: CrawlDelayListener = () => undefined,
  ) {}

  async check(pageUrl: URL): Promise<RobotsVerdict> {
    const rules = await this.rulesFor(pageUrl.origin);
    if (rules.kind === 'unreachable') return rules;
    if (rules.kind === 'allow-all') return { kind: 'allowed' };
    // robots-parser answers undefined for another origin; the origin is ours by construction.
    return rules.robot.isAllowed(pageUrl.href, this.config.userAgentToken) === false
      ? { kind: 'disallowed' }
      : { kind: 'allowed' };
  }

  private async rulesFor(origin: string): Promise<Rules> {
    const cached = this.cache.get(origin);
    if (cached && cached.expiresAtMs > this.now()) return cached.rules;
    let pending = this.pending.get(origin);
    if (!pending) {
      pending = this.load(origin).finally(() => this.pending.delete(origin));
      this.pending.set(origin, pending);
    }
    return pending;
  }

  private async load(origin: string): Promise<Rules> {
    const robotsUrl = `${origin}/robots.txt`;
    const outcome = await this.fetchRobotsTxt(robotsUrl);
    const now = this.now();
    let rules: Rules;
    let expiresAtMs = now + this.config.ttlMs;
    if (outcome.kind === 'fetched') {
      const robot = robotsParser(robotsUrl, new TextDecoder('utf-8').decode(outcome.bytes));
      rules = { kind: 'parsed', robot };
      const delaySeconds = robot.getCrawlDelay(this.config.userAgentToken);
      this.onCrawlDelay(new URL(origin), Number.isFinite(delaySeconds) && delaySeconds! > 0 ? delaySeconds! * 1000 : 0);
    } else if (outcome.kind === 'failed' && outcome.status !== undefined && outcome.status >= 400 && outcome.status < 500) {
      rules = { kind: 'allow-all' };
    } else {
      // 5xx, 429, timeouts, refusals and network errors: RFC 9309 §2.3.1.4 says assume complete disallow.
      expiresAtMs = outcome.kind === 'retry-later' ? Math.max(outcome.untilMs, now) : now + this.config.unreachableTtlMs;
      const why = outcome.kind === 'failed' || outcome.kind === 'retry-later' ? outcome.reason : 'unexpected 304';
      rules = { kind: 'unreachable', untilMs: expiresAtMs, reason: `robots.txt unreachable (${why})` };
    }
    this.cache.delete(origin);
    this.cache.set(origin, { rules, expiresAtMs });
    if (this.cache.size > this.config.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return rules;
  }
}
