import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, finalize } from 'rxjs';
import { LiveStreamSlots, TooManyLiveStreamsException } from './live-stream-slots';
import { rateLimitTracker } from './rate-limit-tracker';

/**
 * Holds a {@link LiveStreamSlots} slot for as long as the route's stream is subscribed: put it on
 * an `@Sse()` route with `@UseInterceptors(LiveStreamSlotsInterceptor)`. The slot is taken when
 * Nest subscribes (before any header is sent, so a full cap is a plain 429 with `Retry-After`) and
 * released when the stream completes, fails or the client disconnects.
 */
@Injectable()
export class LiveStreamSlotsInterceptor implements NestInterceptor {
  constructor(@Inject(LiveStreamSlots) private readonly slots: LiveStreamSlots) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    let release: () => void;
    try {
      release = this.slots.acquire(rateLimitTracker(http.getRequest()));
    } catch (error) {
      if (error instanceof TooManyLiveStreamsException) {
        http
          .getResponse<{ setHeader(name: string, value: string): void }>()
          .setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
    return next.handle().pipe(finalize(release));
  }
}
