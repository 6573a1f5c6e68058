import { renderTsQuery, TextQuery } from '@chronicle/domain';
import { STREAM_START_SQL, streamAfter } from '../sql/commit-ordered-stream';
import { SqlRunner } from '../sql/sql-session';
import { HIGHLIGHT_START, HIGHLIGHT_STOP, splitHighlighted, TextFragment, unhighlighted } from './highlight-fragments';
import {
  EXACT_SAID_AT,
  NewestFirstKey,
  SentimentLabel,
  STATEMENT_DETAIL_JOINS,
  STATEMENT_JOINS,
  STATEMENT_SUMMARY_COLUMNS,
  StatementSummary,
  StatementSummaryRow,
  toStatementSummary,
} from './statement-summary';

/** A statement found by a search or streamed live: the summary, its article's title and its highlighted text. */
export interface StatementHit extends StatementSummary {
  articleTitle: string | null;
  fragments: TextFragment[];
}

/**
 * Where a page in relevance order ends: the `ts_rank_cd` (a float4, exact in a double) and id of its
 * last hit, and the newest match the first page ranked from, so later pages rank the same matches
 * while new statements arrive.
 */
export interface RankKey {
  rank: number;
  id: string;
  newest: NewestFirstKey;
}

/**
 * How many matches relevance order ranks: the newest this many. A common word matches a large share
 * of all statements, and ranking every match cost seconds on 500,000 statements; older matches stay
 * reachable newest first.
 */
export const RANKED_MATCHES = 1000;

/** What to search for; every filter is optional and they combine with AND. */
export interface StatementFilter {
  /** The parsed text query; without it every statement matches. */
  query?: TextQuery;
  /** The speaker's actor id. */
  actorId?: string;
  kind?: 'direct' | 'indirect';
  outlet?: string;
  /** `said_at` at or after `from` and before `to` (ISO instants). */
  from?: string;
  to?: string;
  sentiment?: SentimentLabel;
}

/** Relevance order needs a query; each order pages by its own key. */
export type StatementSearchPage =
  | { order: 'rank'; query: TextQuery; after?: RankKey; limit: number; among?: number }
  | { order: 'newest'; after?: NewestFirstKey; limit: number };

export type StatementSearchResult =
  | { order: 'rank'; hits: StatementHit[]; next: RankKey | null }
  | { order: 'newest'; hits: StatementHit[]; next: NewestFirstKey | null };

const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;

type HitRow = StatementSummaryRow & { title: string | null; rank: number | null; said_at_key: string; headline: string | null };
type RankedHitRow = HitRow & { newest_said_at: string; newest_id: string };

/** Positional parameters, numbered as they are added. */
class Parameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * One page of statements matching the filter, best match first (`ts_rank_cd`, ties by id, among the
 * newest `among` matches: {@link RANKED_MATCHES}) or newest first (`said_at`, ties by id), continuing
 * after a page's end key: keyset paging, never OFFSET. The text query runs on the GIN index of
 * `search_vector` (or, for a common word, along the `said_at` index until enough matches are found);
 * headlines are computed only for the page. The page is chosen from `statements` alone and only its
 * rows are joined to their article and reach. `next` is null on the last page.
 */
export async function searchStatements(
  sql: SqlRunner,
  filter: StatementFilter,
  page: StatementSearchPage,
): Promise<StatementSearchResult> {
  return page.order === 'rank' ? searchByRank(sql, filter, page) : searchNewestFirst(sql, filter, page);
}

async function searchNewestFirst(
  sql: SqlRunner,
  filter: StatementFilter,
  page: Extract<StatementSearchPage, { order: 'newest' }>,
): Promise<StatementSearchResult> {
  const params = new Parameters();
  const tsQuery = filter.query ? textQuery(params, filter.query) : null;
  const conditions = filterConditions(filter, params, tsQuery);
  if (page.after) conditions.push(`(s.said_at, s.id) < (${afterKey(params, page.after)})`);
  const rows: HitRow[] = await sql.query(
    withDetails(
      `SELECT s.id, NULL::real AS rank FROM statements s ${where(conditions)}
       ORDER BY s.said_at DESC, s.id DESC LIMIT ${params.add(page.limit + 1)}`,
      { headline: headline(params, tsQuery), order: 'said_at' },
    ),
    params.values,
  );
  const { hits, last } = pageOf(rows, page.limit);
  return { order: 'newest', hits, next: last ? { saidAt: last.said_at_key, id: last.id } : null };
}

/**
 * Relevance order: the newest `among` matches (at or before the first page's newest match, on later
 * pages) are ranked, and the page is the best of them after the previous page's end.
 */
async function searchByRank(
  sql: SqlRunner,
  filter: StatementFilter,
  page: Extract<StatementSearchPage, { order: 'rank' }>,
): Promise<StatementSearchResult> {
  const params = new Parameters();
  const tsQuery = textQuery(params, page.query);
  const conditions = filterConditions(filter, params, tsQuery);
  if (page.after) conditions.push(`(s.said_at, s.id) <= (${afterKey(params, page.after.newest)})`);
  const pageConditions = page.after
    ? `WHERE (ranked.rank, ranked.id) < (${params.add(page.after.rank)}::real, ${params.add(page.after.id)}::text)`
    : '';
  const rows: RankedHitRow[] = await sql.query(
    `WITH candidates AS MATERIALIZED (
       SELECT s.id, s.said_at, ts_rank_cd(s.search_vector, ${tsQuery}) AS rank
       FROM statements s ${where(conditions)}
       ORDER BY s.said_at DESC, s.id DESC LIMIT ${params.add(page.among ?? RANKED_MATCHES)}),
     newest AS (SELECT ${EXACT_SAID_AT} AS said_at_key, s.id FROM candidates s ORDER BY s.said_at DESC, s.id DESC LIMIT 1)
     ${withDetails(
       `SELECT ranked.id, ranked.rank FROM candidates ranked ${pageConditions}
        ORDER BY ranked.rank DESC, ranked.id DESC LIMIT ${params.add(page.limit + 1)}`,
       {
         headline: headline(params, tsQuery),
         order: 'rank',
         columns: '(SELECT said_at_key FROM newest) AS newest_said_at, (SELECT id FROM newest) AS newest_id',
       },
     )}`,
    params.values,
  );
  const { hits, last } = pageOf(rows, page.limit);
  const next = last
    ? { rank: Number(last.rank), id: last.id, newest: { saidAt: last.newest_said_at, id: last.newest_id } }
    : null;
  return { order: 'rank', hits, next };
}

/**
 * The page (a query of `id` and `rank`, in its order) joined to each statement's article and reach, with the
 * highlighted text and any further `columns`, sorted again by `order` (joins do not keep order).
 */
const withDetails = (
  page: string,
  { headline, order, columns }: { headline: string; order: 'rank' | 'said_at'; columns?: string },
) =>
  `SELECT hit.*, ${headline} AS headline${columns ? `, ${columns}` : ''}
   FROM (SELECT ${STATEMENT_SUMMARY_COLUMNS}, a.title, page.rank, ${EXACT_SAID_AT} AS said_at_key
         FROM (${page}) page JOIN statements s ON s.id = page.id ${STATEMENT_DETAIL_JOINS}) hit
   ORDER BY hit.${order} DESC, hit.id DESC`;

/** A page of `limit` hits from `limit + 1` rows, and its last row when there is a next page. */
function pageOf<Row extends HitRow>(rows: Row[], limit: number): { hits: StatementHit[]; last: Row | undefined } {
  const page = rows.slice(0, limit);
  return { hits: page.map(toHit), last: rows.length > limit ? page[page.length - 1] : undefined };
}

const textQuery = (params: Parameters, query: TextQuery): string =>
  `to_tsquery('english', ${params.add(renderTsQuery(query))}::text)`;
const afterKey = (params: Parameters, key: NewestFirstKey): string =>
  `${params.add(key.saidAt)}::timestamptz, ${params.add(key.id)}::text`;
const where = (conditions: string[]): string => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');
const headline = (params: Parameters, tsQuery: string | null): string =>
  tsQuery ? `ts_headline('english', hit.text, ${tsQuery}, ${params.add(HEADLINE_OPTIONS)}::text)` : 'NULL::text';

function filterConditions(filter: StatementFilter, params: Parameters, tsQuery: string | null): string[] {
  const conditions: string[] = [];
  if (tsQuery) conditions.push(`s.search_vector @@ ${tsQuery}`);
  if (filter.actorId !== undefined) conditions.push(`s.speaker_id = ${params.add(filter.actorId)}::text`);
  if (filter.kind !== undefined) conditions.push(`s.kind = ${params.add(filter.kind)}::text`);
  if (filter.outlet !== undefined) conditions.push(`s.outlet = ${params.add(filter.outlet)}::text`);
  if (filter.from !== undefined) conditions.push(`s.said_at >= ${params.add(filter.from)}::timestamptz`);
  if (filter.to !== undefined) conditions.push(`s.said_at < ${params.add(filter.to)}::timestamptz`);
  if (filter.sentiment !== undefined) conditions.push(`s.sentiment_label = ${params.add(filter.sentiment)}::text`);
  return conditions;
}

function toHit(row: HitRow): StatementHit {
  return {
    ...toStatementSummary(row),
    articleTitle: row.title,
    fragments: row.headline === null ? unhighlighted(row.text) : splitHighlighted(row.headline),
  };
}

/** A statement as the live stream sends it, with its stream position. */
export interface StreamedStatement {
  position: string;
  hit: StatementHit;
}

/**
 * Statements committed after stream position `position` (see {@link streamAfter}), in stream order, optionally of
 * one speaker: a projector batch that drew lower positions but commits later is waited for instead of passed
 * (migration StreamCommitOrder).
 */
export async function statementsAfter(
  sql: SqlRunner,
  position: string,
  filter: { actorId?: string },
  limit: number,
): Promise<StreamedStatement[]> {
  const params = new Parameters();
  const stream = streamAfter('s', position, (value) => params.add(value));
  const conditions = [...stream.conditions];
  if (filter.actorId !== undefined) conditions.push(`s.speaker_id = ${params.add(filter.actorId)}::text`);
  const rows: Array<HitRow & { position: string }> = await sql.query(
    `SELECT ${STATEMENT_SUMMARY_COLUMNS}, a.title, ${stream.position} AS position ${STATEMENT_JOINS}
     WHERE ${conditions.join(' AND ')} ORDER BY ${stream.orderBy} LIMIT ${params.add(limit)}`,
    params.values,
  );
  return rows.map((row) => ({
    position: row.position,
    hit: { ...toStatementSummary(row), articleTitle: row.title, fragments: unhighlighted(row.text) },
  }));
}

/** Where a new client of the statement stream starts (see {@link STREAM_START_SQL}). */
export async function statementStreamStart(sql: SqlRunner): Promise<string> {
  const [row]: Array<{ position: string }> = await sql.query(STREAM_START_SQL);
  return row!.position;
}
