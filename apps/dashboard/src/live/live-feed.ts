import { followStream, StreamState } from '../api/stream';
import type { AlertView, Hit } from '../api/types';

const KEEP = 100;

export interface FeedSnapshot<T> {
  items: Array<{ id: string; data: T }>;
  state: StreamState;
}

/**
 * One live stream kept open while the dashboard is signed in, so alerts raised while the journalist
 * reads an article are there when they come back to Live. The last position seen is kept in
 * sessionStorage: a reload resumes after it (Last-Event-ID) instead of starting at the present.
 */
export class LiveFeed<T> {
  private snapshot: FeedSnapshot<T> = { items: [], state: { status: 'stopped' } };
  private readonly listeners = new Set<(snapshot: FeedSnapshot<T>) => void>();
  private close: (() => void) | null = null;

  constructor(
    private readonly path: string,
    private readonly event: string,
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
    if (event.persisted) this.connect();
  };

  start(): void {
    addEventListener('pagehide', this.suspend);
    addEventListener('pageshow', this.resume);
    this.connect();
  }

  private connect(): void {
    if (this.close) return;
    this.close = followStream<T>({
      path: this.path,
      event: this.event,
      lastEventId: sessionStorage.getItem(this.storageKey) ?? undefined,
      onEvent: (data, id) => {
        if (id) sessionStorage.setItem(this.storageKey, id);
        if (this.snapshot.items.some((item) => item.id === id)) return;
        this.update({ items: [{ id, data }, ...this.snapshot.items].slice(0, KEEP) });
      },
      onState: (state) => this.update({ state }),
    });
  }

  stop(): void {
    removeEventListener('pagehide', this.suspend);
    removeEventListener('pageshow', this.resume);
    this.suspend();
    sessionStorage.removeItem(this.storageKey);
    this.update({ items: [] });
  }

  get current(): FeedSnapshot<T> {
    return this.snapshot;
  }

  subscribe(listener: (snapshot: FeedSnapshot<T>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(change: Partial<FeedSnapshot<T>>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener(this.snapshot);
  }
}

export const liveAlerts = new LiveFeed<AlertView>('/v1/alerts/stream', 'alert');
export const liveStatements = new LiveFeed<Hit>('/v1/statements/stream', 'statement');
