import { useEffect, useState } from 'preact/hooks';
import { actorStatements } from '../api/chronicle';
import { describeError } from '../api/errors';
import type { StatementView } from '../api/types';
import { StatementCard } from '../components/statement-card';
import { Empty, ErrorText, Loading } from '../components/status';

const PAGE = 20;

interface Page {
  statements: StatementView[];
  /** The next page's cursor (servers with cursors), or its offset (older servers). */
  next: { cursor: string } | { offset: number } | null;
}

async function load(actorId: string, after: Page['next'], signal?: AbortSignal): Promise<Page> {
  const query = after && 'cursor' in after ? { cursor: after.cursor, limit: PAGE } : { offset: after?.offset ?? 0, limit: PAGE };
  const page = await actorStatements(actorId, query, signal);
  const offset = (after && 'offset' in after ? after.offset : 0) + page.statements.length;
  const next =
    page.nextCursor !== undefined
      ? page.nextCursor
        ? { cursor: page.nextCursor }
        : null
      : page.statements.length === PAGE
        ? { offset }
        : null;
  return { statements: page.statements, next };
}

/** The actor's statements, newest first, a page at a time. */
export function Timeline({ actorId }: { actorId: string }) {
  const [statements, setStatements] = useState<StatementView[]>([]);
  const [next, setNext] = useState<Page['next']>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>();

  const more = async (after: Page['next'], signal?: AbortSignal, reset = false) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await load(actorId, after, signal);
      if (signal?.aborted) return;
      setStatements((shown) => (reset ? page.statements : [...shown, ...page.statements]));
      setNext(page.next);
    } catch (failure) {
      if (!signal?.aborted) setError(describeError(failure));
    } finally {
      if (!signal?.aborted) setLoading(false);
    }
  };

  useEffect(() => {
    const controller = new AbortController();
    void more(null, controller.signal, true);
    return () => controller.abort();
  }, [actorId]);

  return (
    <div class="timeline">
      {statements.length === 0 && !loading && !error ? <Empty>No statements by this actor yet.</Empty> : null}
      <ol class="plain">
        {statements.map((statement) => (
          <li key={statement.id}>
            <StatementCard statement={statement} />
          </li>
        ))}
      </ol>
      {loading ? <Loading what="statements" /> : null}
      {error ? <ErrorText>{error}</ErrorText> : null}
      {next && !loading ? (
        <button type="button" class="secondary" onClick={() => void more(next)}>
          More statements
        </button>
      ) : null}
    </div>
  );
}
