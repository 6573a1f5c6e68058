import { isArticleUrl, normalizeArticleUrl } from '@chronicle/contracts';

/**
 * A link from a feed as an absolute http(s) URL, or undefined. A link that is already an
 * acceptable absolute URL is kept as written (trimmed, NFC), exactly as ingest keeps a URL posted
 * by hand, so both derive the same article id; a relative one is resolved against `base`.
 */
export function resolveHttpUrl(link: string | undefined, base: string | undefined): string | undefined {
  if (link === undefined) return undefined;
  const written = normalizeArticleUrl(link);
  if (written === '') return undefined;
  if (isArticleUrl(written)) return written;
  let resolved: string;
  try {
    resolved = new URL(written, base).href;
  } catch {
    return undefined;
  }
  return isArticleUrl(resolved) ? resolved : undefined;
}

/** A base URL for resolving others against: like {@link resolveHttpUrl}, but any absolute URL the parser accepts. */
export function resolveBase(link: string | undefined, base: string | undefined): string | undefined {
  if (link === undefined || link.trim() === '') return base;
  try {
    return new URL(link.trim(), base).href;
  } catch {
    return base;
  }
}
