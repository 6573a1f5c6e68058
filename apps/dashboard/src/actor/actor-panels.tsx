import { actorOutlets, relatedActors } from '../api/chronicle';
import type { ActorSummary } from '../api/types';
import { actorPath, plural } from '../components/format';
import { Await } from '../components/status';
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
