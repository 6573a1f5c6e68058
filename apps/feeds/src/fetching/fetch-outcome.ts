/** What is fetched: a feed (RSS/Atom/sitemap document) or an article page. They differ in size cap, timeout and robots.txt. */
export type FetchKind = 'feed' | 'page';

/** What the caller knows from the previous successful fetch, sent back as a conditional GET. */
export interface FetchRequest {
  kind: FetchKind;
  /** The previous response's `ETag`, sent as `If-None-Match`. */
  etag?: string;
  /** The previous response's `Last-Modified`, sent as `If-Modified-Since`. */
  lastModified?: string;
  /** Cancels the fetch, including its wait for the host's turn (shutdown). */
  signal?: AbortSignal;
}

/**
 * The result of one polite fetch. Network and server misbehaviour are outcomes, never exceptions.
 * `failed.permanent` says that retrying the same URL soon will not help (a 404, a refused target,
 * a robots.txt disallow, an oversized or non-HTML body); transient failures (5xx, timeouts, resets)
 * are worth retrying with backoff.
 */
export type FetchOutcome =
  | {
      kind: 'fetched';
      status: number;
      /** The body after `Content-Encoding` was undone. Charset decoding is the parser's job. */
      bytes: Uint8Array;
      contentType: string | undefined;
      etag?: string;
      lastModified?: string;
      /** Where the body came from after redirects. */
      finalUrl: string;
    }
  | { kind: 'not-modified' }
  | { kind: 'retry-later'; untilMs: number; reason: string }
  | { kind: 'failed'; reason: string; permanent: boolean; status?: number };
