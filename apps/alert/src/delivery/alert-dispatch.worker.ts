import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { ALERT_RAISED, AlertRaisedEvent, createEvent } from '@chronicle/contracts';
import { nextRetryDelayMs, WebhookTargetPolicy } from '@chronicle/domain';
import { EventPublisher } from '@chronicle/kafka';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryRepository, DueAlert } from './delivery.repository';
import { WebhookHttpClient, deliveryFailureReason } from './webhook-http.client';
import { webhookSignatureHeaders } from './webhook-signature';

/** Alerts claimed per round: bounds one round's work and its single AlertRaised publish. */
const CLAIM_LIMIT = 200;

const iso = (date: Date | null): string | null => (date ? new Date(date).toISOString() : null);

/** The JSON a subscriber's webhook receives. */
export function webhookPayload(alert: DueAlert) {
  return {
    alertId: alert.id,
    subscriptionId: alert.subscription_id,
    actor: { id: alert.actor_id, name: alert.actor_name },
    statement: { id: alert.statement_id, clusterId: alert.cluster_id, kind: alert.statement_kind, text: alert.statement_text },
    article: { id: alert.article_id, url: alert.article_url, outlet: alert.outlet },
    /** When Chronicle first saw the words (the cluster opened). */
    firstSeenAt: iso(alert.first_seen_at) ?? new Date(alert.created_at).toISOString(),
    cluster: {
      id: alert.cluster_id,
      firstOutlet: alert.first_outlet,
      firstArticleUrl: alert.first_article_url,
      firstSaidAt: iso(alert.first_said_at),
    },
    raisedAt: new Date(alert.created_at).toISOString(),
  };
}

/**
 * Dispatches pending alerts, both ways an alert leaves the alert service: claims due alerts from
 * Postgres, publishes AlertRaised for them once (the event log's record), then POSTs
 * a body signed by the Standard Webhooks spec to the webhook (stream subscriptions read alerts from the API instead) and
 * retries failures with exponential backoff and jitter until the give-up limit marks the alert
 * failed (`chronicle alerts redeliver` sends failed ones again). Polls, and is handed the
 * matcher's new alerts as soon as they are recorded.
 */
@Injectable()
export class AlertDispatchWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertDispatchWorker.name);
  private readonly repository: DeliveryRepository;
  private readonly http: WebhookHttpClient;
  private timer?: NodeJS.Timeout;
  private running = false;
  private again = false;
  private stopped = false;
  /** Alerts the matcher recorded and handed over, not claimed yet. */
  private readonly handedOver = new Set<string>();

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {
    this.repository = new DeliveryRepository(dataSource);
    this.http = new WebhookHttpClient(new WebhookTargetPolicy(config.webhooks.allowedTargets));
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.webhooks.pollMs);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.http.close();
  }

  /**
   * New alerts were committed: deliver them now rather than at the next poll, claimed by their ids. Only
   * this process's memory holds the ids; if it dies first, the poll finds the alerts when they fall due.
   */
  kick(alertIds: readonly string[] = []): void {
    for (const id of alertIds) this.handedOver.add(id);
    void this.tick();
  }

  /**
   * One round: the alerts handed over by `kick` if there are any, else a poll of every due alert. Rounds never
   * overlap within a process (a kick during a round runs another).
   */
  async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        const lease = this.config.webhooks.timeoutMs * 2;
        const handedOver = [...this.handedOver].slice(0, CLAIM_LIMIT);
        for (const id of handedOver) this.handedOver.delete(id);
        const due =
          handedOver.length > 0
            ? await this.repository.claimDueById(handedOver, lease)
            : await this.repository.claimDue(CLAIM_LIMIT, lease);
        await this.deliverAll(due);
        if (this.handedOver.size > 0 || (handedOver.length === 0 && due.length === CLAIM_LIMIT)) this.again = true;
      } while (this.again && !this.stopped);
    } catch (error) {
      this.logger.error(`delivery round failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** Publishes the round's AlertRaised events in one request, sends webhooks in parallel, records outcomes in bulk. */
  private async deliverAll(due: DueAlert[]): Promise<void> {
    if (due.length === 0) return;
    const unpublished = due.filter((alert) => !alert.raised_published_at);
    await this.publisher.publish(
      'alerts',
      unpublished.map((alert) => ({ key: alert.subscription_id, event: raisedEvent(alert) })),
    );
    await this.repository.markRaisedPublished(unpublished.map((alert) => alert.id));
    const streamed = due.filter((alert) => alert.channel === 'stream' || !alert.webhook_url);
    await this.repository.markDelivered(
      streamed.map((alert) => alert.id),
      false,
    );
    const webhooks = due.filter((alert) => !streamed.includes(alert));
    const outcomes = await Promise.all(webhooks.map((alert) => this.send(alert)));
    await this.repository.markDelivered(webhooks.filter((_, i) => outcomes[i] === null).map((alert) => alert.id));
    for (const [i, alert] of webhooks.entries()) {
      const error = outcomes[i];
      if (error === null || error === undefined) continue;
      const attempt = alert.attempts + 1;
      const retry = attempt < this.config.webhooks.maxAttempts;
      const delay = retry ? nextRetryDelayMs(attempt, this.config.webhooks.retryBaseMs, Math.random()) : null;
      this.logger.warn(`alert ${alert.id} attempt ${attempt} failed: ${error}${retry ? '' : ' (giving up)'}`);
      await this.repository.markAttemptFailed(alert.id, error, delay);
    }
  }

  /** One signed POST; null on a 2xx, else why it failed. */
  private async send(alert: DueAlert): Promise<string | null> {
    const body = JSON.stringify(webhookPayload(alert));
    // The alert id is the Standard Webhooks message id: the same on every retry, so receivers de-duplicate on it.
    const signed = webhookSignatureHeaders(
      { id: alert.id, body, now: new Date() },
      { secret: alert.secret, previousSecret: alert.previous_secret, previousSecretExpiresAt: alert.previous_secret_expires_at },
    );
    try {
      const status = await this.http.post(
        alert.webhook_url!,
        { 'content-type': 'application/json', ...signed },
        body,
        this.config.webhooks.timeoutMs,
      );
      if (status >= 200 && status < 300) return null;
      return status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
    } catch (error) {
      this.logger.warn(`alert ${alert.id} delivery to ${alert.webhook_url} failed: ${(error as Error).message}`);
      return deliveryFailureReason(error);
    }
  }
}

/** AlertRaised for an alert; the alert id doubles as the event id, so a re-published one (crash before it was marked) is the same fact. */
function raisedEvent(alert: DueAlert): AlertRaisedEvent {
  return createEvent<AlertRaisedEvent>(
    ALERT_RAISED,
    {
      alertId: alert.id,
      subscriptionId: alert.subscription_id,
      actorId: alert.actor_id,
      actorName: alert.actor_name,
      statementId: alert.statement_id,
      statementText: alert.statement_text,
      articleId: alert.article_id,
      articleUrl: alert.article_url,
      outlet: alert.outlet,
    },
    {
      id: alert.id,
      occurredAt: new Date(alert.created_at).toISOString(),
      metadata: { correlationId: alert.article_id, causationId: null },
    },
  );
}
