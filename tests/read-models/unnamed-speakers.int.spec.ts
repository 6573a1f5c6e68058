import { createDataSource, runMigrations } from '@chronicle/persistence';
import { ContributionQueries } from '@chronicle/read-models';
import { actor, analyzed, statement } from '@chronicle/test-support';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';
import { projectInPostgres } from './support/slice-in-postgres';

/** Analyses since chronicle-nlp/1.25.0 name an unnamed source as the speaker, with an `unnamed:` id no actor has. */
describe('statements of unnamed sources in the read models', () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase('unnamed-speakers');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
    const kiro = { actorId: 'person:kiro-tanaka', name: 'Kiro Tanaka' };
    const officials = { actorId: 'unnamed:senior-officials', name: 'senior officials' };
    await projectInPostgres(dataSource, [
      {
        analyses: [
          analyzed('e1', 'a1', {
            actors: [actor(kiro.actorId, kiro.name)],
            statements: [
              statement('We will not sign', kiro, 0),
              statement('The talks have stalled', officials, 40, 'indirect'),
              statement('Nobody knows', null, 80),
            ],
          }),
        ],
      },
    ]);
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it('serves the description of an unnamed source beside no speaker, and an actor as the speaker', async () => {
    const statements = await new ContributionQueries(dataSource).statementsInArticle('a1');
    expect(statements.map((s) => [s.text, s.speaker, s.unnamedSpeaker])).toEqual([
      ['We will not sign', { id: 'person:kiro-tanaka', name: 'Kiro Tanaka' }, null],
      ['The talks have stalled', null, 'senior officials'],
      ['Nobody knows', null, null],
    ]);
  });

  it('counts the statement of an unnamed source for no actor', async () => {
    const rows = await dataSource.query('SELECT id, statement_count FROM actors ORDER BY id');
    expect(rows).toEqual([{ id: 'person:kiro-tanaka', statement_count: 1 }]);
  });
});
