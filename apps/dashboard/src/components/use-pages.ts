import { useEffect, useState } from 'preact/hooks';

/** One page of a list and where the next starts (null on the last page). */
export interface Page<T, Next> {
  items: T[];
  next: Next | null;
}

/** A list read a page at a time: what is shown so far, whether a page is loading, and what failed. */
export interface Pages<T, Next> {
  items: T[];
  next: Next | null;
  loading: boolean;
  failure: unknown;
  /** Reads the page after `next` and appends it. */
  more: (next: Next) => void;
}

/**
 * Reads the first page whenever `deps` change (aborting a read in flight), and further pages on `more`, appending
 * them: the actor page's statement timeline and stances panel.
 */
export function usePages<T, Next>(
  load: (after: Next | null, signal?: AbortSignal) => Promise<Page<T, Next>>,
  deps: unknown[],
): Pages<T, Next> {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<Next | null>(null);
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<unknown>();

  const read = async (after: Next | null, signal?: AbortSignal) => {
    setLoading(true);
    setFailure(undefined);
    try {
      const page = await load(after, signal);
      if (signal?.aborted) return;
      setItems((shown) => (after === null ? page.items : [...shown, ...page.items]));
      setNext(page.next);
    } catch (error) {
      if (!signal?.aborted) setFailure(error);
    } finally {
      if (!signal?.aborted) setLoading(false);
    }
  };

  useEffect(() => {
    const controller = new AbortController();
    setItems([]);
    setNext(null);
    void read(null, controller.signal);
    return () => controller.abort();
  }, deps);

  return { items, next, loading, failure, more: (after) => void read(after) };
}
