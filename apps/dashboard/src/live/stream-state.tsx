import type { StreamState } from '../api/stream';

const LABEL = { connecting: 'Connecting…', live: 'Live', retrying: 'Reconnecting', stopped: 'Not connected' } as const;

/** The connection state of one stream, announced politely when it changes. */
export function StreamStateBadge({ state, name }: { state: StreamState; name: string }) {
  return (
    <p class={`stream-state state-${state.status}`} role="status" aria-live="polite" data-stream={name} data-state={state.status}>
      <span class="dot" aria-hidden="true" /> {LABEL[state.status]}
      {state.message ? <span class="state-message"> — {state.message}</span> : null}
    </p>
  );
}
