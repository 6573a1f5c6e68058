import { containsPattern } from '../sql/like-pattern';
import { SqlRunner } from '../sql/sql-session';
import { isoInstant } from '../sql/iso-instant';

/** An actor as lists and pages show it: names, counts and when it was seen. */
export interface ActorSummary {
  id: string;
  name: string;
  kind: string;
  role: string | null;
  aliases: string[];
  mentionCount: number;
  articleCount: number;
  statementCount: number;
  firstSeen: string;
  lastSeen: string;
}

const ACTOR_COLUMNS = 'id, name, kind, role, aliases, mention_count, article_count, statement_count, first_seen, last_seen';

/** What the API reads from the actors read model. */
export class ActorQueries {
  constructor(private readonly sql: SqlRunner) {}

  /**
   * Actors whose name or any alias contains `text` literally (case-insensitive, as `ILIKE`; `%` and `_` are
   * plain characters), most-mentioned first, ties by id (byte order). A page starts `offset` rows
   * in or, with `after`, right after the actor it names (a keyset on (mention_count, id)). Rows are
   * matched on `search_text` (name and aliases, newline-joined and lower-cased by Postgres, trigram-indexed), which
   * is `ILIKE` on each of them at once; only a text with a newline, which could match across two of them there, is
   * tested against the name and each alias as well.
   */
  async search(
    text: string | undefined,
    limit: number,
    offset: number,
    after?: { mentionCount: number; id: string },
  ): Promise<ActorSummary[]> {
    const eachName = text?.includes('\n')
      ? `AND (name ILIKE $1 ESCAPE '\\' OR EXISTS (SELECT 1 FROM unnest(aliases) a WHERE a ILIKE $1 ESCAPE '\\'))`
      : '';
    const rows: ActorRow[] = await this.sql.query(
      `SELECT ${ACTOR_COLUMNS} FROM actors
       WHERE ($1::text IS NULL OR search_text LIKE lower($1) ESCAPE '\\' ${eachName})
         AND ($4::int IS NULL OR mention_count < $4 OR (mention_count = $4 AND id COLLATE "C" > $5::text))
       ORDER BY mention_count DESC, id COLLATE "C" LIMIT $2 OFFSET $3`,
      [text === undefined ? null : containsPattern(text), limit, offset, after?.mentionCount ?? null, after?.id ?? null],
    );
    return rows.map(toActorSummary);
  }

  async findById(id: string): Promise<ActorSummary | null> {
    const rows: ActorRow[] = await this.sql.query(`SELECT ${ACTOR_COLUMNS} FROM actors WHERE id = $1`, [id]);
    return rows[0] ? toActorSummary(rows[0]) : null;
  }
}

interface ActorRow {
  id: string;
  name: string;
  kind: string;
  role: string | null;
  aliases: string[];
  mention_count: number;
  article_count: number;
  statement_count: number;
  first_seen: Date | string;
  last_seen: Date | string;
}

function toActorSummary(row: ActorRow): ActorSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    role: row.role,
    aliases: row.aliases,
    mentionCount: row.mention_count,
    articleCount: row.article_count,
    statementCount: row.statement_count,
    firstSeen: isoInstant(row.first_seen),
    lastSeen: isoInstant(row.last_seen),
  };
}
