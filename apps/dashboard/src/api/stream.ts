import { EventStreamContentType, fetchEventSource } from '@microsoft/fetch-event-source';
import { errorFromResponse, MESSAGES } from './errors';
import { currentKey, signOut } from './session';

export type StreamStatus = 'connecting' | 'live' | 'retrying' | 'stopped';

export interface StreamState {
  status: StreamStatus;
  /** Plain words for anything but `live`. */
  message?: string;
}

export interface StreamOptions<T> {
  path: string;
  /** The SSE event type that carries data (`alert`, `statement`); heartbeats and others are ignored. */
  event: string;
  /** Resume after this position: sent as `Last-Event-ID`, also on every reconnect after the last event seen. */
  lastEventId?: string;
  onEvent: (data: T, id: string) => void;
  onState: (state: StreamState) => void;
}

class Retry extends Error {}
class Stop extends Error {}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 10_000;

/**
 * Follows a Chronicle server-sent-event stream with the session's key (EventSource cannot send an
 * `Authorization` header). It reconnects after any drop with a growing pause, sending the id of the
 * last event received as `Last-Event-ID`, so nothing raised meanwhile is missed. A refused key or a
 * route the server lacks stops it with a message. Returns the function that closes it.
 */
export function followStream<T>(options: StreamOptions<T>): () => void {
  const controller = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${currentKey() ?? ''}` };
  if (options.lastEventId) headers['last-event-id'] = options.lastEventId;
  let retryMs = FIRST_RETRY_MS;
  options.onState({ status: 'connecting' });
  fetchEventSource(options.path, {
    headers,
    signal: controller.signal,
    openWhenHidden: true,
    async onopen(response) {
      if (response.ok && response.headers.get('content-type')?.startsWith(EventStreamContentType)) {
        retryMs = FIRST_RETRY_MS;
        options.onState({ status: 'live' });
        return;
      }
      const body = (await response.json().catch(() => ({}))) as object;
      const error = errorFromResponse(response.status, body);
      if (response.status === 401) signOut(MESSAGES.badKey);
      if ([401, 403, 404].includes(response.status)) throw new Stop(error.message);
      throw new Retry(error.message);
    },
    onmessage(message) {
      if (message.event !== options.event) return;
      options.onEvent(JSON.parse(message.data) as T, message.id);
    },
    onclose() {
      // The server ended the stream (a restart, a proxy timeout): reconnect and resume.
      throw new Retry(MESSAGES.reconnecting);
    },
    onerror(error: unknown) {
      if (error instanceof Stop) throw error;
      options.onState({
        status: 'retrying',
        message:
          error instanceof Retry && error.message !== MESSAGES.reconnecting
            ? `${error.message} Retrying…`
            : MESSAGES.reconnecting,
      });
      const wait = retryMs;
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      return wait;
    },
  }).catch((error: unknown) => {
    if (controller.signal.aborted) return;
    options.onState({ status: 'stopped', message: error instanceof Error ? error.message : MESSAGES.serverError });
  });
  return () => {
    controller.abort();
    options.onState({ status: 'stopped' });
  };
}
