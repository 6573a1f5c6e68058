import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';

/** A stream cap gives no time at which a slot frees up; this is how long a client is told to wait. */
export const LIVE_STREAM_RETRY_AFTER_SECONDS = 5;

/** 429 for a live stream over its cap; `retryAfterSeconds` belongs in the `Retry-After` header. */
export class TooManyLiveStreamsException extends HttpException {
  readonly retryAfterSeconds = LIVE_STREAM_RETRY_AFTER_SECONDS;

  constructor(readonly cap: 'key' | 'process') {
    super(
      cap === 'key' ? 'Too many live streams open for this key' : 'Too many live streams open on this server',
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Counts the live streams (SSE) open in this process, per holder and in all, against
 * `SSE_STREAMS_PER_KEY` and `SSE_STREAMS_PER_PROCESS`. Per process by design: a stream holds
 * this process's connection and polling, and the count must drop when the process dies.
 */
@Injectable()
export class LiveStreamSlots {
  private readonly held = new Map<string, number>();
  private total = 0;
  private readonly caps: { perKey: number; perProcess: number };

  constructor(@Inject(CHRONICLE_CONFIG) config: ChronicleConfig) {
    this.caps = config.auth.streams;
  }

  /**
   * Takes a slot for one stream of `holder` (see `rateLimitTracker`).
   * @returns the release function: call it when the stream ends; later calls do nothing
   * @throws TooManyLiveStreamsException when the holder or the process is at its cap
   */
  acquire(holder: string): () => void {
    const heldByHolder = this.held.get(holder) ?? 0;
    if (heldByHolder >= this.caps.perKey) throw new TooManyLiveStreamsException('key');
    if (this.total >= this.caps.perProcess) throw new TooManyLiveStreamsException('process');
    this.held.set(holder, heldByHolder + 1);
    this.total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = (this.held.get(holder) ?? 1) - 1;
      if (left > 0) this.held.set(holder, left);
      else this.held.delete(holder);
    };
  }

  /** Streams open now, for `holder` or in all. */
  open(holder?: string): number {
    return holder === undefined ? this.total : (this.held.get(holder) ?? 0);
  }
}
