import { NoveltyStatement } from '@chronicle/domain';
import { createDataSource, runMigrations } from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertRepository } from '../../apps/alert/src/matching/alert.repository';
import { placeInClusters } from '../../apps/alert/src/matching/place-in-clusters';
import { recordedDataSource, StatementRecorder } from '../support/statement-recorder';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

const statement = (id: string, actorId: string, text: string): NoveltyStatement => ({
  statementId: id,
  actorId,
  text,
  articleId: `article-${id}`,
  articleUrl: null,
  outlet: 'Wire One',
  saidAt: '2026-03-01T08:00:00.000Z',
});

/**
 * What an alert batch's clustering sends: the speakers' locks and the transaction's clock in one statement, the
 * statements already placed and the candidate clusters in another.
 */
describe(`${placeInClusters.name} round trips`, () => {
  let url: string;
  let dataSource: DataSource;
  const recorder = new StatementRecorder();

  beforeAll(async () => {
    url = await createTestDatabase('novelty-placement-round-trips');
    await runMigrations(url);
    dataSource = await recordedDataSource(createDataSource(url, 2), recorder).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it("locks the speakers and reads the clock together, reads placed statements and candidates together, and opens clusters at the transaction's time", async () => {
    const batch = [
      statement('s1', 'person:maria-lindqvist', 'We will not yield an inch of our land to anyone'),
      statement('s2', 'person:juan-herrera', 'The council meets again in spring to settle the budget'),
    ];
    let clock = '';
    const sent = await recorder.during(() =>
      dataSource.transaction(async (manager) => {
        await placeInClusters(new AlertRepository(manager), batch, 0.7);
        clock = (await manager.query<Array<{ now: Date }>>('SELECT now() AS now'))[0]!.now.toISOString();
      }),
    );
    const placement = sent.slice(1, -2);
    expect(placement[0]).toMatch(/^SELECT pg_advisory_xact_lock\(k\), now\(\) AS now FROM/);
    expect(placement.filter((s) => s.startsWith('SELECT now()'))).toEqual([]);
    // Locks and clock, placed statements with candidate clusters, opened clusters, members.
    expect(placement).toHaveLength(4);
    const opened = await dataSource.query<Array<{ actor_id: string; opened_at: Date }>>(
      'SELECT actor_id, opened_at FROM novelty_clusters ORDER BY actor_id',
    );
    expect(opened.map((c) => [c.actor_id, c.opened_at.toISOString()])).toEqual([
      ['person:juan-herrera', clock],
      ['person:maria-lindqvist', clock],
    ]);
  });

  it('finds a redelivered batch placed already, and sends nothing after the lookup', async () => {
    const batch = [
      statement('s1', 'person:maria-lindqvist', 'We will not yield an inch of our land to anyone'),
      statement('s2', 'person:juan-herrera', 'The council meets again in spring to settle the budget'),
    ];
    let placement: Awaited<ReturnType<typeof placeInClusters>> | undefined;
    const sent = await recorder.during(() =>
      dataSource.transaction(async (manager) => {
        placement = await placeInClusters(new AlertRepository(manager), batch, 0.7);
      }),
    );
    expect(sent.slice(1, -1)).toHaveLength(2);
    expect([...placement!.placed.keys()].sort()).toEqual(['s1', 's2']);
    expect(placement!.changes.assignments).toEqual([]);
    const clusters = await dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM novelty_clusters');
    expect(clusters).toEqual([{ n: 2 }]);
  });
});
