import { ReadModelRow, SliceRows } from '../read-model-slice';
import { isoInstant } from '../sql/iso-instant';
import { ActorChange } from './fold';

export const actorRows: SliceRows<ActorChange[]> = {
  fromFold: (changes) =>
    changes.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      role: a.role,
      aliases: a.aliases,
      firstSeen: a.firstSeen,
      lastSeen: a.lastSeen,
      mentions: a.mentions,
      articles: a.articles,
      statements: a.statements,
    })),
  read: async (sql) => {
    const rows: Array<Record<string, unknown>> = await sql.query(
      `SELECT id, name, kind, role, aliases, first_seen, last_seen, mention_count, article_count, statement_count
       FROM actors ORDER BY id COLLATE "C"`,
    );
    return rows.map((r): ReadModelRow => ({
      id: r.id as string,
      name: r.name as string,
      kind: r.kind as string,
      role: r.role as string | null,
      aliases: r.aliases as string[],
      firstSeen: isoInstant(r.first_seen as Date),
      lastSeen: isoInstant(r.last_seen as Date),
      mentions: Number(r.mention_count),
      articles: Number(r.article_count),
      statements: Number(r.statement_count),
    }));
  },
};
