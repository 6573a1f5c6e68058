import {
  createDataSource,
  createShadowSchema,
  deriveDeferredAggregates,
  dropSchema,
  projectionNamed,
  runMigrations,
  swapShadowIn,
} from '@chronicle/persistence';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase } from '../support/test-environment';

const insertStatement = (schema: string, id: string, text: string) =>
  `INSERT INTO ${schema}.statements (id, article_id, kind, text, start_offset, end_offset, sentiment_score, sentiment_label, cluster_id, said_at)
   VALUES ('${id}', 'a1', 'direct', '${text}', 0, 1, 0, 'neutral', 'c-${id}', '2026-05-01T00:00:00Z') RETURNING seq::text AS seq`;

describe('statements.seq across a rebuild', () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase('statement-seq-rebuild');
    await runMigrations(url);
    dataSource = await createDataSource(url, 2).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  describe('when a shadow is built, swapped in and the retired tables dropped', () => {
    it('keeps one rising sequence and the generated search vector, in the shadow and after the swap', async () => {
      const readModels = projectionNamed('read-models');
      const seq = async (sql: string) => BigInt(((await dataSource.query(sql)) as Array<{ seq: string }>)[0]!.seq);
      const live = await seq(insertStatement('public', 'before', 'Sanctions before the rebuild'));
      await createShadowSchema(dataSource, readModels, 'shadow_seq');
      const shadow = await seq(insertStatement('shadow_seq', 'rebuilt', 'Sanctions rebuilt'));
      expect(shadow).toBeGreaterThan(live);
      await deriveDeferredAggregates(dataSource, readModels, 'shadow_seq');
      const outcome = await swapShadowIn(dataSource, readModels, {
        shadowSchema: 'shadow_seq',
        liveConsumer: 'no-live-projector',
        shadowConsumer: 'no-shadow-projector',
        retiredSchema: 'retired_seq',
      });
      expect(outcome).toEqual({ swapped: true, retiredSchema: 'retired_seq' });
      await dropSchema(dataSource, 'retired_seq');
      await dropSchema(dataSource, 'shadow_seq');
      const after = await seq(insertStatement('public', 'after', 'Sanctions after the swap'));
      expect(after).toBeGreaterThan(shadow);
      const found: Array<{ id: string }> = await dataSource.query(
        `SELECT id FROM statements WHERE search_vector @@ to_tsquery('english', 'sanction') ORDER BY seq`,
      );
      expect(found.map((row) => row.id)).toEqual(['rebuilt', 'after']);
    });
  });
});
