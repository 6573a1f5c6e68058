import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/test-environment';
import { ChronicleCluster } from './support/chronicle-cluster';
import { ChronicleStack, createStack } from './support/chronicle-stack';
import { PipelineIdleProbe, undeliveredAlerts } from './support/pipeline-idle';
import { ReceivedWebhook, WebhookReceiver } from './support/webhook-receiver';
import { SseClient } from './support/sse-client';

const ROOT = resolve(__dirname, '../..');

interface AlertView {
  id: string;
  seq: string;
  subscriptionId: string;
  actor: { id: string; name: string };
  statement: { text: string };
  article: { id: string; outlet: string | null };
  delivery: { status: string; attempts: number; lastError: string | null };
  cluster: { id: string; firstOutlet: string | null; outletCount: number; articleCount: number; outlets: string[] };
}

/** An article in which `speaker` (introduced with `role`) says `quote`. */
function article(id: string, outlet: string, role: string, speaker: string, quote: string, verb = 'said') {
  const surname = speaker.split(' ').pop()!;
  return {
    id,
    url: `https://${outlet.toLowerCase().replace(/\s+/g, '-')}.example/${id}`,
    outlet,
    title: `${speaker} speaks (${id})`,
    body: `WASHINGTON — ${role} ${speaker} spoke to reporters on Tuesday.\n"${quote}," ${surname} ${verb}.`,
  };
}

/** The alert events a stream client has received, with their ids. */
const streamedAlerts = (client: SseClient) => client.of<AlertView>('alert').map((e) => ({ id: e.id!, alert: e.data }));

function verifySignature(delivery: ReceivedWebhook, secret: string): boolean {
  const expected = createHmac('sha256', secret)
    .update(`${delivery.headers['x-chronicle-timestamp']}.${delivery.body}`)
    .digest('hex');
  return delivery.headers['x-chronicle-signature'] === `sha256=${expected}`;
}

describe('Alerts on what is new', () => {
  let stack: ChronicleStack;
  let probe: PipelineIdleProbe;
  let api: string;
  let ingest: string;
  const receivers: WebhookReceiver[] = [];
  const clusters: ChronicleCluster[] = [];

  const receiver = async (failFirst = 0): Promise<{ receiver: WebhookReceiver; url: string }> => {
    const created = new WebhookReceiver();
    created.failFirst = failFirst;
    receivers.push(created);
    return { receiver: created, url: await created.start() };
  };
  const subscribe = async (body: Record<string, unknown>): Promise<Response> =>
    fetch(`${api}/v1/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const subscribeOk = async (body: Record<string, unknown>): Promise<{ id: string; secret: string }> => {
    const response = await subscribe(body);
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as { id: string; secret: string };
  };
  let posted = 0;
  const post = async (...articles: unknown[]): Promise<void> => {
    posted += articles.length;
    const response = await fetch(`${ingest}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(articles),
    });
    expect(response.status).toBe(202);
  };
  const alertsOf = async (subscriptionId: string): Promise<AlertView[]> => {
    const response = await fetch(`${api}/v1/alerts?subscription=${subscriptionId}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { alerts: AlertView[] }).alerts;
  };
  const analysesConsumed = async (consumerSuffix: string): Promise<number> => {
    const [row] = await stack.query<{ n: string }>(
      `SELECT COALESCE(SUM(next_offset), 0)::text AS n FROM consumer_positions WHERE consumer LIKE $1 AND topic LIKE '%analyses%'`,
      [`%${consumerSuffix}`],
    );
    return Number(row!.n);
  };
  const settle = async (): Promise<void> => {
    // Every posted article's analysis has been through the alert service.
    await waitFor(async () => (await analysesConsumed('chronicle-alert')) >= posted, {
      timeoutMs: 60_000,
      description: 'alert service caught up',
    });
  };
  /**
   * Nothing left to happen, read from the log and the database instead of waited out: every posted
   * article analysed and applied by the alert consumer (`consumer`), its positions at the analyses
   * topic's end offsets, and no alert pending (a webhook alert leaves `pending` only after its
   * receiver answered, so every delivery there will be has been received).
   */
  const idle = async (consumer = `${stack.topicPrefix}chronicle-alert`): Promise<void> => {
    await settle();
    await waitFor(
      async () =>
        (await probe.storedPositionGaps((sql, params) => stack.query(sql, params), consumer, ['analyses'])).length === 0 &&
        (await undeliveredAlerts((sql) => stack.query(sql))) === 0,
      { timeoutMs: 60_000, description: 'alert pipeline idle' },
    );
  };

  beforeAll(async () => {
    stack = await createStack('alerts-novelty', { WEBHOOK_MAX_ATTEMPTS: '4' });
    await Promise.all((['ingest', 'enrich', 'project', 'alert', 'api'] as const).map((name) => stack.cluster.start(name)));
    api = stack.cluster.url('api');
    ingest = stack.cluster.url('ingest');
    probe = await PipelineIdleProbe.connect(stack.topicPrefix);
  });

  afterAll(async () => {
    await probe?.close();
    await Promise.all(clusters.map((c) => c.stopAll()));
    await stack?.teardown();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  describe('when a subscription is invalid or targets a non-public address', () => {
    it('refuses private, link-local and metadata webhook targets with a 400 naming webhookUrl', async () => {
      for (const webhookUrl of [
        'http://10.1.2.3/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://[fd00::1]/hook',
        'http://192.168.1.20:8080/x',
      ]) {
        const response = await subscribe({ actors: ['Marco Rubio'], webhookUrl });
        expect(response.status, webhookUrl).toBe(400);
        const body = (await response.json()) as { problems: Array<{ path: string; message: string }> };
        expect(body.problems).toEqual([expect.objectContaining({ path: 'webhookUrl' })]);
      }
      expect(await stack.query('SELECT id FROM subscriptions')).toEqual([]);
    });

    it('lists every rule problem in one 400', async () => {
      const response = await subscribe({
        actors: [],
        query: '(ukraine OR',
        kinds: ['spoken'],
        sentiment: { below: 0.5, above: 0.6 },
        channel: 'stream',
        webhookUrl: 'https://hooks.example.com/x',
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { problems: Array<{ path: string }> };
      expect(body.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['actors', 'query', 'kinds.0', 'sentiment.above']));
    });
  });

  describe('when a subscription is read, changed and deleted', () => {
    it('answers GET, PATCH (validating the merged rule) and DELETE', async () => {
      const created = await subscribeOk({ actors: ['Elena Petrova'], channel: 'stream', words: ['gas'] });
      const url = `${api}/v1/subscriptions/${created.id}`;
      const patch = (body: unknown) =>
        fetch(url, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      let response = await patch({ words: null, query: 'gas OR oil', outlets: { exclude: ['Daily Two'] }, kinds: ['any'] });
      expect(response.status).toBe(200);
      expect(await (await fetch(url)).json()).toMatchObject({
        channel: 'stream',
        query: 'gas OR oil',
        outlets: { exclude: ['Daily Two'] },
        kinds: ['direct', 'indirect'],
      });
      expect((await (await fetch(url)).json()) as object).not.toHaveProperty('words');
      response = await patch({ channel: 'webhook' });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { problems: Array<{ path: string }> }).problems.map((p) => p.path)).toEqual([
        'webhookUrl',
      ]);
      response = await patch({ channel: 'webhook', webhookUrl: 'http://169.254.169.254/' });
      expect(response.status).toBe(400);
      expect((await fetch(url, { method: 'DELETE' })).status).toBe(204);
      expect((await fetch(url)).status).toBe(404);
      expect((await fetch(url, { method: 'DELETE' })).status).toBe(404);
    });
  });

  describe('when Rubio says something, another outlet re-runs it, then he says something new', () => {
    let subscription: { id: string; secret: string };
    let hook: WebhookReceiver;
    const first = article(
      'rubio-1',
      'Wire One',
      'Secretary of State',
      'Marco Rubio',
      'Ukraine must get the air defence it needs before winter, and Congress will pay for every battery',
    );

    beforeAll(async () => {
      const created = await receiver();
      hook = created.receiver;
      subscription = await subscribeOk({ actors: ['Rubio'], query: 'ukraine OR sanctions', webhookUrl: created.url });
      await post(first);
      await waitFor(() => hook.received.length === 1, { timeoutMs: 60_000, description: 'first Rubio alert' });
    });

    it('delivers the first statement once, signed, with cluster and first-seen details', () => {
      const [delivery] = hook.received;
      expect(delivery!.json).toMatchObject({
        subscriptionId: subscription.id,
        actor: { id: 'person:marco-rubio', name: 'Marco Rubio' },
        article: { id: 'rubio-1', outlet: 'Wire One' },
        cluster: { firstOutlet: 'Wire One' },
      });
      expect(delivery!.json.firstSeenAt).toEqual(expect.any(String));
      expect(delivery!.headers['idempotency-key']).toBe(delivery!.json.alertId);
      expect(verifySignature(delivery!, subscription.secret)).toBe(true);
    });

    it('raises no second alert for a trimmed, re-punctuated copy from a second outlet, and counts the outlet', async () => {
      const copy = {
        ...article(
          'rubio-2',
          'Daily Two',
          'Secretary of State',
          'Marco Rubio',
          'Ukraine must get the air-defence it needs before winter',
          'told reporters',
        ),
      };
      await post(copy);
      await waitFor(async () => (await alertsOf(subscription.id))[0]?.cluster.outletCount === 2, {
        timeoutMs: 60_000,
        description: 'cluster carried by two outlets',
      });
      await idle();
      expect(hook.received).toHaveLength(1);
      const alerts = await alertsOf(subscription.id);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]!.cluster).toMatchObject({
        firstOutlet: 'Wire One',
        outletCount: 2,
        articleCount: 2,
        outlets: ['Daily Two', 'Wire One'],
      });
    });

    it('raises exactly one alert for a genuinely new statement by the same actor', async () => {
      await post(
        article(
          'rubio-3',
          'Wire One',
          'Secretary of State',
          'Marco Rubio',
          'We will tighten sanctions on Russian oil exports next month and close every loophole',
        ),
      );
      await waitFor(() => hook.received.length === 2, { timeoutMs: 60_000, description: 'second Rubio alert' });
      await idle();
      expect(hook.received).toHaveLength(2);
      expect((hook.received[1]!.json.statement as { text: string }).text).toContain('tighten sanctions');
      const alerts = await alertsOf(subscription.id);
      expect(alerts.map((a) => a.delivery.status)).toEqual(['delivered', 'delivered']);
      expect(new Set(alerts.map((a) => a.cluster.id)).size).toBe(2);
    });

    it('raises nothing for a statement the rule does not match', async () => {
      await post(
        article(
          'rubio-4',
          'Wire One',
          'Secretary of State',
          'Marco Rubio',
          'The harbour plan needs a fresh vote before the summer recess',
        ),
      );
      await idle();
      expect(hook.received).toHaveLength(2);
    });
  });

  describe('when the receiver fails twice, then succeeds', () => {
    it('gets the alert exactly once after retries, with a valid signature and the delivery state recorded', async () => {
      const { receiver: flaky, url } = await receiver(2);
      const subscription = await subscribeOk({ actors: ['Maria Lindqvist'], webhookUrl: url });
      await post(
        article(
          'lindqvist-1',
          'Wire One',
          'Prime Minister',
          'Maria Lindqvist',
          'The pension reform will pass before the autumn session ends',
        ),
      );
      await waitFor(() => flaky.received.length === 1, { timeoutMs: 60_000, description: 'delivery after retries' });
      await idle();
      expect(flaky.received).toHaveLength(1);
      expect(verifySignature(flaky.received[0]!, subscription.secret)).toBe(true);
      const [alert] = await alertsOf(subscription.id);
      expect(alert!.delivery).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
    });
  });

  describe('when a receiver keeps failing past the give-up limit', () => {
    it('marks the alert failed and `chronicle alerts redeliver` sends it again', async () => {
      const { receiver: down, url } = await receiver(1000);
      const subscription = await subscribeOk({ actors: ['Aiko Tanabe'], webhookUrl: url });
      await post(
        article(
          'tanabe-1',
          'Wire One',
          'central bank governor',
          'Aiko Tanabe',
          'Interest rates will stay where they are until inflation cools',
        ),
      );
      await waitFor(async () => (await alertsOf(subscription.id))[0]?.delivery.status === 'failed', {
        timeoutMs: 60_000,
        description: 'failed',
      });
      expect((await alertsOf(subscription.id))[0]!.delivery).toMatchObject({ attempts: 4, lastError: 'HTTP 503' });
      down.failFirst = 0;
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [join(ROOT, 'dist/apps/cli/src/main.js'), 'alerts', 'redeliver', '--subscription', subscription.id],
        {
          env: { ...process.env, ...stack.env },
        },
      );
      expect(stdout).toContain('Queued 1 failed or cancelled alert(s)');
      await waitFor(() => down.received.length === 1, { timeoutMs: 30_000, description: 'redelivered' });
      expect((await alertsOf(subscription.id))[0]!.delivery.status).toBe('delivered');
    });
  });

  describe('when a live-stream client reconnects with Last-Event-ID', () => {
    it('gets every alert raised while it was away, in order, and nothing twice', async () => {
      const subscription = await subscribeOk({ actors: ['Tomas Herrera'], channel: 'stream' });
      const streamUrl = `${api}/v1/alerts/stream?subscription=${subscription.id}`;
      const first = await SseClient.open(streamUrl);
      await new Promise((r) => setTimeout(r, 300));
      await post(
        article(
          'herrera-1',
          'Wire One',
          'Finance Minister',
          'Tomas Herrera',
          'The budget deficit will fall below three percent by next spring',
        ),
      );
      await waitFor(() => streamedAlerts(first).length === 1, { timeoutMs: 60_000, description: 'first streamed alert' });
      first.close();
      const [seen] = streamedAlerts(first);
      await post(
        article(
          'herrera-2',
          'Daily Two',
          'Finance Minister',
          'Tomas Herrera',
          'Fuel duty stays frozen for another full year, whatever the treasury says',
        ),
        article(
          'herrera-3',
          'Courier Three',
          'Finance Minister',
          'Tomas Herrera',
          'Our new savings bond opens to every household in January',
        ),
      );
      await waitFor(async () => (await alertsOf(subscription.id)).length === 3, {
        timeoutMs: 60_000,
        description: 'alerts while away',
      });
      const second = await SseClient.open(streamUrl, { 'last-event-id': seen!.id });
      await idle();
      await waitFor(() => streamedAlerts(second).length >= 2, { timeoutMs: 30_000, description: 'missed alerts replayed' });
      await new Promise((r) => setTimeout(r, 1_000));
      second.close();
      expect(
        streamedAlerts(second)
          .map((a) => a.alert.article.id)
          .sort(),
      ).toEqual(['herrera-2', 'herrera-3']);
      // Positions are <transaction>.<seq>, sent in that order.
      const positions = [seen!.id, ...streamedAlerts(second).map((a) => a.id)].map((id) => id.split('.').map(BigInt));
      const inOrder = positions.every(
        ([xact, seq], i) =>
          i === 0 || xact! > positions[i - 1]![0]! || (xact === positions[i - 1]![0] && seq! > positions[i - 1]![1]!),
      );
      expect(inOrder, JSON.stringify(positions.map(String))).toBe(true);
      expect(streamedAlerts(second).every((a) => a.alert.subscriptionId === subscription.id)).toBe(true);
    });
  });

  // Two alert replicas racing on one speaker's near-duplicates, and a replica killed mid-delivery:
  // alerts-replica-races.e2e.spec.ts.

  describe('when the whole analyses log is replayed through a fresh consumer group', () => {
    it('raises nothing new and leaves clusters and alerts unchanged', async () => {
      await settle();
      const snapshot = async () => ({
        alerts: await stack.query('SELECT id, subscription_id, cluster_id, status FROM alerts ORDER BY id'),
        clusters: await stack.query(
          'SELECT id, statement_count, article_count, outlet_count, outlets, opened_at FROM novelty_clusters ORDER BY id',
        ),
        members: await stack.query('SELECT statement_id, cluster_id FROM novelty_cluster_members ORDER BY statement_id'),
      });
      const before = await snapshot();
      const webhooksBefore = receivers.map((r) => r.received.length);
      const total = await analysesConsumed('chronicle-alert');
      expect(total).toBeGreaterThanOrEqual(6);
      const replay = new ChronicleCluster(`alerts-replay-${stack.topicPrefix}`, {
        ...stack.env,
        KAFKA_GROUP_PREFIX: `${stack.topicPrefix}replay-`,
      });
      clusters.push(replay);
      await stack.cluster.kill('alert#0', 'SIGTERM');
      await replay.start('alert');
      await waitFor(async () => (await analysesConsumed('replay-chronicle-alert')) >= total, {
        timeoutMs: 60_000,
        description: 'replay consumed',
      });
      await idle(`${stack.topicPrefix}replay-chronicle-alert`);
      expect(await snapshot()).toEqual(before);
      expect(receivers.map((r) => r.received.length)).toEqual(webhooksBefore);
    });
  });
});
