import { actorStatements } from '../api/chronicle';
import { describeError } from '../api/errors';
import type { StatementView } from '../api/types';
import { StatementCard } from '../components/statement-card';
import { Empty, ErrorText, Loading } from '../components/status';
import { Page, usePages } from '../components/use-pages';

const PAGE = 20;

/** The next page's cursor (servers with cursors), or its offset (older servers). */
type Next = { cursor: string } | { offset: number };

async function load(actorId: string, after: Next | null, signal?: AbortSignal): Promise<Page<StatementView, Next>> {
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
  return { items: page.statements, next };
}

/** The actor's statements, newest first, a page at a time. */
export function Timeline({ actorId }: { actorId: string }) {
  const {
    items: statements,
    next,
    loading,
    failure,
    more,
  } = usePages((after: Next | null, signal?: AbortSignal) => load(actorId, after, signal), [actorId]);

  return (
    <div class="timeline">
      {statements.length === 0 && !loading && failure === undefined ? <Empty>No statements by this actor yet.</Empty> : null}
      <ol class="plain">
        {statements.map((statement) => (
          <li key={statement.id}>
            <StatementCard statement={statement} />
          </li>
        ))}
      </ol>
      {loading ? <Loading what="statements" /> : null}
      {failure !== undefined ? <ErrorText>{describeError(failure)}</ErrorText> : null}
      {next && !loading ? (
        <button type="button" class="secondary" onClick={() => more(next)}>
          More statements
        </button>
      ) : null}
    </div>
  );
}
