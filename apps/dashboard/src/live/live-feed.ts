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

  start(): void {
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
    this.close?.();
    this.close = null;
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
