import { actorOutlets, actorStances, relatedActors } from '../api/chronicle';
import { ApiError, describeError } from '../api/errors';
import type { ActorSummary } from '../api/types';
import { actorPath, articlePath, formatDate, plural } from '../components/format';
import { SentimentBadge } from '../components/statement-card';
import { Await, Empty, ErrorText, Loading } from '../components/status';
import { usePages } from '../components/use-pages';
import { useAsync } from '../components/use-async';
import { actorWindow, clampSpan } from './window';

/** Who appears in the same articles, over the actor's whole window. */
export function RelatedPanel({ actor }: { actor: ActorSummary }) {
  // The route takes at most 366 days: the latest year of a long-covered actor.
  const window = clampSpan(actorWindow(actor, 'day'), 366);
  const related = useAsync(
    (signal) => relatedActors(actor.id, { ...window, limit: 10 }, signal),
    [actor.id, window.from, window.to],
  );
  return (
    <section class="card" aria-labelledby="related-heading">
      <h2 id="related-heading">Often in the same articles</h2>
      <Await value={related} what="related actors">
        {(data) =>
          data.related.length === 0 ? (
            <p>Nobody else appears in their articles.</p>
          ) : (
            <ul class="plain related">
              {data.related.map((row) => (
                <li key={row.actor.id}>
                  <a href={actorPath(row.actor.id)}>{row.actor.name}</a>{' '}
                  <span class="muted">
                    {row.actor.role ?? row.actor.kind} · {plural(row.articles, 'article')} together
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </section>
  );
}

/** The outlets that wrote about the actor. */
export function ActorOutletsPanel({ actor }: { actor: ActorSummary }) {
  const outlets = useAsync((signal) => actorOutlets(actor.id, { limit: 10 }, signal), [actor.id]);
  return (
    <section class="card" aria-labelledby="outlets-heading">
      <h2 id="outlets-heading">Outlets covering them</h2>
      <Await value={outlets} what="outlets">
        {(data) =>
          data.outlets.length === 0 ? (
            <p>No outlet has covered them yet.</p>
          ) : (
            <ul class="plain outlets">
              {data.outlets.map((row) => (
                <li key={row.outlet}>
                  <a href={`/search?outlet=${encodeURIComponent(row.outlet)}&actor=${encodeURIComponent(actor.id)}`}>
                    {row.outlet}
                  </a>
                  <span class="muted"> · {plural(row.articles, 'article')}</span>
                </li>
              ))}
            </ul>
          )
        }
      </Await>
    </section>
  );
}

const STANCES_PAGE = 10;

/**
 * What the actor is reported to criticise, praise, call or refuse in no words of their own (stances), newest article
 * first, a page at a time.
 */
export function StancesPanel({ actor }: { actor: ActorSummary }) {
  const {
    items: stances,
    next,
    loading,
    failure,
    more,
  } = usePages(
    async (cursor: string | null, signal?: AbortSignal) => {
      const page = await actorStances(actor.id, { limit: STANCES_PAGE, ...(cursor ? { cursor } : {}) }, signal);
      return { items: page.stances, next: page.nextCursor };
    },
    [actor.id],
  );

  return (
    <section class="card" aria-labelledby="stances-heading">
      <h2 id="stances-heading">Stances</h2>
      {stances.length > 0 ? (
        <p class="muted">What they are reported to criticise, praise, call or refuse, in no words of their own.</p>
      ) : null}
      {stances.length === 0 && !loading && failure === undefined ? <Empty>No stances of theirs reported yet.</Empty> : null}
      <ul class="plain actor-stances" aria-labelledby="stances-heading">
        {stances.map((stance) => (
          <li key={`${stance.articleId}-${stance.start}-${stance.end}`}>
            <span class="stance-cue">{stance.cue}</span> <q>{stance.text}</q> <SentimentBadge sentiment={stance.sentiment} />
            <span class="stance-source">
              <a href={articlePath(stance.articleId)}>{stance.articleTitle}</a>
              <span class="muted">
                {stance.outlet ? ` · ${stance.outlet}` : ''} · {formatDate(stance.saidAt)}
              </span>
            </span>
          </li>
        ))}
      </ul>
      {loading ? <Loading what="stances" /> : null}
      {/* A route an older server lacks is said plainly, as the other panels do. */}
      {failure instanceof ApiError && failure.notAvailable ? <p class="status">{failure.message}</p> : null}
      {failure !== undefined && !(failure instanceof ApiError && failure.notAvailable) ? (
        <ErrorText>{describeError(failure)}</ErrorText>
      ) : null}
      {next && !loading ? (
        <button type="button" class="secondary" onClick={() => more(next)}>
          More stances
        </button>
      ) : null}
    </section>
  );
}
