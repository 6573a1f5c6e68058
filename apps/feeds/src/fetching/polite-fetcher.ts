import { webhookPort, WebhookTargetPolicy } from '@chronicle/domain';
import { Agent as HttpAgent, request as httpRequest, IncomingHttpHeaders, IncomingMessage, STATUS_CODES } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createGunzip, createInflate, createInflateRaw, Gunzip, Inflate, InflateRaw } from 'node:zlib';
import { FetchKind, FetchOutcome, FetchRequest } from './fetch-outcome';
import { DEFAULT_HOST_GATE_CONFIG, HostGate } from './host-gate';
import { retryAfterUntilMs } from './retry-after';
import { DEFAULT_ROBOTS_RULES_CONFIG, RobotsRules, RobotsRulesConfig } from './robots-rules';
import { TargetGuard, TargetRefusedError } from '@chronicle/platform';

/** robots.txt is fetched by the same machinery, with its own limits. */
type Kind = FetchKind | 'robots';

export interface PoliteFetcherConfig {
  /** Chronicle's version, in the User-Agent. */
  version: string;
  /** Where a site operator reaches whoever runs this instance (a URL or mailto:), in the User-Agent. */
  contact: string;
  /** Whole-request time (connect, headers, body, every redirect hop), counted from the host's first admission. */
  timeoutMs: Record<Kind, number>;
  /** Largest body accepted, after decompression. robots.txt is truncated at its cap (RFC 9309 §2.5), the others fail. */
  maxBytes: Record<Kind, number>;
  maxRedirects: number;
  /** Wait after a 429 whose Retry-After is missing or unreadable. */
  defaultRetryAfterMs: number;
  /** Longest Retry-After honoured; a longer one is cut to this. */
  maxRetryAfterMs: number;
  robots: Omit<RobotsRulesConfig, 'userAgentToken'>;
}

export const DEFAULT_POLITE_FETCHER_LIMITS: Omit<PoliteFetcherConfig, 'version' | 'contact'> = {
  timeoutMs: { feed: 20_000, page: 20_000, robots: 10_000 },
  maxBytes: { feed: 10 * 1024 * 1024, page: 5 * 1024 * 1024, robots: 500 * 1024 },
  maxRedirects: 5,
  defaultRetryAfterMs: 5 * 60_000,
  maxRetryAfterMs: 24 * 3600_000,
  robots: {
    ttlMs: DEFAULT_ROBOTS_RULES_CONFIG.ttlMs,
    unreachableTtlMs: DEFAULT_ROBOTS_RULES_CONFIG.unreachableTtlMs,
    maxEntries: DEFAULT_ROBOTS_RULES_CONFIG.maxEntries,
  },
};

/** The product token robots.txt groups are matched against, and the start of our User-Agent. */
export const USER_AGENT_TOKEN = 'Chronicle';

const ACCEPT: Record<Kind, string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  page: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
  robots: 'text/plain, */*;q=0.5',
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** What Node accepts in a header value, and a sane length for a validator we echo back. */
const HEADER_SAFE = /^[\t\x20-\x7e\x80-\xff]{1,1024}$/;

/** A failure with the words a source's status shows. */
class FetchProblem extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchProblem';
  }
}

type HopResponse = { status: number; headers: IncomingHttpHeaders; bytes?: Uint8Array };

/**
 * Fetches feeds and article pages the way a polite crawler does: conditional GETs, a User-Agent
 * naming Chronicle and a contact, per-host concurrency and spacing (`HostGate`), Retry-After
 * honoured host-wide, robots.txt for pages, one deadline over the whole fetch, size caps enforced
 * while streaming (decompressed bytes included), and redirects followed by hand so that every hop
 * passes the SSRF policy at connect time. A robots.txt `Crawl-delay` becomes the host's spacing
 * (at most 30 s). Network and server misbehaviour come back as outcomes.
 */
export class PoliteFetcher {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });
  private readonly guard: TargetGuard;
  private readonly robots: RobotsRules;
  readonly userAgent: string;

  /** @throws RangeError when the version or contact cannot go into a header. */
  constructor(
    private readonly config: PoliteFetcherConfig,
    policy: WebhookTargetPolicy,
    private readonly gate: HostGate = new HostGate(DEFAULT_HOST_GATE_CONFIG),
    private readonly now: () => number = Date.now,
  ) {
    if (!/^[\w.+-]{1,64}$/.test(config.version)) throw new RangeError(`version "${config.version}" cannot go into a User-Agent`);
    if (!/^[\x21-\x27\x2a-\x7e][\x20-\x27\x2a-\x7e]{0,199}$/.test(config.contact))
      throw new RangeError('contact must be printable ASCII without parentheses, at most 200 characters');
    this.userAgent = `${USER_AGENT_TOKEN}/${config.version} (+${config.contact})`;
    this.guard = new TargetGuard(policy);
    this.robots = new RobotsRules(
      (url) => this.run(url, 'robots', {}),
      { ...config.robots, userAgentToken: USER_AGENT_TOKEN },
      now,
      // A site's Crawl-delay spaces every request to its host (feeds too), within the gate's bound.
      (origin, delayMs) => this.gate.setCrawlDelay(origin.hostname, delayMs),
    );
  }

  /** Fetches a feed or a page. Resolves with an outcome for anything the network or the server does. */
  fetch(url: string, request: FetchRequest): Promise<FetchOutcome> {
    return this.run(url, request.kind, request);
  }

  /** Closes idle keep-alive connections. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private async run(startUrl: string, kind: Kind, request: Omit<FetchRequest, 'kind'>): Promise<FetchOutcome> {
    let current: URL;
    try {
      current = new URL(startUrl);
    } catch {
      return { kind: 'failed', reason: 'not a URL', permanent: true };
    }
    const timeoutMs = this.config.timeoutMs[kind];
    const deadline = new AbortController();
    const cancel = () => deadline.abort(new FetchProblem('cancelled', false));
    request.signal?.addEventListener('abort', cancel, { once: true });
    if (request.signal?.aborted) cancel();
    let timer: NodeJS.Timeout | undefined;
    const headers = this.headersFor(kind, request);
    const visited = new Set<string>();
    try {
      for (let redirects = 0; ; redirects += 1) {
        current.hash = '';
        const refusal = this.guard.refusalBeforeConnect(current);
        if (refusal) return { kind: 'failed', reason: `target refused: ${refusal}`, permanent: true };
        if (kind === 'page') {
          const verdict = await abortable(this.robots.check(current), deadline.signal);
          if (verdict.kind === 'disallowed') return { kind: 'failed', reason: 'disallowed by robots.txt', permanent: true };
          if (verdict.kind === 'unreachable') return { kind: 'retry-later', untilMs: verdict.untilMs, reason: verdict.reason };
        }
        const admission = await this.gate.acquire(current.hostname, deadline.signal);
        if (!admission.admitted)
          return { kind: 'retry-later', untilMs: admission.untilMs, reason: `${current.hostname} asked to wait (Retry-After)` };
        // The deadline starts with the first admission: waiting for the host's turn is politeness, not the server's slowness.
        timer ??= setTimeout(() => deadline.abort(new FetchProblem(`timed out after ${timeoutMs} ms`, false)), timeoutMs);
        let response: HopResponse;
        try {
          response = await this.requestOnce(current, kind, headers, deadline.signal);
        } finally {
          admission.release();
        }
        const { status } = response;
        if (REDIRECTS.has(status)) {
          visited.add(current.href);
          const next = redirectTarget(current, response.headers.location);
          if (!next)
            return { kind: 'failed', reason: `HTTP ${status} with a missing or invalid Location`, permanent: false, status };
          if (visited.has(next.href)) return { kind: 'failed', reason: `redirect loop (back to ${next.href})`, permanent: false };
          if (redirects >= this.config.maxRedirects)
            return { kind: 'failed', reason: `redirect loop: more than ${this.config.maxRedirects} redirects`, permanent: false };
          current = next;
          continue;
        }
        return this.outcomeOf(current, response);
      }
    } catch (error) {
      return failure(error);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', cancel);
    }
  }

  private headersFor(kind: Kind, request: Omit<FetchRequest, 'kind'>): Record<string, string> {
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      accept: ACCEPT[kind],
      'accept-encoding': 'gzip, deflate',
    };
    // Validators come back from storage; one that Node would refuse to send is dropped, not fatal.
    if (request.etag !== undefined && HEADER_SAFE.test(request.etag)) headers['if-none-match'] = request.etag;
    if (request.lastModified !== undefined && HEADER_SAFE.test(request.lastModified))
      headers['if-modified-since'] = request.lastModified;
    return headers;
  }

  private outcomeOf(url: URL, { status, headers, bytes }: HopResponse): FetchOutcome {
    if (status >= 200 && status < 300) {
      const etag = headerValue(headers.etag);
      const lastModified = headerValue(headers['last-modified']);
      return {
        kind: 'fetched',
        status,
        bytes: bytes ?? new Uint8Array(),
        contentType: headers['content-type'],
        ...(etag !== undefined && { etag }),
        ...(lastModified !== undefined && { lastModified }),
        finalUrl: url.href,
      };
    }
    if (status === 304) return { kind: 'not-modified' };
    const retryAfter = headerValue(headers['retry-after']);
    const now = this.now();
    const until = retryAfterUntilMs(retryAfter, now, this.config.maxRetryAfterMs);
    if (status === 429 || (status === 503 && until !== null)) {
      const untilMs = until ?? now + this.config.defaultRetryAfterMs;
      this.gate.deferHost(url.hostname, untilMs);
      return { kind: 'retry-later', untilMs, reason: `${statusText(status)}; retry after ${new Date(untilMs).toISOString()}` };
    }
    const permanent = status >= 400 && status < 500 && status !== 408 && status !== 425;
    return { kind: 'failed', reason: statusText(status), permanent, status };
  }

  /** One GET. Resolves with the status, headers and (for a 2xx) the capped, decompressed body. */
  private requestOnce(url: URL, kind: Kind, headers: Record<string, string>, signal: AbortSignal): Promise<HopResponse> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const https = url.protocol === 'https:';
    return new Promise<HopResponse>((resolve, reject) => {
      let settled = false;
      const request = (https ? httpsRequest : httpRequest)(url, {
        method: 'GET',
        agent: https ? this.httpsAgent : this.httpAgent,
        lookup: this.guard.lookupFor(webhookPort(url)),
        headers,
      });
      const settle = (error: unknown, value?: HopResponse) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        if (error === undefined) resolve(value!);
        else {
          request.destroy();
          reject(error);
        }
      };
      const onAbort = () => settle(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      // Listeners stay for the socket's life: destroying after settling may still emit errors.
      request.on('error', (error) => settle(error));
      request.on('response', (response) => {
        response.on('error', (error) => settle(error));
        const status = response.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          // Bodies of redirects and errors are not read; an empty one keeps the connection reusable.
          if (status === 304 || status === 204 || response.headers['content-length'] === '0') response.resume();
          else request.destroy();
          settle(undefined, { status, headers: response.headers });
          return;
        }
        const refusal = contentRefusal(kind, response.headers['content-type']);
        if (refusal) return settle(new FetchProblem(refusal, true, status));
        readCapped(response, this.config.maxBytes[kind], kind === 'robots').then(
          ({ bytes, truncated }) => {
            if (truncated) request.destroy();
            settle(undefined, { status, headers: response.headers, bytes });
          },
          (error: unknown) => settle(error),
        );
      });
      request.end();
    });
  }
}

/**
 * Reads a body, undoing gzip or deflate, and stops as soon as either the bytes on the wire or the
 * decompressed bytes pass `maxBytes` (a gzip bomb is "too large", not an out-of-memory). With
 * `truncate` the first `maxBytes` are kept instead.
 */
function readCapped(
  response: IncomingMessage,
  maxBytes: number,
  truncate: boolean,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (!['identity', '', 'gzip', 'x-gzip', 'deflate'].includes(encoding))
    return Promise.reject(new FetchProblem(`unsupported Content-Encoding "${encoding.slice(0, 40)}"`, true, response.statusCode));
  const declared = Number(response.headers['content-length']);
  if (!truncate && encoding === 'identity' && Number.isFinite(declared) && declared > maxBytes)
    return Promise.reject(tooLarge(maxBytes, response.statusCode));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let wire = 0;
    let done = false;
    let inflater: Gunzip | Inflate | InflateRaw | undefined;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      inflater?.destroy();
      if (error === undefined) resolve({ bytes: Buffer.concat(chunks), truncated: false });
      else reject(error);
    };
    const keep = (chunk: Buffer) => {
      if (done) return;
      if (size + chunk.length <= maxBytes) {
        chunks.push(chunk);
        size += chunk.length;
      } else if (truncate) {
        chunks.push(chunk.subarray(0, maxBytes - size));
        done = true;
        inflater?.destroy();
        response.destroy();
        resolve({ bytes: Buffer.concat(chunks), truncated: true });
      } else {
        finish(tooLarge(maxBytes, response.statusCode));
      }
    };
    response.on('data', (chunk: Buffer) => {
      if (done) return;
      wire += chunk.length;
      if (wire > maxBytes && !truncate) return finish(tooLarge(maxBytes, response.statusCode));
      if (encoding === 'identity' || encoding === '') return keep(chunk);
      if (!inflater) {
        inflater = decompressorFor(encoding, chunk);
        inflater.on('data', keep);
        inflater.on('error', () => finish(new FetchProblem(`bad content: corrupt ${encoding} body`, false, response.statusCode)));
        inflater.on('end', () => finish());
      }
      if (!inflater.write(chunk)) {
        response.pause();
        inflater.once('drain', () => response.resume());
      }
    });
    response.on('end', () => {
      if (inflater) inflater.end();
      else finish();
    });
    response.on('close', () => {
      if (!response.complete) finish(new FetchProblem('connection closed before the body ended', false));
    });
  });
}

/** `deflate` is meant to be zlib-wrapped, but some servers send raw deflate; the first bytes tell. */
function decompressorFor(encoding: string, first: Buffer): Gunzip | Inflate | InflateRaw {
  if (encoding !== 'deflate') return createGunzip();
  const zlibWrapped =
    first.length >= 2 ? (first[0]! & 0x0f) === 8 && ((first[0]! << 8) | first[1]!) % 31 === 0 : (first[0]! & 0x0f) === 8;
  return zlibWrapped ? createInflate() : createInflateRaw();
}

function tooLarge(maxBytes: number, status?: number): FetchProblem {
  return new FetchProblem(`too large: more than ${maxBytes} bytes`, true, status);
}

function contentRefusal(kind: Kind, contentType: string | undefined): string | null {
  if (!contentType) return null;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const shown = type.slice(0, 80);
  if (kind === 'page' && type !== 'text/html' && type !== 'application/xhtml+xml')
    return `bad content: not an HTML page (${shown})`;
  if (kind === 'feed' && /^(image|audio|video|font)\//.test(type)) return `bad content: not a feed (${shown})`;
  return null;
}

function redirectTarget(from: URL, location: string | undefined): URL | null {
  if (!location) return null;
  try {
    const next = new URL(location, from);
    next.hash = '';
    return next;
  } catch {
    return null;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  return single !== undefined && HEADER_SAFE.test(single) ? single : undefined;
}

function statusText(status: number): string {
  const name = STATUS_CODES[status];
  return name ? `HTTP ${status} (${name})` : `HTTP ${status}`;
}

/** Rejects with the signal's reason as soon as it aborts, without cancelling the shared work behind the promise. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed (temporary)',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** The outcome for an error raised by the network, the server or a deadline; anything else is a bug and is rethrown. */
function failure(error: unknown): FetchOutcome {
  if (error instanceof FetchProblem)
    return {
      kind: 'failed',
      reason: error.message,
      permanent: error.permanent,
      ...(error.status !== undefined && { status: error.status }),
    };
  if (error instanceof TargetRefusedError) return { kind: 'failed', reason: error.message, permanent: true };
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') throw error;
  if (code.startsWith('HPE_')) return { kind: 'failed', reason: 'malformed HTTP response', permanent: false };
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code))
    return { kind: 'failed', reason: `TLS problem (${code})`, permanent: false };
  return { kind: 'failed', reason: NETWORK_REASONS[code] ?? `network error (${code})`, permanent: false };
}
