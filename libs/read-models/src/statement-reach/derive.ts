import { SqlRunner } from '../sql/sql-session';

/** First appearance by (time, article id, statement id); the outlets carrying the statement. */
export async function deriveStatementReach(sql: SqlRunner): Promise<void> {
  await sql.query(
    `INSERT INTO statement_reach (cluster_id, speaker_id, statement_count, outlet_count, first_statement_id,
                                  first_article_id, first_outlet, first_seen, last_seen)
     SELECT cluster_id, min(speaker_id COLLATE "C"), count(*), count(DISTINCT outlet),
            (array_agg(id ORDER BY said_at, article_id COLLATE "C", id COLLATE "C"))[1],
            (array_agg(article_id ORDER BY said_at, article_id COLLATE "C", id COLLATE "C"))[1],
            (array_agg(outlet ORDER BY said_at, article_id COLLATE "C", id COLLATE "C"))[1],
            min(said_at), max(said_at)
     FROM statements GROUP BY cluster_id`,
  );
}
