import { expect } from 'vitest';

/** One server-sent event as it arrived. */
export interface ServerSentEvent {
  id?: string;
  event?: string;
  data: string;
}

/** Reads a `text/event-stream` response into {@link events} as the events arrive, until closed. */
export class SseClient {
  readonly events: ServerSentEvent[] = [];
  private buffer = '';

  private constructor(
    private readonly response: Response,
    private readonly controller: AbortController,
  ) {
    void this.pump();
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const controller = new AbortController();
    const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    return new SseClient(response, controller);
  }

  /** The events of one type, with their ids and parsed data. */
  of<T>(type: string): Array<{ id: string | undefined; data: T }> {
    return this.events
      .filter((e) => e.event === type)
      .map((e) => ({ id: e.id, data: (e.data ? JSON.parse(e.data) : null) as T }));
  }

  close(): void {
    this.controller.abort();
  }

  private async pump(): Promise<void> {
    const reader = this.response.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        this.buffer += decoder.decode(value, { stream: true });
        for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
          const block = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          const event: ServerSentEvent = { data: '' };
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
            else if (field === 'data') event.data = event.data ? `${event.data}\n${value}` : value;
          }
          this.events.push(event);
        }
      }
    } catch {
      // aborted by close()
    }
  }
}
