import { StanceRow } from '../contributions/fold';
import { exactInstantSql, isoInstant } from '../sql/iso-instant';
import { SqlRunner } from '../sql/sql-session';

/** One stance of an actor, with the article it is reported in. */
export interface SpeakerStance extends StanceRow {
  articleId: string;
  articleTitle: string;
  articleUrl: string | null;
  outlet: string | null;
  /** The article's time, as its statements' `saidAt`: published, else received, as the analysis in place has it. */
  saidAt: string;
}

/**
 * Where a page of an actor's stances ends: the article's time (to the microsecond, UTC) and id, then the stance's
 * start offset and its place in the article's list (two stances of one article never share both).
 */
export interface StanceKey {
  saidAt: string;
  articleId: string;
  start: number;
  position: number;
}

/** One row of {@link stancesBySpeaker}'s query: an element of `articles.stances` with its article. */
export interface SpeakerStanceRow {
  article_id: string;
  title: string;
  url: string | null;
  outlet: string | null;
  said_at: Date | string;
  said_at_key: string;
  stance: StanceRow;
  position: string | number;
}

/**
 * The time statements are said at (`contributed_at`: the analysis in place's published-or-received time), falling
 * back to the article's own for a row written without an analysis (which holds no stances).
 */
const SAID_AT = 'COALESCE(a.contributed_at, a.published_at, a.received_at)';
const START = "(st.stance->>'start')::int";

/** The rows of a page read with one row more than `limit`, and the key the next page starts after. */
export function stancePage(
  rows: readonly SpeakerStanceRow[],
  limit: number,
): { stances: SpeakerStance[]; next: StanceKey | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    stances: page.map(toSpeakerStance),
    next:
      rows.length > limit && last
        ? { saidAt: last.said_at_key, articleId: last.article_id, start: last.stance.start, position: Number(last.position) }
        : null,
  };
}

/** A stance as the API lists it: the stance as the article shows it, with the article's id, title, outlet, url and time. */
export function toSpeakerStance(row: SpeakerStanceRow): SpeakerStance {
  const { text, cue, start, end, speaker, sentiment } = row.stance;
  return {
    text,
    cue,
    start,
    end,
    speaker,
    sentiment,
    articleId: row.article_id,
    articleTitle: row.title,
    articleUrl: row.url,
    outlet: row.outlet,
    saidAt: isoInstant(row.said_at),
  };
}

/**
 * One page of the stances whose speaker is `actorId`, across articles: newest article first (ties by article id,
 * descending), each article's in text order; from the start, or after a page's end `after` (keyset).
 *
 * `stances @> [{"speaker":{"id":…}}]` finds the articles on `articles_stances_idx` (GIN, `jsonb_path_ops`); their
 * stances are then expanded and filtered on the speaker again, since one article holds stances of several speakers.
 * No index gives this order, so each page sorts the actor's stances (a few per article naming them).
 */
export async function stancesBySpeaker(
  sql: SqlRunner,
  actorId: string,
  limit: number,
  after: StanceKey | null,
): Promise<{ stances: SpeakerStance[]; next: StanceKey | null }> {
  const parameters: unknown[] = [actorId, JSON.stringify([{ speaker: { id: actorId } }]), limit + 1];
  if (after) parameters.push(after.saidAt, after.articleId, after.start, after.position);
  const rows: SpeakerStanceRow[] = await sql.query(
    `SELECT a.id AS article_id, a.title, a.url, a.outlet, ${SAID_AT} AS said_at,
            ${exactInstantSql(SAID_AT)} AS said_at_key,
            st.stance, st.position
     FROM articles a CROSS JOIN LATERAL jsonb_array_elements(a.stances) WITH ORDINALITY AS st(stance, position)
     WHERE a.stances @> $2::jsonb AND st.stance->'speaker'->>'id' = $1
       ${
         after
           ? `AND ((${SAID_AT}, a.id) < ($4::timestamptz, $5::text)
                OR (${SAID_AT} = $4::timestamptz AND a.id = $5::text AND (${START}, st.position) > ($6::int, $7::bigint)))`
           : ''
       }
     ORDER BY ${SAID_AT} DESC, a.id DESC, ${START}, st.position
     LIMIT $3`,
    parameters,
  );
  return stancePage(rows, limit);
}
