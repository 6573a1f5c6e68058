import { ACTOR_PAIR_KEYS_TABLE, pairKeysOf } from '@chronicle/read-models';
import { createDataSource, runMigrations } from '@chronicle/persistence';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgReadModelTransaction } from '../../apps/project/src/read-models/read-model-transaction';
import { createTestDatabase, dropTestDatabase, waitFor } from '../support/test-environment';

describe(pairKeysOf.name, () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase('pair-keys');
    await runMigrations(url);
    dataSource = await createDataSource(url, 4).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  const keysOf = (ids: string[]) => dataSource.transaction((manager) => pairKeysOf(new PgReadModelTransaction(manager), ids));
  const sequenceValue = async () =>
    Number(
      (await dataSource.query(`SELECT last_value FROM pg_sequences WHERE sequencename = 'actor_pair_keys_key_seq'`))[0]
        .last_value ?? 0,
    );

  describe('when some actors have keys and some do not', () => {
    it('hands out keys to the new ones in id order, returns the old ones, and draws no number for an actor it skips', async () => {
      const first = await keysOf(['person:b', 'person:a']);
      expect(first.get('person:a')).toBeLessThan(first.get('person:b')!);
      const drawn = await sequenceValue();
      const second = await keysOf(['person:a', 'person:b', 'person:c']);
      expect(second.get('person:a')).toBe(first.get('person:a'));
      expect(second.get('person:b')).toBe(first.get('person:b'));
      expect(second.get('person:c')).toBe(drawn + 1);
      expect(await sequenceValue()).toBe(drawn + 1);
    });
  });

  describe('when another batch hands out the same new key and commits while this one waits for it', () => {
    it('reads the key that batch gave out', async () => {
      const observer = new Client({ connectionString: url });
      await observer.connect();
      const holder = dataSource.createQueryRunner();
      await holder.connect();
      await holder.startTransaction();
      try {
        const held = await pairKeysOf(new PgReadModelTransaction(holder.manager), ['person:late']);
        const waiting = keysOf(['person:late', 'person:other']);
        await waitFor(
          async () =>
            (
              await observer.query(
                `SELECT FROM pg_stat_activity
                 WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'WITH wanted%'`,
              )
            ).rowCount ?? 0,
          { until: (n) => n > 0 },
        );
        await holder.commitTransaction();
        const keys = await waiting;
        expect(keys.get('person:late')).toBe(held.get('person:late'));
        expect(keys.get('person:other')).toBeGreaterThan(0);
        const rows = await dataSource.query(
          `SELECT count(*)::int AS n FROM ${ACTOR_PAIR_KEYS_TABLE} WHERE actor_id = 'person:late'`,
        );
        expect(rows[0].n).toBe(1);
      } finally {
        if (holder.isTransactionActive) await holder.rollbackTransaction();
        await holder.release();
        await observer.end();
      }
    });
  });
});
