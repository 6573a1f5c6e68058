import type { AlertView } from '../api/types';
import { actorPath, articlePath, formatDateTime, plural } from '../components/format';
import { StatementCard } from '../components/statement-card';
import { Empty } from '../components/status';
import { liveAlerts, liveStatements } from './live-feed';
import { RisingPanel } from './rising-panel';
import { StreamStateBadge } from './stream-state';
import { useFeed } from './use-feed';
import './live.css';

export function AlertCard({ alert }: { alert: AlertView }) {
  const cluster = alert.cluster;
  const firstOutlet = cluster.firstOutlet ?? alert.article.outlet;
  return (
    <article class="card alert" data-alert-id={alert.id}>
      <p class="meta">
        <a href={actorPath(alert.actor.id)}>{alert.actor.name}</a> · {formatDateTime(alert.raisedAt)}
        <span class={`badge delivery-${alert.delivery.status}`}>{alert.delivery.status}</span>
      </p>
      <blockquote class="quote">{alert.statement.text}</blockquote>
      <p class="source">
        <a href={articlePath(alert.article.id, alert.statement.id)}>Read in the article</a>
        {alert.article.outlet ? ` · ${alert.article.outlet}` : ''}
      </p>
      <p class="reach">
        {firstOutlet ? (
          <>
            First said by <strong>{firstOutlet}</strong> · carried by {plural(cluster.outletCount, 'outlet')}
          </>
        ) : (
          'First seen in an article without an outlet'
        )}
      </p>
      <p class="muted">
        <a href={`/alerts/${alert.subscriptionId}`}>Subscription and delivery</a>
      </p>
    </article>
  );
}

export function LiveView() {
  const alerts = useFeed(liveAlerts);
  const statements = useFeed(liveStatements);
  return (
    <section class="view">
      <header class="view-head">
        <h1 tabIndex={-1}>Live</h1>
        <p class="muted">
          The latest alerts and statements, and new ones as Chronicle finds them. Keep this tab open: it reconnects by itself and
          catches up on what it missed.
        </p>
      </header>
      <RisingPanel />
      <div class="two-col even">
        <section aria-labelledby="live-alerts">
          <div class="row">
            <h2 id="live-alerts">Alerts</h2>
            <StreamStateBadge state={alerts.state} name="alerts" />
          </div>
          {alerts.items.length === 0 ? (
            <Empty>
              No alerts yet. Subscribe to people under <a href="/alerts">Alerts</a>.
            </Empty>
          ) : null}
          <ol class="plain live-list" id="live-alert-list">
            {alerts.items.map((item) => (
              <li key={item.id}>
                <AlertCard alert={item.data} />
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="live-statements">
          <div class="row">
            <h2 id="live-statements">Statements</h2>
            <StreamStateBadge state={statements.state} name="statements" />
          </div>
          {statements.items.length === 0 ? <Empty>No statements yet.</Empty> : null}
          <ol class="plain live-list" id="live-statement-list">
            {statements.items.map((item) => (
              <li key={item.id}>
                <StatementCard statement={item.data} title={item.data.articleTitle} />
              </li>
            ))}
          </ol>
        </section>
      </div>
    </section>
  );
}
