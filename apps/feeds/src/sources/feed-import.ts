import { sanitizeText } from '@chronicle/contracts';
import { OpmlFeed } from '@chronicle/feeds';
import { randomUUID } from 'node:crypto';
import { feedUrlSchema } from './feed-source.dto';
import { FeedSourceRepository } from './feed-source.repository';

/** Longest outlet name stored (as `POST /v1/feeds` allows); a longer OPML title is cut. */
const MAX_OUTLET_LENGTH = 200;

/** What an import did with each distinct feed URL of the list. */
export interface FeedImportReport {
  added: Array<{ id: string; url: string; outlet: string | null }>;
  alreadyPresent: string[];
  /** As written in the list, with why it was not taken (the same rules as `POST /v1/feeds`). */
  refused: Array<{ url: string; reason: string }>;
}

interface Candidate {
  url: string;
  outlet: string | null;
}

/**
 * Splits an OPML list into sources to add and refusals: each `xmlUrl` is validated and normalised
 * exactly as `POST /v1/feeds` does, and a URL listed twice (after normalising) is taken once, with
 * its first outline's name.
 */
export function planFeedImport(feeds: readonly OpmlFeed[]): { candidates: Candidate[]; refused: FeedImportReport['refused'] } {
  const candidates = new Map<string, Candidate>();
  const refused: FeedImportReport['refused'] = [];
  for (const feed of feeds) {
    const parsed = feedUrlSchema.safeParse(feed.xmlUrl);
    if (!parsed.success) {
      refused.push({ url: feed.xmlUrl, reason: parsed.error.issues.map((issue) => issue.message).join('; ') });
      continue;
    }
    if (candidates.has(parsed.data)) continue;
    const outlet = sanitizeText(feed.outlet ?? '')
      .trim()
      .slice(0, MAX_OUTLET_LENGTH)
      .trim();
    candidates.set(parsed.data, { url: parsed.data, outlet: outlet === '' ? null : outlet });
  }
  return { candidates: [...candidates.values()], refused };
}

/**
 * Imports an OPML list's feeds as sources in one insert (the URL's uniqueness decides what is
 * already present, so concurrent imports agree), every new one due at once.
 */
export async function importFeeds(
  sources: FeedSourceRepository,
  feeds: readonly OpmlFeed[],
  intervalSeconds: number,
): Promise<FeedImportReport> {
  const { candidates, refused } = planFeedImport(feeds);
  const added = await sources.add(candidates.map((candidate) => ({ id: randomUUID(), ...candidate, intervalSeconds })));
  const addedUrls = new Set(added.map((source) => source.url));
  return {
    added: added.map(({ id, url, outlet }) => ({ id, url, outlet })),
    alreadyPresent: candidates.filter((candidate) => !addedUrls.has(candidate.url)).map((candidate) => candidate.url),
    refused,
  };
}
