import { seededRandom } from '@chronicle/domain';
import { runMigrations } from '@chronicle/persistence';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChronicleCluster, ServiceName } from '../e2e/support/chronicle-cluster';
import { ChronicleStack, createStack } from '../e2e/support/chronicle-stack';
import { actorIdOf, QuoteFamilies, quoteArticle, quoteVariant, Speaker, SPEAKERS } from '../e2e/support/near-duplicate-quotes';
import { PipelineIdleProbe, SqlQuery, undeliveredAlerts } from '../e2e/support/pipeline-idle';
import { aggregateDrift, readModelChecksums } from '../e2e/support/read-model-checksum';
import { KillRecord, WebhookLedger } from '../e2e/support/webhook-ledger';
import { createTestDatabase, dropTestDatabase, waitFor } from '../support/test-environment';

const SEED = Number(process.env.REPLICA_KILL_SEED ?? 4_817);
const KILLS = 10;
/** Two of each stateful consumer, one of the rest: every replica is a candidate for each kill. */
const REPLICAS: Array<[ServiceName, number]> = [
  ['ingest', 0],
  ['enrich', 0],
  ['project', 0],
  ['project', 1],
  ['alert', 0],
  ['alert', 1],
  ['api', 0],
];
const ARTICLES_PER_POST = 3;
const POST_EVERY_MS = 150;
/** Short enough to stay far below WEBHOOK_TIMEOUT_MS, long enough that kills land mid-delivery. */
const ANSWER_DELAY_MS = 300;
/** The sender's timeout; the lease on a claimed alert is twice this. */
const WEBHOOK_TIMEOUT_MS = 3000;
const OUTLETS = ['Wire One', 'Daily Two', 'Courier Three', 'Morning Four'];

type Article = ReturnType<typeof quoteArticle>;

/**
 * Articles in which the five speakers say new things and repeat earlier ones in other words
 * (trimmed, embedded, re-punctuated), so novelty clusters grow across partitions and replicas.
 * Records which quote family each speaker used: one novelty cluster is owed per (speaker, family).
 */
class QuoteStream {
  readonly families = new Map<string, Set<number>>();
  private readonly quotes: QuoteFamilies;
  private readonly spoken = new Map<string, number[]>();
  private readonly texts: string[] = [];
  private next = 0;

  constructor(private readonly random: () => number) {
    this.quotes = new QuoteFamilies(random);
  }

  articles(count: number): Article[] {
    return Array.from({ length: count }, () => this.article(this.next++));
  }

  private article(i: number): Article {
    const speaker = this.pick(SPEAKERS);
    const reply =
      this.random() < 0.3 ? SPEAKERS[(SPEAKERS.indexOf(speaker) + 1 + Math.floor(this.random() * 4)) % 5]! : undefined;
    return quoteArticle({
      id: `kill-${String(i).padStart(5, '0')}`,
      outlet: this.pick(OUTLETS),
      speaker,
      quote: this.quoteOf(speaker),
      ...(reply ? { reply: { speaker: reply, quote: this.quoteOf(reply) } } : {}),
      publishedAt: new Date(Date.UTC(2026, 3, 1, 8, 0, i)).toISOString(),
    });
  }

  /** A print of an earlier quote of the speaker (60%), else a new one. */
  private quoteOf(speaker: Speaker): string {
    const actor = actorIdOf(speaker);
    const earlier = this.spoken.get(actor) ?? [];
    let family: number;
    if (earlier.length > 0 && this.random() < 0.6) {
      family = earlier[Math.max(0, earlier.length - 1 - Math.floor(this.random() * 4))]!;
    } else {
      family = this.texts.push(this.quotes.next()) - 1;
      this.spoken.set(actor, [...earlier, family]);
    }
    this.families.set(actor, new Set([...(this.families.get(actor) ?? []), family]));
    return quoteVariant(this.texts[family]!, Math.floor(this.random() * 4));
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }
}

describe('Replicas SIGKILLed at random while articles stream in', () => {
  let stack: ChronicleStack;
  let probe: PipelineIdleProbe;
  let cleanUrl: string;
  let clean: Client;
  let cleanCluster: ChronicleCluster | undefined;
  const ledger = new WebhookLedger(ANSWER_DELAY_MS);
  const kills: KillRecord[] = [];
  const random = seededRandom(SEED);
  const stream = new QuoteStream(seededRandom(SEED + 1));
  const posted: Article[] = [];
  let failedPosts = 0;
  const live: SqlQuery = (sql, params) => stack.query(sql, params);
  const rebuilt: SqlQuery = async <T>(sql: string, params?: unknown[]) => (await clean.query(sql, params)).rows as T[];

  /** Posts one batch through ingest's HTTP API, retrying (as a client would) while ingest is down or restarting. */
  const post = async (articles: Article[]): Promise<void> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const response = await fetch(`${stack.cluster.url('ingest')}/v1/articles`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(articles),
          signal: AbortSignal.timeout(10_000),
        });
        if (response.status === 202) return;
        failedPosts += 1;
      } catch (error) {
        failedPosts += 1;
        if (Date.now() > deadline) throw error;
      }
      if (Date.now() > deadline) throw new Error(`ingest refused ${articles[0]!.id}… for a minute`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  /** Every replica's work is done: positions at the end offsets of the topics it reads, nothing left to deliver. */
  const idle = async (): Promise<boolean> => {
    const prefix = stack.topicPrefix;
    return (
      (await probe.committedGaps(`${prefix}chronicle-enrich`, ['articles'])).length === 0 &&
      (await probe.storedPositionGaps(live, `${prefix}chronicle-project`, ['articles', 'analyses'])).length === 0 &&
      (await probe.storedPositionGaps(live, `${prefix}chronicle-alert`, ['analyses'])).length === 0 &&
      (await undeliveredAlerts(live)) === 0 &&
      ledger.inFlight === 0
    );
  };

  beforeAll(async () => {
    // Seven replicas, a fixed list of keys: the first seven kills hit each once (seeded order), the rest at random.
    const order = REPLICAS.map((replica) => ({ replica, sort: random() }))
      .sort((a, b) => a.sort - b.sort)
      .map(({ replica }) => replica);
    const schedule = Array.from({ length: KILLS }, (_, i) => ({
      replica: i < order.length ? order[i]! : REPLICAS[Math.floor(random() * REPLICAS.length)]!,
      afterMs: 1000 + Math.floor(random() * 2500),
    }));
    console.log(
      `[replica-kills] seed ${SEED} (repeat with REPLICA_KILL_SEED=${SEED}): ` +
        schedule.map(({ replica: [name, index], afterMs }) => `${name}#${index}@+${afterMs}ms`).join(', '),
    );

    stack = await createStack('replica-kills', {
      WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
      WEBHOOK_MAX_ATTEMPTS: '20',
      // Small fetches make many small batches, so kills land between and inside transactions.
      CONSUMER_MAX_BYTES_PER_PARTITION: '32768',
    });
    cleanUrl = await createTestDatabase('replica-kills-clean');
    await runMigrations(cleanUrl);
    clean = new Client({ connectionString: cleanUrl });
    await clean.connect();
    await Promise.all(REPLICAS.map(([name, index]) => stack.cluster.start(name, index)));
    probe = await PipelineIdleProbe.connect(stack.topicPrefix);

    const url = await ledger.start();
    const subscribe = async (actors: string[]) => {
      const response = await fetch(`${stack.cluster.url('api')}/v1/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ actors, webhookUrl: url }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
    };
    for (const speaker of SPEAKERS) await subscribe([speaker.name]);
    await subscribe(SPEAKERS.map(actorIdOf));

    let streaming = true;
    const streamer = (async () => {
      while (streaming) {
        const articles = stream.articles(ARTICLES_PER_POST);
        await post(articles);
        posted.push(...articles);
        await new Promise((resolve) => setTimeout(resolve, POST_EVERY_MS));
      }
    })();
    try {
      for (const { replica, afterMs } of schedule) {
        await new Promise((resolve) => setTimeout(resolve, afterMs));
        const [name, index] = replica;
        kills.push({ key: `${name}#${index}`, at: Date.now() });
        await stack.cluster.kill(`${name}#${index}`, 'SIGKILL');
        await stack.cluster.start(name, index);
      }
    } finally {
      streaming = false;
      await streamer;
    }
    console.log(`[replica-kills] ${posted.length} articles posted (${failedPosts} POSTs failed and were retried)`);

    await waitFor(idle, { timeoutMs: 120_000, intervalMs: 500, description: 'every replica idle' });

    // A clean rebuild: one never-killed projector folds the same log into its own database.
    cleanCluster = new ChronicleCluster(`replica-kills-clean-${stack.topicPrefix}`, {
      ...stack.env,
      DATABASE_URL: cleanUrl,
      KAFKA_GROUP_PREFIX: `${stack.topicPrefix}clean-`,
      CONSUMER_MAX_BYTES_PER_PARTITION: '1048576',
    });
    await cleanCluster.start('project');
    await waitFor(
      async () =>
        (await probe.storedPositionGaps(rebuilt, `${stack.topicPrefix}clean-chronicle-project`, ['articles', 'analyses']))
          .length === 0,
      { timeoutMs: 120_000, intervalMs: 500, description: 'the clean rebuild caught up' },
    );
  });

  afterAll(async () => {
    await cleanCluster?.stopAll();
    await probe?.close();
    await stack?.teardown();
    await clean?.end();
    if (cleanUrl) await dropTestDatabase(cleanUrl);
    await ledger.stop();
  });

  it('killed every replica while articles streamed in, and lost none of them', async () => {
    expect(new Set(kills.map((k) => k.key))).toEqual(new Set(REPLICAS.map(([name, index]) => `${name}#${index}`)));
    const [{ n }] = await live<{ n: number }>('SELECT count(*)::int AS n FROM articles');
    expect(n).toBe(posted.length);
  });

  it('dead-letters nothing', async () => {
    expect(await probe.messages(['deadLetter'])).toBe(0);
  });

  it('leaves read models equal to a clean rebuild of the same log, with no aggregate drift', async () => {
    const crashed = await readModelChecksums(live);
    const uninterrupted = await readModelChecksums(rebuilt);
    console.log(`[replica-kills] ${JSON.stringify(Object.fromEntries(Object.entries(crashed).map(([t, c]) => [t, c.rows])))}`);
    expect(crashed.statements!.rows).toBeGreaterThan(posted.length);
    expect(crashed).toEqual(uninterrupted);
    expect(await aggregateDrift(live)).toEqual([]);
  });

  it('opens one novelty cluster per speaker and quote, and raises one alert per subscription and cluster', async () => {
    const clusters = await live<{ actor_id: string; n: number }>(
      'SELECT actor_id, count(*)::int AS n FROM novelty_clusters GROUP BY 1 ORDER BY 1',
    );
    expect(clusters).toEqual(
      [...stream.families]
        .map(([actor, families]) => ({ actor_id: actor, n: families.size }))
        .sort((a, b) => a.actor_id.localeCompare(b.actor_id)),
    );
    const owed = [...stream.families.values()].reduce((sum, families) => sum + families.size, 0);
    const [{ n }] = await live<{ n: number }>('SELECT count(*)::int AS n FROM alerts');
    // Two subscriptions follow each speaker: one by name, one listing every actor id.
    expect(n).toBe(2 * owed);
  });

  it('delivers every alert, and no alert id twice unless a killed replica left it unrecorded', async () => {
    const alerts = await live<{ id: string; status: string }>('SELECT id, status FROM alerts ORDER BY id');
    expect(alerts.filter((a) => a.status !== 'delivered')).toEqual([]);
    expect([...ledger.byAlertId().keys()].sort()).toEqual(alerts.map((a) => a.id));
    expect(ledger.inconsistentRepeats()).toEqual([]);
    const alertKills = kills.filter((k) => k.key.startsWith('alert#'));
    expect(ledger.unexplainedRepeats(alertKills, WEBHOOK_TIMEOUT_MS)).toEqual([]);
    const repeats = [...ledger.repeated().values()].map((copies) => {
      const kill = alertKills.filter((k) => k.at < copies[1]!.receivedAt).at(-1);
      return `${copies[0]!.outcome}${kill ? `, ${kill.key} killed ${kill.at - copies[0]!.receivedAt} ms after copy 1 came` : ''}`;
    });
    console.log(
      `[replica-kills] ${ledger.deliveries.length} deliveries of ${alerts.length} alerts; ${repeats.length} delivered twice ` +
        `after ${alertKills.length} alert-replica kills (same idempotency key and body): ${JSON.stringify(repeats)}`,
    );
  });
});
