import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api/errors';

export type Async<T> =
  { status: 'loading' } | { status: 'failed'; error: unknown; message: string } | { status: 'ready'; data: T };

/** Runs `load` whenever `deps` change, aborting the previous run, and tells what came of it. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<Async<T>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (data) => controller.signal.aborted || setState({ status: 'ready', data }),
      (error: unknown) => controller.signal.aborted || setState({ status: 'failed', error, message: describeError(error) }),
    );
    return () => controller.abort();
  }, deps);
  return state;
}
