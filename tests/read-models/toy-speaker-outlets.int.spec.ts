import { createDataSource, runMigrations } from '@chronicle/persistence';
import { InMemoryProjection, projectionSpec, READ_MODEL_SCENARIOS, FIRST_ARTICLE, SECOND_ARTICLE } from '@chronicle/test-support';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgReadModelTransaction } from '../../apps/project/src/read-models/read-model-transaction';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';
import { projectInPostgres } from './support/slice-in-postgres';
import { SPEAKER_OUTLETS_TABLE_SQL, speakerOutletsSlice } from './toy-speaker-outlets/speaker-outlets.slice';

/** The README's "How to add a read model", walked through with a toy slice. */
describe('adding a read model (toy slice: statements per speaker and outlet)', () => {
  describe('step 2: its fold, specified given/when/then in memory', () => {
    it('counts statements per speaker and outlet', () => {
      projectionSpec(speakerOutletsSlice)
        .given({ analyses: [FIRST_ARTICLE] })
        .when({ analyses: [SECOND_ARTICLE] })
        .then([
          { speakerId: 'person:maria-lindqvist', outlet: 'Daily Two', statements: 1 },
          { speakerId: 'person:maria-lindqvist', outlet: 'Wire One', statements: 1 },
        ]);
    });

    for (const scenario of READ_MODEL_SCENARIOS) {
      it(`leaves the rows of the equivalent history when ${scenario.name}`, () => {
        projectionSpec(speakerOutletsSlice)
          .given(...scenario.history)
          .when()
          .thenSameAs(...scenario.sameAs);
      });
    }
  });

  describe('step 3: its write and its derivation, in PostgreSQL', () => {
    let url: string;
    let dataSource: DataSource;

    beforeAll(async () => {
      url = await createTestDatabase('toy_slice');
      await runMigrations(url);
      dataSource = await createDataSource(url, 2).initialize();
      await dataSource.query(SPEAKER_OUTLETS_TABLE_SQL);
    });
    afterAll(async () => {
      await dataSource?.destroy();
      if (url) await dropTestDatabase(url);
    });

    for (const [index, scenario] of READ_MODEL_SCENARIOS.entries()) {
      it(`writes and derives the rows of its fold when ${scenario.name}`, async () => {
        await dataSource.query('TRUNCATE articles, mentions, statements, consumer_positions, speaker_outlets');
        await projectInPostgres(dataSource, scenario.history);
        const inMemory = scenario.history.reduce((store, batch) => store.apply(batch), new InMemoryProjection());
        const expected = inMemory.rows(speakerOutletsSlice);
        expect(expected.length, `scenario ${index} has rows to compare`).toBeGreaterThan(0);

        await speakerOutletsSlice.derive(dataSource);
        expect(await speakerOutletsSlice.rows.read(dataSource)).toEqual(expected);

        await dataSource.query('TRUNCATE speaker_outlets');
        await dataSource.transaction(async (manager) =>
          speakerOutletsSlice.write(
            new PgReadModelTransaction(manager),
            speakerOutletsSlice.encode(inMemory.changes(speakerOutletsSlice)),
          ),
        );
        expect(await speakerOutletsSlice.rows.read(dataSource)).toEqual(expected);
      });
    }
  });
});
