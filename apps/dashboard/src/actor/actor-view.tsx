import { useLocation, useRoute } from 'preact-iso';
import { actorSentiment, actorStatements } from '../api/chronicle';
import type { ActorSummary, Granularity } from '../api/types';
import { formatDate, plural } from '../components/format';
import { Await } from '../components/status';
import { useAsync } from '../components/use-async';
import { ActorOutletsPanel, RelatedPanel, StancesPanel } from './actor-panels';
import { SentimentChart } from './sentiment-chart';
import { Timeline } from './timeline';
import { actorWindow, defaultGranularity } from './window';

const PRONOUNS = new Set(['he', 'him', 'his', 'she', 'her', 'hers', 'they', 'them', 'their', 'it', 'its', 'i', 'we', 'us']);

/**
 * Other spellings of the name. The read model also lists the pronouns coreference resolved to the
 * actor ("he"); those are not ways of writing the name, so they are left out here.
 */
const spellings = (actor: ActorSummary): string[] => {
  const seenNames = new Set([actor.name.toLowerCase()]);
  return actor.aliases.filter((alias) => {
    const key = alias.toLowerCase();
    if (PRONOUNS.has(key) || seenNames.has(key)) return false;
    seenNames.add(key);
    return true;
  });
};

const seen = (actor: ActorSummary): string => {
  const [first, last] = [formatDate(actor.firstSeen), formatDate(actor.lastSeen)];
  return first === last ? `seen ${first}` : `seen ${first} – ${last}`;
};

function Chart({ actor, granularity }: { actor: ActorSummary; granularity: Granularity }) {
  const window = actorWindow(actor, granularity);
  const series = useAsync(
    (signal) => actorSentiment(actor.id, { granularity, ...window }, signal),
    [actor.id, granularity, window.from, window.to],
  );
  return (
    <Await value={series} what="the sentiment chart">
      {(data) =>
        data.buckets.length === 0 ? (
          <p>No mentions in this window.</p>
        ) : (
          <SentimentChart buckets={data.buckets} granularity={granularity} window={window} />
        )
      }
    </Await>
  );
}

function ActorPage({ actor }: { actor: ActorSummary }) {
  const { path, query, route } = useLocation();
  const granularity: Granularity =
    query.granularity === 'hour' || query.granularity === 'day' ? query.granularity : defaultGranularity(actor);
  return (
    <>
      <header class="view-head">
        <h1 tabIndex={-1}>{actor.name}</h1>
        <p class="meta">
          {actor.role ?? actor.kind} · {plural(actor.mentionCount, 'mention')} in {plural(actor.articleCount, 'article')} ·{' '}
          {plural(actor.statementCount, 'statement')} · {seen(actor)}
        </p>
        {spellings(actor).length > 0 ? <p class="muted">Also written: {spellings(actor).join(', ')}</p> : null}
      </header>
      <section class="card" aria-labelledby="sentiment-heading">
        <div class="row">
          <h2 id="sentiment-heading">Sentiment and mentions</h2>
          <fieldset class="toggle">
            <legend class="visually-hidden">Bucket size</legend>
            {(['hour', 'day'] as const).map((g) => (
              <label key={g}>
                <input
                  type="radio"
                  name="granularity"
                  value={g}
                  checked={granularity === g}
                  onChange={() => route(`${path}?granularity=${g}`, true)}
                />{' '}
                per {g}
              </label>
            ))}
          </fieldset>
        </div>
        <Chart actor={actor} granularity={granularity} />
      </section>
      <div class="two-col">
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Statements</h2>
          <Timeline actorId={actor.id} />
        </section>
        <div>
          <StancesPanel actor={actor} />
          <RelatedPanel actor={actor} />
          <ActorOutletsPanel actor={actor} />
        </div>
      </div>
    </>
  );
}

export function ActorView() {
  const { params } = useRoute();
  const id = params.id ?? '';
  // The statements route answers with the actor's summary too, on every Chronicle version.
  const head = useAsync((signal) => actorStatements(id, { limit: 1 }, signal), [id]);
  return (
    <section class="view">
      <Await value={head} what="the actor">
        {(data) => <ActorPage actor={data.actor} />}
      </Await>
    </section>
  );
}
