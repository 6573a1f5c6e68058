import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { ALERT_RAISED, AlertRaisedEvent, createEvent } from '@chronicle/contracts';
import { nextRetryDelayMs } from '@chronicle/domain';
import { EventPublisher } from '@chronicle/kafka';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryRepository, DueAlert } from './delivery.repository';
import { signWebhook, WEBHOOK_HEADERS } from './webhook-signature';

/** The JSON a subscriber's webhook receives. */
export function webhookPayload(alert: DueAlert) {
  return {
    alertId: alert.id,
    subscriptionId: alert.subscription_id,
    actor: { id: alert.actor_id, name: alert.actor_name },
    statement: { id: alert.statement_id, clusterId: alert.cluster_id, text: alert.statement_text },
    article: { id: alert.article_id, url: alert.article_url, outlet: alert.outlet },
    raisedAt: new Date(alert.created_at).toISOString(),
  };
}

/**
 * Sends pending alerts to their webhooks: claims due alerts from Postgres, publishes
 * AlertRaised on the first attempt, POSTs a signed body, and retries failures with
 * exponential backoff and jitter until the give-up limit marks the alert failed.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDeliveryWorker.name);
  private readonly repository: DeliveryRepository;
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopped = false;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {
    this.repository = new DeliveryRepository(dataSource);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.webhooks.pollMs);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** One polling round; rounds never overlap within a process. */
  async tick(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      const leaseMs = this.config.webhooks.timeoutMs * 2;
      const due = await this.repository.claimDue(50, leaseMs);
      await Promise.all(due.map((alert) => this.deliver(alert)));
    } catch (error) {
      this.logger.error(`delivery round failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  private async deliver(alert: DueAlert): Promise<void> {
    if (alert.attempts === 0) await this.publishRaised(alert);
    const body = JSON.stringify(webhookPayload(alert));
    const timestamp = String(Math.floor(Date.now() / 1000));
    try {
      const response = await fetch(alert.webhook_url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.webhooks.timeoutMs),
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_HEADERS.timestamp]: timestamp,
          [WEBHOOK_HEADERS.signature]: signWebhook(alert.secret ?? '', timestamp, body),
          [WEBHOOK_HEADERS.idempotencyKey]: alert.id,
        },
        body,
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await this.repository.markDelivered(alert.id);
    } catch (error) {
      const attempt = alert.attempts + 1;
      const retry = attempt < this.config.webhooks.maxAttempts;
      const delay = retry ? nextRetryDelayMs(attempt, this.config.webhooks.retryBaseMs, Math.random()) : null;
      this.logger.warn(`alert ${alert.id} attempt ${attempt} failed: ${(error as Error).message}${retry ? '' : ' (giving up)'}`);
      await this.repository.markAttemptFailed(alert.id, (error as Error).message, delay);
    }
  }

  private async publishRaised(alert: DueAlert): Promise<void> {
    const event = createEvent<AlertRaisedEvent>(
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
      // The alert id doubles as the event id: a re-published AlertRaised is the same fact.
      { id: alert.id, occurredAt: new Date(alert.created_at).toISOString(), metadata: { correlationId: alert.article_id, causationId: null } },
    );
    await this.publisher.publish('alerts', [{ key: alert.subscription_id, event }]);
  }
}
