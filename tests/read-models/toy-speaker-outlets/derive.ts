import { SqlRunner } from '@chronicle/read-models';

/** The same counts from the statement rows, for a rebuild. */
export async function deriveSpeakerOutlets(sql: SqlRunner): Promise<void> {
  await sql.query(
    `INSERT INTO speaker_outlets (speaker_id, outlet, statements)
     SELECT speaker_id, outlet, count(*) FROM statements
     WHERE speaker_id IS NOT NULL AND outlet IS NOT NULL GROUP BY speaker_id, outlet`,
  );
}
