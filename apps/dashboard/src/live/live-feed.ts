import { listAlerts, searchStatements } from '../api/chronicle';
import { followStream, StreamState } from '../api/stream';
import type { AlertView, Hit } from '../api/types';

const KEEP = 100;

export interface FeedItem<T> {
  id: string;
  data: T;
}

export interface FeedSnapshot<T> {
  items: Array<FeedItem<T>>;
  /** How many items arrived over the stream since the page loaded (the rest were the recent ones it started with). */
  arrived: number;
  state: StreamState;
}

/** The most recent items, newest first, and the stream position to follow on from (when the items carry one). */
type Recent<T> = () => Promise<{ items: Array<FeedItem<T>>; position?: string }>;

/** What identifies an item, so one listed at the start and streamed again shows once (by default its stream position). */
type KeyOf<T> = (data: T, position: string) => string;

/**
 * One live stream kept open while the dashboard is signed in, so alerts raised while the journalist
 * reads an article are there when they come back to Live. It starts with the most recent items, then
 * follows the stream from the newest of them; the last position seen is kept in sessionStorage, so a
 * reload resumes after it (Last-Event-ID) instead of starting at the present.
 */
export class LiveFeed<T> {
  private snapshot: FeedSnapshot<T> = { items: [], arrived: 0, state: { status: 'stopped' } };
  private readonly listeners = new Set<(snapshot: FeedSnapshot<T>) => void>();
  private close: (() => void) | null = null;
  private started = false;

  constructor(
    private readonly path: string,
    private readonly event: string,
    private readonly recent: Recent<T>,
    private readonly keyOf: KeyOf<T> = (_data, position) => position,
  ) {}

  private get storageKey(): string {
    return `chronicle.lastEventId:${this.path}`;
  }

  /**
   * Leaving the page (or the browser keeping it in its back/forward cache) closes the connection at
   * once, so the server's per-key stream slots are not held by pages nobody sees; coming back resumes.
   */
  private readonly suspend = (): void => {
    this.close?.();
    this.close = null;
  };
  private readonly resume = (event: PageTransitionEvent): void => {
    if (event.persisted && this.started) this.connect();
  };

  start(): void {
    if (this.started) return;
    this.started = true;
    addEventListener('pagehide', this.suspend);
    addEventListener('pageshow', this.resume);
    this.update({ state: { status: 'connecting' } });
    this.recent()
      .then(({ items, position }) => {
        if (!this.started) return;
        this.update({ items: items.slice(0, KEEP) });
        // A position this tab's stream reached wins (a reload resumes exactly there); else follow on from the items.
        if (!sessionStorage.getItem(this.storageKey) && position) sessionStorage.setItem(this.storageKey, position);
      })
      // Without the recent items (an older server, a key without the scope) the stream still says why.
      .catch(() => undefined)
      .finally(() => this.started && this.connect());
  }

  stop(): void {
    this.started = false;
    removeEventListener('pagehide', this.suspend);
    removeEventListener('pageshow', this.resume);
    this.suspend();
    sessionStorage.removeItem(this.storageKey);
    this.update({ items: [], arrived: 0, state: { status: 'stopped' } });
  }

  get current(): FeedSnapshot<T> {
    return this.snapshot;
  }

  subscribe(listener: (snapshot: FeedSnapshot<T>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private connect(): void {
    if (this.close) return;
    this.close = followStream<T>({
      path: this.path,
      event: this.event,
      lastEventId: sessionStorage.getItem(this.storageKey) ?? undefined,
      onEvent: (data, position) => {
        if (position) sessionStorage.setItem(this.storageKey, position);
        const id = this.keyOf(data, position);
        if (this.snapshot.items.some((item) => item.id === id)) return;
        this.update({ items: [{ id, data }, ...this.snapshot.items].slice(0, KEEP), arrived: this.snapshot.arrived + 1 });
      },
      onState: (state) => this.update({ state }),
    });
  }

  private update(change: Partial<FeedSnapshot<T>>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener(this.snapshot);
  }
}

// The stream follows on from the newest listed alert's seq; an alert is one item whether listed or streamed.
export const liveAlerts = new LiveFeed<AlertView>(
  '/v1/alerts/stream',
  'alert',
  async () => {
    const { alerts } = await listAlerts({ limit: 20 });
    return { items: alerts.map((alert) => ({ id: alert.id, data: alert })), position: alerts[0]?.seq };
  },
  (alert) => alert.id,
);

// Search hits carry no stream position, so the statement stream follows on from the present.
export const liveStatements = new LiveFeed<Hit>('/v1/statements/stream', 'statement', async () => {
  const { statements } = await searchStatements({ order: 'newest', limit: 10 });
  return { items: statements.map((hit) => ({ id: `recent-${hit.id}`, data: hit })) };
});
