/** Messages for one topic, with each message's size as the limit counts it. */
export interface TopicChunk<M extends { size: number }> {
  topic: string;
  messages: M[];
}

interface Waiting<M extends { size: number }> {
  chunk: TopicChunk<M>;
  bytes: number;
  settle: (error?: unknown) => void;
}

/**
 * Group commit for a producer that keeps one request in flight (so that order holds on retry).
 * A chunk offered while the producer is idle goes out at once, alone; chunks offered while a
 * request is in flight wait, and go out together in the next request, in the order offered, up
 * to `maxRequestBytes` per request. Under load each request carries many callers' messages, so a
 * service that publishes one article per HTTP request makes a few produce requests a second
 * instead of one per article queued behind the last; when idle it adds no delay (no linger).
 * Each caller learns its own chunk's outcome: a failed request fails every chunk it carried and
 * every chunk still waiting.
 */
export class ProduceCoalescer<M extends { size: number }> {
  private readonly waiting: Waiting<M>[] = [];
  private sending = false;

  constructor(
    private readonly sendRequest: (chunks: TopicChunk<M>[]) => Promise<void>,
    private readonly maxRequestBytes: number,
  ) {}

  /** Resolves once the request carrying `chunk` has been acknowledged. */
  send(chunk: TopicChunk<M>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const bytes = chunk.messages.reduce((sum, message) => sum + message.size, 0);
      this.waiting.push({ chunk, bytes, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.waiting.length > 0) {
        const request = this.takeRequest();
        try {
          await this.sendRequest(request.map((waiting) => waiting.chunk));
          for (const waiting of request) waiting.settle();
        } catch (error) {
          // Nothing queued behind a failed request goes out: a caller's later chunks must not
          // overtake its earlier ones, so every waiting caller fails too, and may retry in order.
          for (const waiting of [...request, ...this.waiting.splice(0)])
            waiting.settle(error ?? new Error('produce request failed'));
        }
      }
    } finally {
      this.sending = false;
    }
  }

  /** The oldest waiting chunks that fit in one request together (at least one). */
  private takeRequest(): Waiting<M>[] {
    let bytes = this.waiting[0]!.bytes;
    let count = 1;
    while (count < this.waiting.length && bytes + this.waiting[count]!.bytes <= this.maxRequestBytes) {
      bytes += this.waiting[count]!.bytes;
      count += 1;
    }
    return this.waiting.splice(0, count);
  }
}
