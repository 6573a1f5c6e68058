import { ReadModelRow, SliceRows } from '@chronicle/read-models';
import { SpeakerOutletChange } from './fold';

export const speakerOutletRows: SliceRows<SpeakerOutletChange[]> = {
  fromFold: (changes) => changes.map((c): ReadModelRow => ({ ...c })),
  read: async (sql) => {
    const rows: Array<{ speaker_id: string; outlet: string; statements: number }> = await sql.query(
      'SELECT speaker_id, outlet, statements FROM speaker_outlets ORDER BY speaker_id COLLATE "C", outlet COLLATE "C"',
    );
    return rows.map((r) => ({ speakerId: r.speaker_id, outlet: r.outlet, statements: Number(r.statements) }));
  },
};
