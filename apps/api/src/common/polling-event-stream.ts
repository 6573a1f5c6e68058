import { MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';

/** Quiet time after which a stream sends a `heartbeat` event, so proxies and clients keep the connection. */
export const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events read by polling Postgres from a stream position, as the alert stream does:
 * starts at `from` (or at `present()` for a new client), sends each item with its position as the
 * event id, polls again at once after a full page and after `pollMs` otherwise, and sends a
 * `heartbeat` after {@link HEARTBEAT_MS} of quiet whose id is the position reached, so a client
 * resuming after it misses nothing and gets nothing twice.
 */
export function pollingEventStream<T>(options: {
  from: string | undefined;
  present: () => Promise<string>;
  next: (after: string, limit: number) => Promise<T[]>;
  position: (item: T) => string;
  event: (item: T) => MessageEvent;
  pageSize: number;
  pollMs: number;
}): Observable<MessageEvent> {
  return new Observable<MessageEvent>((subscriber) => {
    let cursor = options.from;
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    let lastSent = Date.now();
    const poll = async (): Promise<void> => {
      cursor ??= await options.present();
      const page = await options.next(cursor, options.pageSize);
      for (const item of page) subscriber.next({ ...options.event(item), id: options.position(item) });
      if (page.length > 0) {
        cursor = options.position(page[page.length - 1]!);
        lastSent = Date.now();
      } else if (Date.now() - lastSent >= HEARTBEAT_MS) {
        // With the position already reached as its id: Nest numbers an event without one 1, 2, …,
        // which a browser would keep as its Last-Event-ID and resume from.
        subscriber.next({ type: 'heartbeat', data: '', id: cursor });
        lastSent = Date.now();
      }
      if (!closed) timer = setTimeout(run, page.length === options.pageSize ? 0 : options.pollMs);
    };
    const run = (): void => {
      poll().catch((error: unknown) => subscriber.error(error));
    };
    run();
    return () => {
      closed = true;
      clearTimeout(timer);
    };
  });
}
