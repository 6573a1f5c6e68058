import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One POST the receiver got, whole body read, and what became of its answer. */
export interface LedgerDelivery {
  alertId: string;
  idempotencyKey: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
  /**
   * `answered`: the 204 was handed to the socket; `cut`: the connection closed first. Neither says
   * whether the sender read the answer: a killed sender's socket may still take the 204.
   */
  outcome: 'pending' | 'answered' | 'cut';
  settledAt?: number;
}

/** A replica kill, timed by the test's clock (the receiver's clock too). */
export interface KillRecord {
  key: string;
  at: number;
}

/**
 * A webhook endpoint on loopback that answers 204 after `answerDelayMs` (so deliveries are in
 * flight long enough to kill their sender) and keeps every delivery by alert id, including ones
 * whose sender died before the answer: the receiver had the whole body, so for it they happened.
 */
export class WebhookLedger {
  readonly deliveries: LedgerDelivery[] = [];
  private server?: Server;

  constructor(private readonly answerDelayMs = 0) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const delivery: LedgerDelivery = {
          alertId: String((JSON.parse(body) as { alertId?: unknown }).alertId),
          idempotencyKey: request.headers['idempotency-key'] as string | undefined,
          headers: request.headers,
          body,
          receivedAt: Date.now(),
          outcome: 'pending',
        };
        this.deliveries.push(delivery);
        const settle = (outcome: 'answered' | 'cut') => {
          if (delivery.outcome !== 'pending') return;
          delivery.outcome = outcome;
          delivery.settledAt = Date.now();
        };
        const timer = setTimeout(() => {
          if (response.destroyed) return settle('cut');
          response.writeHead(204).end();
        }, this.answerDelayMs);
        response.on('finish', () => settle('answered'));
        response.on('close', () => {
          clearTimeout(timer);
          settle('cut');
        });
      });
    });
    // Keep-alive sockets of a replica that is still up must not hold close() forever.
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Deliveries whose answer is not yet written and whose connection is still open. */
  get inFlight(): number {
    return this.deliveries.filter((d) => d.outcome === 'pending').length;
  }

  byAlertId(): Map<string, LedgerDelivery[]> {
    const result = new Map<string, LedgerDelivery[]>();
    for (const delivery of this.deliveries) {
      result.set(delivery.alertId, [...(result.get(delivery.alertId) ?? []), delivery]);
    }
    return result;
  }

  /** How many times the receiver got the alert. */
  copiesOf(alertId: string): number {
    return this.deliveries.filter((d) => d.alertId === alertId).length;
  }

  /** Alert ids received more than once. */
  repeated(): Map<string, LedgerDelivery[]> {
    return new Map([...this.byAlertId()].filter(([, copies]) => copies.length > 1));
  }

  /**
   * Repeats that a sender's death does not explain, described for an assertion message. Delivery
   * is at-least-once: a replica killed after claiming an alert and before recording the answer
   * (dead while the POST was open, or between the answer and its commit) leaves the alert due
   * again when the lease ends, and another replica sends it again. So a copy may follow another
   * only if a delivering replica was killed after the earlier copy could have been claimed (at most
   * `maxSendMs`, the sender's timeout, before it arrived) and before the later copy arrived.
   * A repeat with no kill in that window (two live replicas sending one alert, a resend after a
   * recorded answer) is a bug. The receiver cannot tell an answer the dead sender never read from
   * one it read: a dying process's socket may still take the 204 (`answered`) or reset (`cut`).
   */
  unexplainedRepeats(kills: readonly KillRecord[], maxSendMs: number): string[] {
    const problems: string[] = [];
    for (const [alertId, copies] of this.repeated()) {
      for (let i = 1; i < copies.length; i += 1) {
        const earlier = copies[i - 1]!;
        const later = copies[i]!;
        if (kills.some((kill) => kill.at >= earlier.receivedAt - maxSendMs && kill.at < later.receivedAt)) continue;
        const nearest = kills
          .map((kill) => `${kill.key} at ${kill.at - earlier.receivedAt >= 0 ? '+' : ''}${kill.at - earlier.receivedAt} ms`)
          .join(', ');
        problems.push(
          `${alertId}: copy ${i + 1} came ${later.receivedAt - earlier.receivedAt} ms after copy ${i} (${earlier.outcome}), ` +
            `with no replica kill in between (kills relative to copy ${i}: ${nearest || 'none'})`,
        );
      }
    }
    return problems;
  }

  /** Alert ids whose copies differ in body or idempotency key (receivers de-duplicate on the key). */
  inconsistentRepeats(): string[] {
    return [...this.repeated()]
      .filter(([alertId, copies]) => copies.some((c) => c.body !== copies[0]!.body || c.idempotencyKey !== alertId))
      .map(([alertId]) => alertId);
  }
}
