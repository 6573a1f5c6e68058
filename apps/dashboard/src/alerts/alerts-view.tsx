import { useLocation, useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { deleteSubscription, listSubscriptions } from '../api/chronicle';
import { describeError } from '../api/errors';
import type { SubscriptionView } from '../api/types';
import { ErrorText, Loading } from '../components/status';
import { useAsync } from '../components/use-async';
import { SubscriptionAlerts } from './subscription-alerts';
import { SubscriptionForm } from './subscription-form';

const summary = (s: SubscriptionView): string =>
  [
    s.kinds.join(' and '),
    s.query ? `saying ${s.query}` : '',
    s.words ? `any of ${s.words.join(', ')}` : '',
    s.channel === 'webhook' ? `to ${s.webhookUrl}` : 'to the live stream',
  ]
    .filter(Boolean)
    .join(' · ');

function Selected({ subscription, onChanged }: { subscription: SubscriptionView; onChanged: () => void }) {
  const { route } = useLocation();
  const [error, setError] = useState<string | undefined>();
  const [refresh, setRefresh] = useState(0);
  const remove = async () => {
    if (!confirm(`Delete the subscription for ${subscription.actors.join(', ')}? Its undelivered alerts are cancelled.`)) return;
    try {
      await deleteSubscription(subscription.id);
      onChanged();
      route('/alerts');
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <section aria-labelledby="selected-heading">
      <div class="row">
        <h2 id="selected-heading">Alerts for {subscription.actors.join(', ')}</h2>
        <button type="button" class="secondary" onClick={() => setRefresh(refresh + 1)}>
          Refresh
        </button>
      </div>
      <SubscriptionAlerts subscriptionId={subscription.id} refresh={refresh} />
      <SubscriptionForm key={subscription.id} existing={subscription} onSaved={onChanged} />
      {error ? <ErrorText>{error}</ErrorText> : null}
      <button type="button" class="danger" onClick={() => void remove()}>
        Delete subscription
      </button>
    </section>
  );
}

export function AlertsView() {
  const { params } = useRoute();
  const { route } = useLocation();
  const [version, setVersion] = useState(0);
  const [secret, setSecret] = useState<string | undefined>();
  const subscriptions = useAsync((signal) => listSubscriptions(signal), [version]);
  const selected =
    subscriptions.status === 'ready' ? subscriptions.data.subscriptions.find((s) => s.id === params.subscription) : undefined;
  return (
    <section class="view">
      <header class="view-head">
        <h1 tabIndex={-1}>Alerts</h1>
        <p class="muted">
          A subscription raises an alert when someone it watches says something new: not the same quote re-run by other outlets.
        </p>
      </header>
      <div class="two-col list-first">
        <section aria-labelledby="subscriptions-heading">
          <h2 id="subscriptions-heading">Subscriptions</h2>
          {subscriptions.status === 'loading' ? <Loading what="subscriptions" /> : null}
          {subscriptions.status === 'failed' ? <ErrorText>{subscriptions.message}</ErrorText> : null}
          {subscriptions.status === 'ready' && subscriptions.data.subscriptions.length === 0 ? (
            <p class="status empty">No subscriptions yet. Create one below.</p>
          ) : null}
          {subscriptions.status === 'ready' ? (
            <ul class="plain subscriptions">
              {subscriptions.data.subscriptions.map((s) => (
                <li key={s.id} class={s.id === params.subscription ? 'card selected' : 'card'}>
                  <a href={`/alerts/${s.id}`} aria-current={s.id === params.subscription ? 'page' : undefined}>
                    {s.actors.join(', ')}
                  </a>
                  <p class="muted">{summary(s)}</p>
                </li>
              ))}
            </ul>
          ) : null}
          {secret ? (
            <p class="card notice" role="status">
              Webhook signing secret, shown only this once: <code>{secret}</code>
            </p>
          ) : null}
          <details class="new-subscription" open={!params.subscription}>
            <summary>New subscription</summary>
            <SubscriptionForm
              onSaved={(saved, newSecret) => {
                setSecret(newSecret);
                setVersion(version + 1);
                route(`/alerts/${saved.id}`);
              }}
            />
          </details>
        </section>
        {selected ? <Selected subscription={selected} onChanged={() => setVersion(version + 1)} /> : null}
        {params.subscription && subscriptions.status === 'ready' && !selected ? (
          <ErrorText>This subscription no longer exists. It may have been deleted.</ErrorText>
        ) : null}
      </div>
    </section>
  );
}
