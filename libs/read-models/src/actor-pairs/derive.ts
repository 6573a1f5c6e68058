import { SqlRunner } from '../sql/sql-session';
import { ACTOR_PAIR_KEYS_TABLE, ACTOR_PAIR_VECTORS_TABLE } from './tables';
import { PackedActorWeek, WeekCoMentions } from './week-co-mentions';

/** Articles read per `FETCH`: what this process holds of the mentions at once, beside one week's counts. */
const ARTICLES_PER_FETCH = 10_000;
/** Packed bytes per `INSERT` of a week's vectors (sent as hex, so about twice this on the wire). */
const VECTOR_BYTES_PER_INSERT = 4 * 1024 * 1024;

/**
 * Every ordered pair of distinct actors of each contributing article, counted per UTC week (from Monday) of the
 * article, derived straight into the packed weeks: a pair key for every mentioned actor (in id order), then one row
 * per (actor, week) with its co-mentions' slots in key order, as a packing round's merge leaves them. The ledger
 * stays empty. PostgreSQL hands over each article's keys a week at a time (a cursor, so this needs the transaction
 * a rebuild derives in) and the pairs are counted here ({@link WeekCoMentions}): on 100,000 articles the SQL
 * self-join and grouping of their 8.3 M pairs took 27–34 s of one core. An article's mentions share its `seen_at`,
 * so each article falls in one week.
 */
export async function deriveActorPairs(sql: SqlRunner): Promise<void> {
  await sql.query(
    `INSERT INTO ${ACTOR_PAIR_KEYS_TABLE} (actor_id)
     SELECT actor_id FROM (SELECT DISTINCT actor_id FROM mentions) m ORDER BY actor_id COLLATE "C"`,
  );
  await sql.query(
    `DECLARE article_pair_keys NO SCROLL CURSOR FOR
     SELECT week::text AS week, string_agg(key::text, ',') AS keys
     FROM (SELECT m.article_id, date_trunc('week', m.seen_at AT TIME ZONE 'UTC')::date AS week, k.key
           FROM mentions m JOIN ${ACTOR_PAIR_KEYS_TABLE} k ON k.actor_id = m.actor_id) keyed
     GROUP BY week, article_id
     ORDER BY week`,
  );
  let week: string | undefined;
  let counts = new WeekCoMentions();
  for (;;) {
    const articles: Array<{ week: string; keys: string }> = await sql.query(`FETCH ${ARTICLES_PER_FETCH} FROM article_pair_keys`);
    for (const article of articles) {
      if (article.week !== week) {
        if (week !== undefined) await insertWeek(sql, week, counts.packed());
        week = article.week;
        counts = new WeekCoMentions();
      }
      counts.addArticle(article.keys.split(',').map(Number));
    }
    if (articles.length < ARTICLES_PER_FETCH) break;
  }
  if (week !== undefined) await insertWeek(sql, week, counts.packed());
  await sql.query('CLOSE article_pair_keys');
}

/** Writes one week's packed vectors (`part` 0), a few MB per statement. */
async function insertWeek(sql: SqlRunner, week: string, actors: readonly PackedActorWeek[]): Promise<void> {
  for (let start = 0; start < actors.length;) {
    let end = start;
    let bytes = 0;
    while (end < actors.length && (end === start || bytes + actors[end].others.byteLength <= VECTOR_BYTES_PER_INSERT)) {
      bytes += actors[end].others.byteLength;
      end += 1;
    }
    const chunk = actors.slice(start, end);
    await sql.query(
      `INSERT INTO ${ACTOR_PAIR_VECTORS_TABLE} (actor_id, week, part, others)
       SELECT k.actor_id, $1::date, 0, v.others
       FROM unnest($2::int[], $3::bytea[]) AS v(key, others) JOIN ${ACTOR_PAIR_KEYS_TABLE} k ON k.key = v.key
       ORDER BY v.key`,
      [week, chunk.map((a) => a.key), chunk.map((a) => a.others)],
    );
    start = end;
  }
}
