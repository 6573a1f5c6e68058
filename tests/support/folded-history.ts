import { createDataSource, runMigrations } from '@chronicle/persistence';
import { analyzedEvents } from '@chronicle/test-support';
import { DataSource } from 'typeorm';
import { rowsChecksumSql } from '../e2e/support/read-model-checksum';
import { foldAnalyses, retractArticles } from './read-model-fold';
import { createTestDatabase } from './test-environment';

/**
 * A migrated test database (`name`) holding the read models of 300 generated analysed articles folded by the
 * project service's code in batches of 25, three of them retracted afterwards: what a migration over existing
 * rows is tried on.
 */
export async function foldedHistoryDatabase(name: string): Promise<{ url: string; dataSource: DataSource }> {
  const url = await createTestDatabase(name);
  await runMigrations(url);
  const dataSource = await createDataSource(url, 2).initialize();
  await foldAnalyses(dataSource, analyzedEvents(300), 25);
  await retractArticles(dataSource, ['bench-10', 'bench-11', 'bench-12']);
  return { url, dataSource };
}

/** The row count and an md5 of the rows of `select` ({@link rowsChecksumSql}): equal when the rows are. */
export async function rowsChecksum(dataSource: DataSource, select: string): Promise<{ rows: number; md5: string }> {
  const [checksum] = await dataSource.query(rowsChecksumSql(select));
  return checksum;
}
