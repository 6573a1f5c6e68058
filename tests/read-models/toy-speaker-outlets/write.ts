import { numberArrayLiteral, SqlSession, textArrayLiteral } from '@chronicle/read-models';
import { SpeakerOutletChange } from './fold';

export function encodeSpeakerOutlets(changes: SpeakerOutletChange[]): string[] {
  return [
    textArrayLiteral(changes.map((c) => c.speakerId)),
    textArrayLiteral(changes.map((c) => c.outlet)),
    numberArrayLiteral(changes.map((c) => c.statements)),
  ];
}

/** Adds the deltas in key order (the lock order), then drops pairs left with no statement. */
export async function writeSpeakerOutlets(session: SqlSession, parameters: string[]): Promise<void> {
  await session.rows(
    `INSERT INTO speaker_outlets AS t (speaker_id, outlet, statements)
     SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
     ON CONFLICT (speaker_id, outlet) DO UPDATE SET statements = t.statements + EXCLUDED.statements`,
    parameters,
  );
  await session.rows('DELETE FROM speaker_outlets WHERE statements <= 0');
}
