import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/errors';
import type { Async } from './use-async';

export function Loading({ what }: { what: string }) {
  return (
    <p class="status" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="status empty">{children}</p>;
}

export function ErrorText({ children }: { children: ComponentChildren }) {
  return (
    <p class="status error" role="alert">
      {children}
    </p>
  );
}

/** Loading, error or the content of one async value. */
export function Await<T>({ value, what, children }: { value: Async<T>; what: string; children: (data: T) => ComponentChildren }) {
  if (value.status === 'loading') return <Loading what={what} />;
  // A route this server lacks is a fact about the server, not a failure: said plainly, not in red.
  if (value.status === 'failed' && value.error instanceof ApiError && value.error.notAvailable)
    return <p class="status">{value.message}</p>;
  if (value.status === 'failed') return <ErrorText>{value.message}</ErrorText>;
  return <>{children(value.data)}</>;
}
