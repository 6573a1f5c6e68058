import { topicName } from '@chronicle/contracts';
import { seededRandom } from '@chronicle/domain';
import { API_KEYS_APPLICATION_NAME } from '@chronicle/persistence';
import { RATE_LIMIT_APPLICATION_NAME } from '@chronicle/platform';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backendPid,
  FAULT_POINT_ENV,
  holdFaultPoint,
  holdingPositions,
  releaseFaultPoint,
  requestPositionsLock,
  waitAtFaultPoint,
} from '../support/fault-point';
import {
  logBefore,
  readModelDifferences,
  ReferenceLog,
  referenceReadModels,
  snapshotReadModels,
  snapshotSource,
  SqlQuery,
  storedLogPositions,
} from '../support/reference-read-models';
import { kafkaBrokers, waitFor } from '../support/test-environment';
import { projectorCaughtUp, projectTopicEnds, readProjectLog } from '../support/topic-log';
import { ChronicleCluster } from './support/chronicle-cluster';
import { ChronicleStack, createStack } from './support/chronicle-stack';
import { revisedSyntheticArticle, syntheticArticle } from './support/synthetic-articles';

const KILLS = 10;
const PER_ROUND = 150;
const ARTICLES = KILLS * PER_ROUND;
/** Fixed, so a failure repeats; the only randomness is how long the projector runs between kills. */
const SEED = Number(process.env.CRASH_SEED ?? 424_242);

const isRevised = (i: number) => i % 10 === 3;
const isRetracted = (i: number) => i % 25 === 7;

/** What the test saw at one kill. */
interface Kill {
  round: number;
  /** Backends stopped at the fault point with effects written when the process was killed. */
  stoppedAtFaultPoint: number;
  /** Of those, the ones holding consumer_positions (their position row locked, to be written in the same transaction). */
  holdingPositions: number;
  /** Snapshots: right after in-flight batches committed (positions held), and after the kill rolled back. */
  snapshots: { committed: string; killed: string };
}

describe('project service', () => {
  let stack: ChronicleStack;
  /** The project service alone, with the fault point armed; ingest and enrich run without it. */
  let projector: ChronicleCluster;
  let holder: Client;
  let locker: Client;
  /** Sessions the test itself holds on the database. */
  let ownBackends: number[];
  let topics: { articles: string; analyses: string };
  let log: ReferenceLog;
  const kills: Kill[] = [];
  const random = seededRandom(SEED);

  const connect = async () => {
    const client = new Client({ connectionString: stack.databaseUrl });
    await client.connect();
    return client;
  };
  const queryOf =
    (client: Client): SqlQuery =>
    async <T>(sql: string, params?: unknown[]) =>
      (await client.query(sql, params)).rows as T[];
  const query: SqlQuery = (sql, params) => stack.query(sql, params);

  beforeAll(async () => {
    // Small fetches make many small batches, so there is always a next one to stop.
    stack = await createStack('project-crash', { CONSUMER_MAX_BYTES_PER_PARTITION: '16384' });
    projector = new ChronicleCluster(`project-crash-projector-${stack.topicPrefix}`, { ...stack.env, ...FAULT_POINT_ENV });
    topics = { articles: topicName(stack.topicPrefix, 'articles'), analyses: topicName(stack.topicPrefix, 'analyses') };
    holder = await connect();
    locker = await connect();
    ownBackends = [
      await backendPid(holder),
      await backendPid(locker),
      (await query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]!.pid,
    ];
  });

  afterAll(async () => {
    // The test's sessions first: a batch stopped at the fault point could not finish (nor the service stop) while they hold it.
    await holder?.end();
    await locker?.end();
    await projector?.stopAll();
    await stack?.teardown();
  });

  const send = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${stack.cluster.url('ingest')}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(202);
  };

  const postRound = async (round: number): Promise<number> => {
    const articles = Array.from({ length: PER_ROUND }, (_, i) => syntheticArticle(round * PER_ROUND + i));
    await send('POST', '/v1/articles', articles);
    let analyses = PER_ROUND;
    for (const article of articles) {
      const i = Number(article.id.split('-')[1]);
      if (isRevised(i)) {
        const { id: _id, ...revision } = revisedSyntheticArticle(i);
        await send('PUT', `/v1/articles/${article.id}`, revision);
        analyses += 1;
      }
      if (isRetracted(i)) await send('DELETE', `/v1/articles/${article.id}`, { reason: 'test retraction' });
    }
    return analyses;
  };

  /**
   * Sessions of this database other than the test's own: the project service's. Ingest's key and
   * rate-limit pools (named) idle for half a minute after each round and are not the projector's.
   */
  const serviceBackends = async (): Promise<number> => {
    const [{ n }] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> ALL($1) AND application_name <> ALL($2)`,
      [ownBackends, [API_KEYS_APPLICATION_NAME, RATE_LIMIT_APPLICATION_NAME]],
    );
    return n;
  };

  describe(`when it is SIGKILLed ${KILLS} times inside batch transactions while ${ARTICLES} articles, revisions and retractions flow`, () => {
    beforeAll(async () => {
      console.log(`project-crash seed: ${SEED} (repeat with CRASH_SEED=${SEED})`);
      await Promise.all([stack.cluster.start('ingest'), stack.cluster.start('enrich')]);
      let project = await projector.start('project');
      let expectedAnalyses = 0;
      for (let round = 0; round < KILLS; round += 1) {
        // Let the restarted projector work off some of the backlog first, for a seeded while.
        await new Promise((r) => setTimeout(r, Math.floor(random() * 1500)));
        await holdFaultPoint(holder);
        expectedAnalyses += await postRound(round);
        await waitAtFaultPoint(query);

        // Let the stopped batches commit, and look at the store the moment they have, while no
        // position can be written (their transactions hold consumer_positions; this lock waits
        // for them and holds back every later batch at its first statement, before any effect).
        const committed = `crash_${round}_committed`;
        const positionsLock = await requestPositionsLock(locker, query);
        await releaseFaultPoint(holder);
        await positionsLock.granted;
        await snapshotReadModels(queryOf(locker), committed);
        await holdFaultPoint(holder);
        await locker.query('COMMIT');

        // The batches held back go on, write their effects and stop at the fault point: kill there.
        const stopped = await waitAtFaultPoint(query);
        const holding = await holdingPositions(query, stopped);
        await projector.kill(project, 'SIGKILL');
        await releaseFaultPoint(holder);
        await waitFor(async () => (await serviceBackends()) === 0, {
          timeoutMs: 30_000,
          intervalMs: 50,
          description: "the killed projector's sessions gone (their transactions rolled back)",
        });
        const killed = `crash_${round}_killed`;
        await snapshotReadModels(query, killed);
        kills.push({
          round,
          stoppedAtFaultPoint: stopped.length,
          holdingPositions: holding.length,
          snapshots: { committed, killed },
        });
        console.log(`kill ${round}: ${stopped.length} batch transaction(s) stopped at the fault point with effects written`);
        project = await projector.start('project');
      }
      await waitFor(() => projectorCaughtUp(query, kafkaBrokers(), stack.topicPrefix, { analyses: expectedAnalyses }), {
        timeoutMs: 120_000,
        intervalMs: 500,
        description: 'the restarted projector caught up with both topics',
      });
      log = await readProjectLog(kafkaBrokers(), stack.topicPrefix);
    });

    it('lands every kill inside a batch transaction, after its effects and before its position and commit', () => {
      expect(kills).toHaveLength(KILLS);
      for (const kill of kills) {
        expect(kill.stoppedAtFaultPoint, `kill ${kill.round}`).toBeGreaterThan(0);
        expect(kill.holdingPositions, `kill ${kill.round}: stopped transactions holding consumer_positions`).toBe(
          kill.stoppedAtFaultPoint,
        );
      }
    });

    it('rolls back the killed batches whole: positions after each kill are those of the last commit', async () => {
      for (const kill of kills) {
        const positions = (schema: string) => storedLogPositions(query, topics, { table: `${schema}.consumer_positions` });
        const committed = await positions(kill.snapshots.committed);
        expect(committed.articles.size + committed.analyses.size, `kill ${kill.round}`).toBeGreaterThan(0);
        expect(await positions(kill.snapshots.killed), `kill ${kill.round}`).toEqual(committed);
      }
    });

    it('ends with every read model equal to an independent fold of the log, checked both ways', async () => {
      const reference = referenceReadModels(log);
      expect(reference.articles).toHaveLength(ARTICLES);
      expect(reference.articles.filter((a) => a.status === 'retracted')).toHaveLength(KILLS * (PER_ROUND / 25));
      expect(reference.statements.length).toBeGreaterThanOrEqual(ARTICLES);
      expect(await readModelDifferences(query, reference)).toEqual({});
    });

    it('ends with consumer_positions at the end offsets of both topics', async () => {
      const ends = await projectTopicEnds(kafkaBrokers(), stack.topicPrefix);
      const positions = await storedLogPositions(query, topics);
      const nonEmpty = (partitions: ReadonlyMap<number, bigint>) => new Map([...partitions].filter(([, offset]) => offset > 0n));
      expect(nonEmpty(positions.articles)).toEqual(nonEmpty(ends.get(topics.articles)!));
      expect(nonEmpty(positions.analyses)).toEqual(nonEmpty(ends.get(topics.analyses)!));
    });

    it('held, right after every commit and after every kill, exactly the effects of the events below its positions', async () => {
      const seen: Record<string, unknown> = {};
      for (const kill of kills) {
        for (const schema of [kill.snapshots.committed, kill.snapshots.killed]) {
          const positions = await storedLogPositions(query, topics, { table: `${schema}.consumer_positions` });
          const differences = await readModelDifferences(query, referenceReadModels(logBefore(log, positions)), {
            source: snapshotSource(schema),
            uncheckedAnalysisOnlyContent: true,
          });
          if (Object.keys(differences).length > 0) seen[schema] = differences;
        }
      }
      expect(seen).toEqual({});
    });
  });
});
