import { useState } from 'preact/hooks';
import { listAlerts, redeliverAlert } from '../api/chronicle';
import { describeError } from '../api/errors';
import type { AlertView } from '../api/types';
import { actorPath, articlePath, formatDateTime, plural } from '../components/format';
import { Await } from '../components/status';
import { useAsync } from '../components/use-async';

function AlertRow({ alert: initial }: { alert: AlertView }) {
  const [alert, setAlert] = useState(initial);
  const [state, setState] = useState<{ busy: boolean; note?: string }>({ busy: false });
  const redeliver = async () => {
    setState({ busy: true });
    try {
      setAlert(await redeliverAlert(alert.id));
      setState({ busy: false, note: 'Queued for delivery again.' });
    } catch (failure) {
      setState({ busy: false, note: describeError(failure) });
    }
  };
  const d = alert.delivery;
  return (
    <li class="card alert" data-alert-id={alert.id}>
      <p class="meta">
        <a href={actorPath(alert.actor.id)}>{alert.actor.name}</a> · {formatDateTime(alert.raisedAt)}
        <span class={`badge delivery-${d.status}`}>{d.status}</span>
      </p>
      <blockquote class="quote">{alert.statement.text}</blockquote>
      <p class="source">
        <a href={articlePath(alert.article.id, alert.statement.id)}>Read in the article</a>
        {alert.article.outlet ? ` · ${alert.article.outlet}` : ''} · first said by{' '}
        {alert.cluster.firstOutlet ?? 'an unnamed outlet'}, carried by {plural(alert.cluster.outletCount, 'outlet')}
      </p>
      <p class="muted">
        {plural(d.attempts, 'delivery attempt')}
        {d.deliveredAt ? ` · delivered ${formatDateTime(d.deliveredAt)}` : ''}
        {d.nextAttemptAt && d.status === 'pending' ? ` · next try ${formatDateTime(d.nextAttemptAt)}` : ''}
        {d.lastError ? ` · last error: ${d.lastError}` : ''}
      </p>
      {d.status === 'failed' || d.status === 'cancelled' ? (
        <button
          type="button"
          class="secondary"
          disabled={state.busy}
          onClick={() => void redeliver()}
          aria-label={`Deliver the alert about ${alert.actor.name} again`}
        >
          {state.busy ? 'Queuing…' : 'Deliver again'}
        </button>
      ) : null}
      {state.note ? (
        <p class="muted" role="status">
          {state.note}
        </p>
      ) : null}
    </li>
  );
}

/** The subscription's alerts, newest first, with their delivery state. */
export function SubscriptionAlerts({ subscriptionId, refresh }: { subscriptionId: string; refresh: number }) {
  const alerts = useAsync((signal) => listAlerts({ subscription: subscriptionId, limit: 50 }, signal), [subscriptionId, refresh]);
  return (
    <Await value={alerts} what="alerts">
      {(data) =>
        data.alerts.length === 0 ? (
          <p class="status empty">No alerts yet: one is raised when a watched actor says something new that matches.</p>
        ) : (
          <ol class="plain">
            {data.alerts.map((alert) => (
              <AlertRow key={alert.id} alert={alert} />
            ))}
          </ol>
        )
      }
    </Await>
  );
}
