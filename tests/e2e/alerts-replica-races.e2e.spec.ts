import { ARTICLE_SUBMITTED, ArticleAnalyzedEvent, ArticleSubmittedEvent, createEvent, topicName } from '@chronicle/contracts';
import { seededRandom } from '@chronicle/domain';
import { createKafka, EventPublisher, KafkaSettings } from '@chronicle/kafka';
import { Partitioners } from 'kafkajs';
import { analyzeArticle } from '@chronicle/nlp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSubmission } from '../../apps/enrich/src/analysis/analyze-submission';
import { kafkaBrokers, waitFor } from '../support/test-environment';
import { ChronicleStack, createStack } from './support/chronicle-stack';
import { actorIdOf, QuoteFamilies, quoteArticle, quoteVariant, Speaker, SPEAKERS } from './support/near-duplicate-quotes';
import { PipelineIdleProbe, undeliveredAlerts } from './support/pipeline-idle';
import { metricSamples, ownedPartitions } from './support/replica-probe';
import { KillRecord, LedgerDelivery, WebhookLedger } from './support/webhook-ledger';

const SEED = Number(process.env.ALERT_RACE_SEED ?? 20_260_301);
/** Bursts of near-duplicates; each is a fresh chance for two transactions to race on one speaker. */
const ROUNDS = 10;
const PARTITIONS = 3;
/** Articles per speaker, per partition, per round: each speaker's quote lands on every partition at once. */
const PER_PARTITION = 2;
const RACERS: readonly Speaker[] = SPEAKERS.slice(0, 4);
/** The receiver holds each POST this long, so a killed replica dies with deliveries in flight. */
const ANSWER_DELAY_MS = 1000;
/** The sender's timeout; the lease on a claimed alert is twice this. */
const WEBHOOK_TIMEOUT_MS = 4000;
/** Rounds before the first kill: both replicas are seen consuming before anything is killed. */
const KILL_FROM_ROUND = 2;
const OUTLETS = ['Wire One', 'Daily Two', 'Courier Three', 'Morning Four', 'Evening Five', 'Weekly Six'];

const partitioner = Partitioners.DefaultPartitioner();
/** The analyses partition Chronicle's publishers put an article on (murmur2 of the article id). */
function partitionOf(topic: string, articleId: string): number {
  const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
  }));
  return partitioner({ topic, partitionMetadata, message: { key: articleId, value: null } });
}

/** What the enrich service would publish for an article (its extractor; sentiment plays no part in these races). */
function analysed(article: ReturnType<typeof quoteArticle>, round: number): Promise<ArticleAnalyzedEvent> {
  const at = new Date(Date.UTC(2026, 2, 1, 12, round)).toISOString();
  const submitted = createEvent<ArticleSubmittedEvent>(
    ARTICLE_SUBMITTED,
    {
      articleId: article.id,
      url: article.url,
      outlet: article.outlet,
      title: article.title,
      body: article.body,
      publishedAt: at,
      language: 'en',
      receivedAt: at,
    },
    { id: `submitted-${article.id}`, occurredAt: at, metadata: { correlationId: article.id, causationId: null } },
  );
  return analyzeSubmission(submitted, analyzeArticle, at);
}

/**
 * Two alert replicas, each owning analyses partitions, get every racer's newest quote (six
 * near-duplicate prints of it) on all three partitions in one produce request, ten times over. The
 * partitions' batches are handled at the same moment by different transactions (and different
 * processes), so only the per-speaker lock keeps two of them from each opening a cluster for the
 * same words. One replica is SIGKILLed while the (slow) receiver holds its deliveries.
 */
describe('Alert replicas racing on one speaker', () => {
  let stack: ChronicleStack;
  let probe: PipelineIdleProbe;
  let publisher: EventPublisher;
  let analysesTopic: string;
  let consumer: string;
  const ledger = new WebhookLedger(ANSWER_DELAY_MS);
  const kills: KillRecord[] = [];
  const subscriptions: Array<{ id: string; speakers: readonly Speaker[] }> = [];
  let ownership: Record<string, number[]> = {};
  let consumedBeforeKills: Record<string, number> = {};
  let inFlightAtKill: LedgerDelivery[] = [];
  /** Deliveries the killed replica had in flight: it never recorded them, so they came again after the lease. */
  let hitByKill: LedgerDelivery[] = [];

  const alertPositionsAtEnd = async () =>
    (await probe.storedPositionGaps((sql, p) => stack.query(sql, p), consumer, ['analyses'])).length === 0;
  const replicaOwnership = async () => ({
    'alert#0': await ownedPartitions(stack.cluster.url('alert', 0), analysesTopic),
    'alert#1': await ownedPartitions(stack.cluster.url('alert', 1), analysesTopic),
  });
  const eventsConsumed = async (replica: number) =>
    (await metricSamples(stack.cluster.url('alert', replica), 'chronicle_events_consumed_total'))
      .filter((s) => s.labels.topic === analysesTopic)
      .reduce((sum, s) => sum + s.value, 0);

  /** One round: every racer's new quote, PER_PARTITION prints on each partition, all in one publish. */
  const roundEvents = async (round: number, families: QuoteFamilies): Promise<ArticleAnalyzedEvent[]> => {
    const events: ArticleAnalyzedEvent[] = [];
    for (const speaker of RACERS) {
      const quote = families.next();
      const slug = actorIdOf(speaker).replace('person:', '');
      const perPartition = Array.from({ length: PARTITIONS }, () => 0);
      let prints = 0;
      for (let k = 0; prints < PER_PARTITION * PARTITIONS; k += 1) {
        const id = `race-${round}-${slug}-${k}`;
        const partition = partitionOf(analysesTopic, id);
        if (perPartition[partition]! >= PER_PARTITION) continue;
        perPartition[partition] = perPartition[partition]! + 1;
        const article = quoteArticle({ id, outlet: OUTLETS[prints]!, speaker, quote: quoteVariant(quote, prints) });
        events.push(await analysed(article, round));
        prints += 1;
      }
    }
    return events;
  };

  beforeAll(async () => {
    console.log(`alert race seed: ${SEED} (repeat with ALERT_RACE_SEED=${SEED})`);
    stack = await createStack('alert-races', {
      // Lease = 2 × timeout: an alert a killed replica held is due again 8 s later.
      WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
      WEBHOOK_MAX_ATTEMPTS: '10',
    });
    analysesTopic = topicName(stack.topicPrefix, 'analyses');
    consumer = `${stack.topicPrefix}chronicle-alert`;
    await Promise.all([stack.cluster.start('api'), stack.cluster.start('alert', 0), stack.cluster.start('alert', 1)]);
    probe = await PipelineIdleProbe.connect(stack.topicPrefix);
    const settings: KafkaSettings = {
      brokers: kafkaBrokers(),
      clientId: 'chronicle-test',
      topicPrefix: stack.topicPrefix,
      partitions: PARTITIONS,
      replicationFactor: 1,
      maxWaitMs: 100,
      sessionTimeoutMs: 6000,
    };
    publisher = new EventPublisher(createKafka(settings, 'race-feed'), settings);
    await publisher.connect();

    const url = await ledger.start();
    const subscribe = async (speakers: readonly Speaker[], actors: string[]) => {
      const response = await fetch(`${stack.cluster.url('api')}/v1/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ actors, webhookUrl: url }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      subscriptions.push({ id: ((await response.json()) as { id: string }).id, speakers });
    };
    for (const speaker of RACERS) {
      await subscribe([speaker], [speaker.name]);
      await subscribe([speaker], [actorIdOf(speaker)]);
    }
    await subscribe(
      RACERS,
      RACERS.map((s) => s.name.split(' ').pop()!),
    );

    // Both replicas in the group, each with its own analyses partitions (the group has settled).
    ownership = await waitFor(replicaOwnership, {
      timeoutMs: 60_000,
      description: 'both alert replicas owning analyses partitions',
      until: (owned) => {
        const all = [...owned['alert#0'], ...owned['alert#1']].sort();
        return owned['alert#0'].length > 0 && owned['alert#1'].length > 0 && all.join() === '0,1,2';
      },
    });
    console.log(`[alert-races] ownership ${JSON.stringify(ownership)}`);

    const families = new QuoteFamilies(seededRandom(SEED));
    for (let round = 0; round < ROUNDS; round += 1) {
      await publisher.publish(
        'analyses',
        (await roundEvents(round, families)).map((event) => ({ key: event.data.articleId, event })),
      );
      await waitFor(alertPositionsAtEnd, { timeoutMs: 60_000, description: `round ${round} matched` });
      if (round === 0) {
        // Counted just after each batch commits, so a moment after the positions show it.
        consumedBeforeKills = await waitFor(
          async () => ({ 'alert#0': await eventsConsumed(0), 'alert#1': await eventsConsumed(1) }),
          {
            until: (consumed) => consumed['alert#0'] > 0 && consumed['alert#1'] > 0,
            description: 'both replicas counting consumed analyses',
          },
        );
      }
      // The receiver holds the round's POSTs for a second; if they are already answered, try the next round.
      if (round < KILL_FROM_ROUND || hitByKill.length > 0 || ledger.inFlight === 0) continue;

      // Kill the replica owning more partitions: its transactions most often win the locks and raise the round's alerts.
      const owned = await replicaOwnership();
      const victim = owned['alert#0'].length >= owned['alert#1'].length ? 0 : 1;
      inFlightAtKill = ledger.deliveries.filter((d) => d.outcome === 'pending');
      kills.push({ key: `alert#${victim}`, at: Date.now() });
      await stack.cluster.kill(`alert#${victim}`, 'SIGKILL');
      await stack.cluster.start('alert', victim);
      // The survivor records its answers; the victim's alerts stay pending until their lease ends, then come again.
      await waitFor(
        async () => {
          const statuses = await stack.query<{ id: string; status: string }>('SELECT id, status FROM alerts WHERE id = ANY($1)', [
            inFlightAtKill.map((d) => d.alertId),
          ]);
          return statuses.every((a) => a.status === 'delivered' || ledger.copiesOf(a.id) > 1);
        },
        { timeoutMs: 60_000, description: 'deliveries in flight at the kill recorded or sent again' },
      );
      hitByKill = inFlightAtKill.filter((d) => ledger.copiesOf(d.alertId) > 1);
      console.log(
        `[alert-races] round ${round}: SIGKILLed alert#${victim} with ${inFlightAtKill.length} deliveries in flight, ` +
          `${hitByKill.length} of them its own (sent again after the lease)`,
      );
    }

    // Idle: every analysis applied, no alert left to deliver, no POST open at the receiver.
    await waitFor(
      async () =>
        (await alertPositionsAtEnd()) && (await undeliveredAlerts((sql) => stack.query(sql))) === 0 && ledger.inFlight === 0,
      {
        timeoutMs: 120_000,
        intervalMs: 250,
        description: 'alert pipeline idle',
      },
    );
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await probe?.close();
    await stack?.teardown();
    await ledger.stop();
  });

  it('runs two replicas that each own analyses partitions and each consume events', () => {
    expect(ownership['alert#0']!.length).toBeGreaterThan(0);
    expect(ownership['alert#1']!.length).toBeGreaterThan(0);
    expect(consumedBeforeKills['alert#0']).toBeGreaterThan(0);
    expect(consumedBeforeKills['alert#1']).toBeGreaterThan(0);
  });

  it('opens exactly one novelty cluster per quote and speaker, holding every near-duplicate print', async () => {
    const clusters = await stack.query<{ actor_id: string; statement_count: number }>(
      `SELECT actor_id, statement_count FROM novelty_clusters ORDER BY actor_id, opened_at`,
    );
    const expected = RACERS.map(actorIdOf)
      .sort()
      .flatMap((actorId) =>
        Array.from({ length: ROUNDS }, () => ({ actor_id: actorId, statement_count: PER_PARTITION * PARTITIONS })),
      );
    expect(clusters).toEqual(expected);
  });

  it('raises one alert per subscription and quote', async () => {
    const rows = await stack.query<{ subscription_id: string; actor_id: string; alerts: number }>(
      `SELECT subscription_id, actor_id, count(*)::int AS alerts FROM alerts GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const expected = subscriptions
      .flatMap((s) => s.speakers.map((speaker) => ({ subscription_id: s.id, actor_id: actorIdOf(speaker), alerts: ROUNDS })))
      .sort((a, b) => a.subscription_id.localeCompare(b.subscription_id) || a.actor_id.localeCompare(b.actor_id));
    expect(rows).toEqual(expected);
  });

  it('SIGKILLed a replica while deliveries of its own were in flight', () => {
    expect(kills.length).toBeGreaterThan(0);
    expect(hitByKill.length).toBeGreaterThan(0);
  });

  it('delivers every alert, each id with one body and idempotency key, repeating only what a killed sender left unrecorded', async () => {
    const alerts = await stack.query<{ id: string; status: string }>('SELECT id, status FROM alerts ORDER BY id');
    expect(alerts.length).toBe(ROUNDS * RACERS.length * 3);
    expect(alerts.every((a) => a.status === 'delivered')).toBe(true);
    const received = ledger.byAlertId();
    expect([...received.keys()].sort()).toEqual(alerts.map((a) => a.id));
    expect(ledger.inconsistentRepeats()).toEqual([]);
    expect(ledger.unexplainedRepeats(kills, WEBHOOK_TIMEOUT_MS)).toEqual([]);
    const repeated = [...ledger.repeated().keys()];
    console.log(
      `[alert-races] ${ledger.deliveries.length} deliveries of ${alerts.length} alerts; ${repeated.length} alert id(s) ` +
        `delivered again after the kill (same idempotency key and body)`,
    );
  });
});
