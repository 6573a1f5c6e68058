import { listOutlets, trends } from '../api/chronicle';
import type { TrendRow } from '../api/types';
import { actorPath, formatDate, formatScore } from '../components/format';
import { Await } from '../components/status';
import { useAsync } from '../components/use-async';

const DAY = 86_400_000;

/**
 * The week up to the newest article Chronicle holds, against the week before. Articles carry their
 * own dates (the samples are from May 2026), so "the last seven days from now" could well be empty.
 */
async function latestWeek(signal: AbortSignal) {
  const { outlets } = await listOutlets(signal);
  const newest = Math.max(...outlets.map((o) => (o.lastSeen ? Date.parse(o.lastSeen) : 0)), 0);
  if (newest === 0) return null;
  const to = Math.floor(newest / DAY) * DAY + DAY;
  return trends({ from: new Date(to - 7 * DAY).toISOString(), to: new Date(to).toISOString(), granularity: 'day' }, signal);
}

const change = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');

function Row({ row }: { row: TrendRow }) {
  return (
    <li>
      <a href={actorPath(row.actor.id)}>{row.actor.name}</a>{' '}
      <span class="muted">
        {row.mentions} mentions ({change(row.mentionChange ?? row.mentions - row.previousMentions)}) · mean sentiment{' '}
        {formatScore(row.meanScore)}
      </span>
    </li>
  );
}

/** "Who is rising": the actors whose mentions changed most in the latest week of articles. */
export function RisingPanel() {
  const week = useAsync((signal) => latestWeek(signal), []);
  return (
    <section class="card" aria-labelledby="rising-heading">
      <h2 id="rising-heading">Who is rising</h2>
      <Await value={week} what="trends">
        {(data) =>
          !data || data.actors.length === 0 ? (
            <p>No articles yet.</p>
          ) : (
            <>
              <p class="muted">
                {formatDate(data.window.from)} – {formatDate(new Date(Date.parse(data.window.to) - 1).toISOString())}, against the
                week before
              </p>
              <ol class="plain rising">
                {data.actors.slice(0, 6).map((row) => (
                  <Row key={row.actor.id} row={row} />
                ))}
              </ol>
            </>
          )
        }
      </Await>
    </section>
  );
}
