import { createDataSource, runMigrations } from '@chronicle/persistence';
import { ArticleQueries, ContributionQueries } from '@chronicle/read-models';
import { actor, analyzed, stance, statement } from '@chronicle/test-support';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';
import { projectInPostgres } from './support/slice-in-postgres';

/** Analyses since chronicle-nlp/1.25.0 name an unnamed source as the speaker, with an `unnamed:` id no actor has. */
describe('statements and stances of unnamed sources in the read models', () => {
  let url: string;
  let dataSource: DataSource;
  const officials = { actorId: 'unnamed:senior-officials', name: 'senior officials' };

  beforeAll(async () => {
    url = await createTestDatabase('unnamed-speakers');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
    const kiro = { actorId: 'person:kiro-tanaka', name: 'Kiro Tanaka' };
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
            stances: [stance('the decision', kiro, 120), stance('the plan', officials, 140), stance('the vote', null, 160)],
          }),
          analyzed('e2', 'a2', { actors: [], stances: [stance('the budget', officials, 20)] }),
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

  it('serves the description of an unnamed source beside a stance no actor takes', async () => {
    const article = await new ArticleQueries(dataSource).findById('a1');
    expect(article?.stances.map((s) => [s.text, s.speaker, s.unnamedSpeaker])).toEqual([
      ['the decision', { id: 'person:kiro-tanaka', name: 'Kiro Tanaka' }, null],
      ['the plan', null, 'senior officials'],
      ['the vote', null, null],
    ]);
  });

  it('lists the stance of an unnamed source under no actor', async () => {
    const queries = new ArticleQueries(dataSource);
    expect((await queries.stancesBy('person:kiro-tanaka', 10, null)).stances.map((s) => s.text)).toEqual(['the decision']);
    expect((await queries.stancesBy(officials.actorId, 10, null)).stances).toEqual([]);
  });

  it('counts the statement of an unnamed source for no actor', async () => {
    const rows = await dataSource.query('SELECT id, statement_count FROM actors ORDER BY id');
    expect(rows).toEqual([{ id: 'person:kiro-tanaka', statement_count: 1 }]);
  });

  it('serves no unnamed source for a stance stored before it was kept', async () => {
    await dataSource.query(
      `UPDATE articles SET stances = (SELECT jsonb_agg(s - 'unnamedSpeaker') FROM jsonb_array_elements(stances) s)
       WHERE id = 'a2'`,
    );
    const article = await new ArticleQueries(dataSource).findById('a2');
    expect(article?.stances.map((s) => [s.text, s.speaker, s.unnamedSpeaker])).toEqual([['the budget', null, null]]);
  });
});
