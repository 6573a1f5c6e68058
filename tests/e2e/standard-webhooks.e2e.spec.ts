import { createHmac } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/test-environment';
import { ChronicleStack, createStack } from './support/chronicle-stack';
import { ReceivedWebhook, WebhookReceiver } from './support/webhook-receiver';

/** An article in which Prime Minister Maria Lindqvist says `quote` (each call a new statement, so a new alert). */
function article(id: string, quote: string) {
  return {
    id,
    url: `https://wire-one.example/${id}`,
    outlet: 'Wire One',
    title: `Lindqvist speaks (${id})`,
    body: `STOCKHOLM — Prime Minister Maria Lindqvist spoke to reporters on Tuesday.\n"${quote}," Lindqvist said.`,
  };
}

/** What a subscriber's endpoint does with the `standardwebhooks` package: verify the raw body against the headers. */
function verifies(delivery: ReceivedWebhook, secret: string): boolean {
  try {
    new Webhook(secret).verify(delivery.body, delivery.headers as Record<string, string>);
    return true;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return false;
    throw error;
  }
}

describe('Standard Webhooks signatures', () => {
  let stack: ChronicleStack;
  let api: string;
  let ingest: string;
  const hook = new WebhookReceiver();
  let subscription: { id: string; secret: string };

  const postArticle = async (id: string, quote: string): Promise<void> => {
    const response = await fetch(`${ingest}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([article(id, quote)]),
    });
    expect(response.status).toBe(202);
  };
  /** Submits an article and answers the webhook delivery it causes. */
  const deliveryFor = async (id: string, quote: string): Promise<ReceivedWebhook> => {
    const before = hook.received.length;
    await postArticle(id, quote);
    await waitFor(() => hook.received.length > before, { timeoutMs: 60_000, description: `delivery for ${id}` });
    expect(hook.received).toHaveLength(before + 1);
    return hook.received[before]!;
  };

  beforeAll(async () => {
    stack = await createStack('standard-webhooks');
    await Promise.all((['ingest', 'enrich', 'project', 'alert', 'api'] as const).map((name) => stack.cluster.start(name)));
    api = stack.cluster.url('api');
    ingest = stack.cluster.url('ingest');
    hook.failFirst = 1;
    const response = await fetch(`${api}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ actors: ['Maria Lindqvist'], webhookUrl: await hook.start() }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    subscription = (await response.json()) as { id: string; secret: string };
  });

  afterAll(async () => {
    await stack?.teardown();
    await hook.stop();
  });

  describe('when an alert is delivered (after one failed attempt)', () => {
    let delivery: ReceivedWebhook;

    beforeAll(async () => {
      delivery = await deliveryFor('lindqvist-1', 'The pension reform will pass before the autumn session ends');
    });

    it('was generated as a whsec_ secret of 32 bytes', () => {
      expect(subscription.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    });

    it('verifies with the standardwebhooks library, with the alert id as webhook-id and idempotency key', () => {
      expect(verifies(delivery, subscription.secret)).toBe(true);
      expect(delivery.headers['webhook-id']).toBe(delivery.json.alertId);
      expect(delivery.headers['idempotency-key']).toBe(delivery.json.alertId);
      expect(delivery.headers['webhook-signature']).toMatch(/^v1,\S+$/);
      expect(verifies({ ...delivery, body: delivery.body.replace('pension', 'pensions') }, subscription.secret)).toBe(false);
    });

    it('still sends the deprecated x-chronicle-* headers, keyed with the secret text as before', () => {
      const timestamp = delivery.headers['x-chronicle-timestamp'];
      expect(timestamp).toBe(delivery.headers['webhook-timestamp']);
      const expected = createHmac('sha256', subscription.secret).update(`${timestamp}.${delivery.body}`).digest('hex');
      expect(delivery.headers['x-chronicle-signature']).toBe(`sha256=${expected}`);
    });
  });

  describe('when the secret is rotated', () => {
    let rotated: { secret: string; previousSecretExpiresAt: string };
    let delivery: ReceivedWebhook;

    beforeAll(async () => {
      const response = await fetch(`${api}/v1/subscriptions/${subscription.id}/rotate-secret`, { method: 'POST' });
      expect(response.status, await response.clone().text()).toBe(200);
      rotated = (await response.json()) as typeof rotated;
      delivery = await deliveryFor('lindqvist-2', 'Fuel duty stays frozen for another full year, whatever the treasury says');
    });

    it('returns a new whsec_ secret once, and when the old one stops signing (24 hours by default)', async () => {
      expect(rotated.secret).toMatch(/^whsec_/);
      expect(rotated.secret).not.toBe(subscription.secret);
      const hoursLeft = (Date.parse(rotated.previousSecretExpiresAt) - Date.now()) / 3_600_000;
      expect(hoursLeft).toBeGreaterThan(23.9);
      expect(hoursLeft).toBeLessThanOrEqual(24);
      expect(JSON.stringify(await (await fetch(`${api}/v1/subscriptions/${subscription.id}`)).json())).not.toContain('whsec_');
    });

    it('signs the next delivery with both secrets, each verifying on its own', () => {
      expect(String(delivery.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(verifies(delivery, rotated.secret)).toBe(true);
      expect(verifies(delivery, subscription.secret)).toBe(true);
    });
  });

  describe('when a client then sets its own secret with PATCH', () => {
    const own = `whsec_${Buffer.alloc(48, 0x5a).toString('base64')}`;
    let replaced: string;
    let delivery: ReceivedWebhook;

    beforeAll(async () => {
      const [row] = await stack.query<{ secret: string }>('SELECT secret FROM subscriptions WHERE id = $1', [subscription.id]);
      replaced = row!.secret;
      const response = await fetch(`${api}/v1/subscriptions/${subscription.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ secret: own }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
      delivery = await deliveryFor('lindqvist-3', 'Our new savings bond opens to every household in January');
    });

    it('verifies with the given secret and the one it replaced, no longer with the first', () => {
      expect(verifies(delivery, own)).toBe(true);
      expect(verifies(delivery, replaced)).toBe(true);
      expect(verifies(delivery, subscription.secret)).toBe(false);
    });

    it('refuses a whsec_ secret that is not padded base64 of 24..64 bytes, naming the field', async () => {
      const response = await fetch(`${api}/v1/subscriptions/${subscription.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ secret: `whsec_${Buffer.alloc(32, 1).toString('base64url')}` }),
      });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { problems: Array<{ path: string }> }).problems.map((p) => p.path)).toEqual(['secret']);
    });
  });

  describe('when the rotation window has passed', () => {
    it('signs with the current secret only', async () => {
      await stack.query("UPDATE subscriptions SET previous_secret_expires_at = now() - interval '1 second' WHERE id = $1", [
        subscription.id,
      ]);
      const [row] = await stack.query<{ secret: string; previous_secret: string }>(
        'SELECT secret, previous_secret FROM subscriptions WHERE id = $1',
        [subscription.id],
      );
      const delivery = await deliveryFor('lindqvist-4', 'The northern rail line will reopen before the harvest begins');
      expect(String(delivery.headers['webhook-signature']).split(' ')).toHaveLength(1);
      expect(verifies(delivery, row!.secret)).toBe(true);
      expect(verifies(delivery, row!.previous_secret)).toBe(false);
    });
  });
});
