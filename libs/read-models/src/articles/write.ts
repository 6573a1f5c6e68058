import { AnalyzedArticle } from '../contributions/fold';
import { SqlSession } from '../sql/sql-session';
import { ArticleLifecycleChange, LockedArticleState } from './fold';
import { isoInstant } from '../sql/iso-instant';

type Row = Record<string, unknown>;

/**
 * Inserts articles first seen in this batch and returns their ids. Those rows are written whole
 * here (their content goes in once); existing rows are left to `lockArticles` + `applyLifecycle`.
 */
export async function insertNewArticles(session: SqlSession, changes: readonly ArticleLifecycleChange[]): Promise<Set<string>> {
  const rows = changes.flatMap((c) => (c.content ? [{ ...c.content, status: c.status }] : []));
  if (rows.length === 0) return new Set();
  const inserted = await session.rows<{ id: string }>(
    `INSERT INTO articles (id, url, outlet, title, body, published_at, received_at, status, content_offset)
     SELECT id, url, outlet, title, body, "publishedAt", "receivedAt", status, "contentOffset"::bigint
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, url text, outlet text, title text, body text,
          "publishedAt" timestamptz, "receivedAt" timestamptz, status text, "contentOffset" text)
     ORDER BY id
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [JSON.stringify(rows)],
  );
  // Counted as inserted: the articles that already had a row were not written here.
  session.written('articles', inserted.length);
  return new Set(inserted.map((r) => r.id));
}

/**
 * Inserts the articles this store has never seen, with the analysis already in place, and
 * returns their ids. Most analyses are an article's first (every one, in a rebuild): such an
 * article has no contribution to subtract and its row is ours from the insert on, so it skips
 * the lock, the read-back and the update an existing article goes through.
 */
export async function insertFirstAnalysedArticles(
  session: SqlSession,
  analyses: readonly AnalyzedArticle[],
): Promise<Set<string>> {
  if (analyses.length === 0) return new Set();
  const rows = await session.rows<{ id: string }>(
    // Sorted by id (the lock order); rows that exist are left to `lockArticles` + `recordAnalyses`.
    // The body is the submission's, written when the projector reads it from the articles topic.
    `INSERT INTO articles (id, url, outlet, title, body, published_at, received_at, analysis_offset, analyzer_version,
                           analysis_event_id, analyzed_at, contributed_outlet, contributed_at, stances)
     SELECT "articleId", url, outlet, title, '', "publishedAt", "receivedAt", "analysisOffset"::bigint, "analyzerVersion",
            "analysisEventId", "analyzedAt", outlet, "seenAt", stances
     FROM jsonb_to_recordset($1::jsonb) AS r("articleId" text, url text, outlet text, title text, "publishedAt" timestamptz,
          "receivedAt" timestamptz, "analysisOffset" text, "analyzerVersion" text, "analysisEventId" text,
          "analyzedAt" timestamptz, "seenAt" timestamptz, stances jsonb)
     ORDER BY "articleId"
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [JSON.stringify(analyses.map(articleAnalysisColumns))],
  );
  // Counted as inserted: the articles that already had a row were not written here.
  session.written('articles', rows.length);
  return new Set(rows.map((r) => r.id));
}

/** Locks the article rows (sorted) and returns what decides whether their contribution changes. */
export async function lockArticles(session: SqlSession, ids: readonly string[]): Promise<LockedArticleState[]> {
  if (ids.length === 0) return [];
  const rows = await session.rows(
    `SELECT id, analysis_offset::text, retracted_offset::text, contributed_outlet, contributed_at
     FROM articles WHERE id = ANY($1) ORDER BY id FOR UPDATE`,
    [ids],
  );
  return rows.map((r: Row) => ({
    id: r.id as string,
    analysisOffset: r.analysis_offset as string | null,
    retractedOffset: r.retracted_offset as string | null,
    contributedOutlet: r.contributed_outlet as string | null,
    contributedAt: isoInstant(r.contributed_at as Date | null),
  }));
}

/**
 * Content, status and retraction columns from the articles topic (rows already locked). The
 * content of a row `insertNewArticles` has just written is in place already; its retraction is not.
 */
export async function applyLifecycle(
  session: SqlSession,
  changes: readonly ArticleLifecycleChange[],
  inserted: ReadonlySet<string>,
): Promise<void> {
  const contents = changes.flatMap((c) => (c.content && !inserted.has(c.id) ? [{ ...c.content, status: c.status }] : []));
  if (contents.length > 0) {
    await session.write(
      'articles',
      contents.length,
      `UPDATE articles a SET url = r.url, outlet = r.outlet, title = r.title, body = r.body, published_at = r."publishedAt",
         received_at = r."receivedAt", status = r.status, content_offset = r."contentOffset"::bigint
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, url text, outlet text, title text, body text,
            "publishedAt" timestamptz, "receivedAt" timestamptz, status text, "contentOffset" text)
       WHERE a.id = r.id`,
      [JSON.stringify(contents)],
    );
  }
  const retractions = changes.flatMap((c) => (c.retraction ? [{ ...c.retraction, status: c.status }] : []));
  if (retractions.length > 0) {
    await session.write(
      'articles',
      retractions.length,
      `UPDATE articles a SET status = r.status, retracted_at = r."retractedAt", retraction_reason = r.reason,
         retracted_offset = GREATEST(a.retracted_offset, r."retractedOffset"::bigint)
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, status text, "retractedAt" timestamptz, reason text,
            "retractedOffset" text)
       WHERE a.id = r.id`,
      [JSON.stringify(retractions)],
    );
  }
}

/** Marks withdrawn articles as contributing nothing (their rows were taken by `takeContributions`), stances included. */
export async function clearAnalyses(session: SqlSession, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await session.write(
    'articles',
    ids.length,
    `UPDATE articles SET analysis_offset = NULL, analyzer_version = NULL, analysis_event_id = NULL, analyzed_at = NULL,
       contributed_outlet = NULL, contributed_at = NULL, stances = '[]'
     WHERE id = ANY($1)`,
    [ids],
  );
}

/** Records which analysis is now in place on existing (locked) article rows. */
export async function recordAnalyses(session: SqlSession, analyses: readonly AnalyzedArticle[]): Promise<void> {
  if (analyses.length === 0) return;
  await session.write(
    'articles',
    analyses.length,
    `UPDATE articles a SET analysis_offset = r."analysisOffset"::bigint, analyzer_version = r."analyzerVersion",
       analysis_event_id = r."analysisEventId", analyzed_at = r."analyzedAt", contributed_outlet = r.outlet,
       contributed_at = r."seenAt", stances = r.stances
     FROM jsonb_to_recordset($1::jsonb) AS r("articleId" text, "analysisOffset" text, "analyzerVersion" text,
          "analysisEventId" text, "analyzedAt" timestamptz, outlet text, "seenAt" timestamptz, stances jsonb)
     WHERE a.id = r."articleId"`,
    [JSON.stringify(analyses.map(articleAnalysisColumns))],
  );
}

function articleAnalysisColumns(a: AnalyzedArticle) {
  return {
    articleId: a.articleId,
    url: a.url,
    outlet: a.outlet,
    title: a.title,
    publishedAt: a.publishedAt,
    receivedAt: a.receivedAt,
    analysisOffset: a.analysisOffset,
    analyzerVersion: a.analyzerVersion,
    analysisEventId: a.analysisEventId,
    analyzedAt: a.analyzedAt,
    seenAt: a.seenAt,
    stances: a.stances,
  };
}
