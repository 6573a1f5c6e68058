import { ArticleAnalyzedEvent, ArticleLifecycleEvent, deterministicId } from '@chronicle/contracts';

/**
 * An independent reference for the project service's read models: a deliberately plain fold,
 * written from the README's description of the tables and the event contracts, sharing no code
 * with the projector (no import from apps/project or the folds in libs/domain). It recomputes every
 * table from the whole log at once, as "what a log that never had the replaced or retracted versions
 * would give", so a crash, a redelivery or a skipped removal in the projector shows up as a
 * difference instead of being compared with itself.
 *
 * Rules (README, "Read models"):
 * - articles topic, per article in offset order: the newest ArticleSubmitted/ArticleRevised gives
 *   the content; the last event gives the status (live / revised / retracted); a retraction of an
 *   article not known yet changes nothing.
 * - analyses topic: the analysis in place is the one of the newest version (highest `sourceOffset`,
 *   absent = -1; between analyses of one version, the later in the log), and only if that version is
 *   newer than the last retraction. Only it contributes mentions and statements.
 * - every aggregate (actors, statement reach, sentiment hour and day buckets, outlets, actor pairs) is
 *   a plain recount of the contributing mentions, statements and articles.
 * Text is ordered as PostgreSQL's `COLLATE "C"` orders UTF-8 (by code point) and name lengths count
 * code points, as the store's own recounts do. Row ids (statement and cluster ids) are re-derived with
 * the contracts' `deterministicId` from the parts they are defined by.
 */

/** One event and where the log holds it. */
export interface LoggedEvent<E> {
  partition: number;
  /** Kafka offset, decimal. */
  offset: string;
  event: E;
}

/** The project service's input: the articles and analyses topics as read back. */
export interface ReferenceLog {
  articles: Array<LoggedEvent<ArticleLifecycleEvent>>;
  analyses: Array<LoggedEvent<ArticleAnalyzedEvent>>;
}

export type ReferenceValue = string | number | null | string[];
export type ReferenceRow = Record<string, ReferenceValue>;

/**
 * What is compared, and how each is read from the store: the tables, the `actor_sentiment` view,
 * and the sentiment ledger summed per bucket with nothing hidden (the view drops buckets without
 * articles, so a stray entry would otherwise go unseen): a day is its day rows and its hour entries not yet
 * flagged into them.
 */
const READ_MODELS = {
  articles: {
    columns: {
      id: 'text',
      url: 'text',
      outlet: 'text',
      title: 'text',
      body: 'text',
      published_at: 'timestamptz',
      received_at: 'timestamptz',
      status: 'text',
      analyzer_version: 'text',
      analysis_event_id: 'text',
      analyzed_at: 'timestamptz',
      content_offset: 'bigint',
      analysis_offset: 'bigint',
      retracted_offset: 'bigint',
      retracted_at: 'timestamptz',
      retraction_reason: 'text',
      contributed_outlet: 'text',
      contributed_at: 'timestamptz',
    },
    from: 'articles',
  },
  mentions: {
    columns: {
      actor_id: 'text',
      article_id: 'text',
      outlet: 'text',
      name: 'text',
      kind: 'text',
      role: 'text',
      aliases: 'text[]',
      count: 'int',
      sentiment_score: 'real',
      sentiment_label: 'text',
      seen_at: 'timestamptz',
    },
    from: 'mentions',
  },
  statements: {
    columns: {
      id: 'text',
      article_id: 'text',
      outlet: 'text',
      speaker_id: 'text',
      speaker_name: 'text',
      kind: 'text',
      text: 'text',
      cue: 'text',
      start_offset: 'int',
      end_offset: 'int',
      sentiment_score: 'real',
      sentiment_label: 'text',
      cluster_id: 'text',
      said_at: 'timestamptz',
    },
    from: 'statements',
  },
  statement_reach: {
    columns: {
      cluster_id: 'text',
      speaker_id: 'text',
      statement_count: 'int',
      outlet_count: 'int',
      first_statement_id: 'text',
      first_article_id: 'text',
      first_outlet: 'text',
      first_seen: 'timestamptz',
      last_seen: 'timestamptz',
    },
    from: 'statement_reach',
  },
  actors: {
    columns: {
      id: 'text',
      name: 'text',
      kind: 'text',
      role: 'text',
      aliases: 'text[]',
      first_seen: 'timestamptz',
      last_seen: 'timestamptz',
      mention_count: 'int',
      article_count: 'int',
      statement_count: 'int',
    },
    from: 'actors',
  },
  actor_sentiment: {
    columns: {
      actor_id: 'text',
      granularity: 'text',
      bucket_start: 'timestamptz',
      mentions: 'int',
      articles: 'int',
      positive: 'int',
      neutral: 'int',
      negative: 'int',
      score_micros: 'bigint',
      mean_score: 'numeric(8, 6)',
    },
    from: 'actor_sentiment',
  },
  actor_sentiment_ledger: {
    columns: {
      actor_id: 'text',
      granularity: 'text',
      bucket_start: 'timestamptz',
      mentions: 'int',
      articles: 'int',
      positive: 'int',
      neutral: 'int',
      negative: 'int',
      score_micros: 'bigint',
    },
    from: `(SELECT actor_id, granularity, bucket_start, sum(mentions)::int AS mentions, sum(articles)::int AS articles,
                   sum(positive)::int AS positive, sum(neutral)::int AS neutral, sum(negative)::int AS negative,
                   sum(score_micros)::bigint AS score_micros
            FROM (SELECT actor_id, 'hour' AS granularity, bucket_start, mentions, articles, positive, neutral, negative,
                         score_micros
                  FROM actor_sentiment_entries
                  UNION ALL
                  SELECT actor_id, 'day', date_trunc('day', bucket_start, 'UTC'), mentions, articles, positive, neutral,
                         negative, score_micros
                  FROM actor_sentiment_entries) e
            GROUP BY actor_id, granularity, bucket_start
            HAVING sum(mentions) <> 0 OR sum(articles) <> 0 OR sum(positive) <> 0 OR sum(neutral) <> 0
                OR sum(negative) <> 0 OR sum(score_micros) <> 0) ledger`,
  },
  outlets: {
    columns: { outlet: 'text', article_count: 'int', actor_count: 'int', first_seen: 'timestamptz', last_seen: 'timestamptz' },
    from: 'outlets',
  },
  outlet_actors: {
    columns: { outlet: 'text', actor_id: 'text', articles: 'int' },
    from: 'outlet_actors',
  },
  actor_pairs: {
    columns: { actor_id: 'text', week: 'date', other_actor_id: 'text', articles: 'int' },
    from: 'actor_pairs',
  },
} as const;

export type ReadModelName = keyof typeof READ_MODELS;
export type ReferenceTables = Record<ReadModelName, ReferenceRow[]>;

const READ_MODEL_NAMES = Object.keys(READ_MODELS) as ReadModelName[];

/** How the store's current rows of a read model are selected (columns in the reference's order). */
export function storedReadModelSelect(name: ReadModelName): string {
  const def = READ_MODELS[name];
  return `SELECT ${Object.keys(def.columns).join(', ')} FROM ${def.from}`;
}

// ---------------------------------------------------------------------------------------------
// The fold

type Label = 'negative' | 'neutral' | 'positive';

type Mention = {
  actor_id: string;
  article_id: string;
  outlet: string | null;
  name: string;
  kind: string;
  role: string | null;
  aliases: string[];
  count: number;
  sentiment_score: number;
  sentiment_label: Label;
  seen_at: string;
};

type Statement = {
  id: string;
  article_id: string;
  outlet: string | null;
  speaker_id: string | null;
  speaker_name: string | null;
  kind: string;
  text: string;
  cue: string | null;
  start_offset: number;
  end_offset: number;
  sentiment_score: number;
  sentiment_label: string;
  cluster_id: string;
  said_at: string;
};

/** PostgreSQL's `COLLATE "C"` order on UTF-8 text: byte order, which is code point order. */
function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function inLogOrder<E>(events: ReadonlyArray<LoggedEvent<E>>): Array<LoggedEvent<E>> {
  return [...events].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

/** An instant at the millisecond precision of a JS date, in UTC. */
function instant(value: string): string {
  return new Date(value).toISOString();
}

function floorTo(value: string, unitMs: number): string {
  const ms = Date.parse(value);
  return new Date(ms - (((ms % unitMs) + unitMs) % unitMs)).toISOString();
}

/** Sentiment sums are kept in micro-units of the score as a `real` column holds it. */
function micros(score: number): number {
  return Math.round(Math.fround(score) * 1_000_000);
}

/** `sum / articles` in units, to 6 decimals, halves away from zero (as `numeric` rounds). */
function meanScore(scoreMicros: number, articles: number): string {
  const sum = BigInt(scoreMicros);
  const n = BigInt(articles);
  const magnitude = sum < 0n ? -sum : sum;
  let quotient = magnitude / n;
  if ((magnitude % n) * 2n >= n) quotient += 1n;
  const sign = sum < 0n && quotient > 0n ? '-' : '';
  return `${sign}${quotient / 1_000_000n}.${String(quotient % 1_000_000n).padStart(6, '0')}`;
}

/** Words only, lower-cased, accents dropped: the same words said by the same speaker share a cluster. */
function clusterWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function codePoints(text: string): number {
  return [...text].length;
}

function minBy<T>(items: readonly T[], compare: (a: T, b: T) => number): T {
  return items.reduce((best, item) => (compare(item, best) < 0 ? item : best));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const earliest = (values: readonly string[]) => minBy(values, (a, b) => Date.parse(a) - Date.parse(b));
const latest = (values: readonly string[]) => minBy(values, (a, b) => Date.parse(b) - Date.parse(a));

interface ArticleContent {
  url: string | null;
  outlet: string | null;
  title: string;
  body: string;
  publishedAt: string | null;
  receivedAt: string;
  offset: string | null;
}

interface ArticleHistory {
  content: ArticleContent | null;
  status: 'live' | 'revised' | 'retracted';
  retraction: { offset: string; at: string; reason: string | null } | null;
}

/** The articles topic, article by article: newest content, last status, last retraction. */
function articleHistories(log: ReferenceLog): Map<string, ArticleHistory> {
  const histories = new Map<string, ArticleHistory>();
  const pendingRetractions = new Map<string, ArticleHistory['retraction']>();
  for (const { offset, event } of inLogOrder(log.articles)) {
    const id = event.data.articleId;
    if (event.type === 'ArticleRetracted') {
      const retraction = { offset, at: event.data.retractedAt, reason: event.data.reason ?? null };
      const history = histories.get(id);
      if (history) {
        history.status = 'retracted';
        history.retraction = retraction;
      } else {
        // Not known from this topic (yet): it counts only for an article known from its analyses.
        pendingRetractions.set(id, retraction);
      }
      continue;
    }
    const { data } = event;
    const content: ArticleContent = {
      url: data.url,
      outlet: data.outlet,
      title: data.title,
      body: data.body,
      publishedAt: data.publishedAt,
      receivedAt: data.receivedAt,
      offset,
    };
    const status = event.type === 'ArticleSubmitted' ? 'live' : 'revised';
    const history = histories.get(id);
    if (history) {
      history.content = content;
      history.status = status;
    } else {
      // A retraction before the article's first version was of an unknown article: it changed nothing.
      pendingRetractions.delete(id);
      histories.set(id, { content, status, retraction: null });
    }
  }
  for (const [id, retraction] of pendingRetractions) {
    histories.set(id, { content: null, status: 'retracted', retraction });
  }
  return histories;
}

const rankOf = (event: ArticleAnalyzedEvent) => BigInt(event.data.sourceOffset ?? '-1');

/**
 * Recomputes every read model from the log. Articles known only from their analyses (no version
 * on the articles topic) take their content from their first analysis, with an empty body.
 */
export function referenceReadModels(log: ReferenceLog): ReferenceTables {
  const histories = articleHistories(log);

  const firstAnalysis = new Map<string, ArticleAnalyzedEvent>();
  const newestAnalysis = new Map<string, ArticleAnalyzedEvent>();
  for (const { event } of inLogOrder(log.analyses)) {
    const id = event.data.articleId;
    if (!firstAnalysis.has(id)) firstAnalysis.set(id, event);
    const current = newestAnalysis.get(id);
    if (!current || rankOf(event) >= rankOf(current)) newestAnalysis.set(id, event);
  }

  const ids = [...new Set([...[...histories].filter(([, h]) => h.content).map(([id]) => id), ...firstAnalysis.keys()])];
  const articles: ReferenceRow[] = [];
  const mentions: Mention[] = [];
  const statements: Statement[] = [];
  const contributing: Array<{ outlet: string; at: string }> = [];

  for (const id of ids) {
    const history = histories.get(id);
    const first = firstAnalysis.get(id);
    const content: ArticleContent = history?.content ?? {
      url: first!.data.url,
      outlet: first!.data.outlet,
      title: first!.data.title,
      body: '',
      publishedAt: first!.data.publishedAt,
      receivedAt: first!.data.receivedAt,
      offset: null,
    };
    const retraction = history?.retraction ?? null;
    const newest = newestAnalysis.get(id);
    const inPlace = newest && (retraction === null || rankOf(newest) > BigInt(retraction.offset)) ? newest : null;
    const seenAt = inPlace ? instant(inPlace.data.publishedAt ?? inPlace.data.receivedAt) : null;
    articles.push({
      id,
      url: content.url,
      outlet: content.outlet,
      title: content.title,
      body: content.body,
      published_at: content.publishedAt,
      received_at: content.receivedAt,
      status: history?.status ?? 'live',
      analyzer_version: inPlace?.data.analysis.analyzerVersion ?? null,
      analysis_event_id: inPlace?.id ?? null,
      analyzed_at: inPlace?.data.analyzedAt ?? null,
      content_offset: content.offset,
      analysis_offset: inPlace ? rankOf(inPlace).toString() : null,
      retracted_offset: retraction?.offset ?? null,
      retracted_at: retraction?.at ?? null,
      retraction_reason: retraction?.reason ?? null,
      contributed_outlet: inPlace ? inPlace.data.outlet : null,
      contributed_at: seenAt,
    });
    if (!inPlace || !seenAt) continue;

    const { data } = inPlace;
    if (data.outlet !== null) contributing.push({ outlet: data.outlet, at: seenAt });
    const actorIds = new Set(data.analysis.actors.map((a) => a.id));
    const seenActors = new Set<string>();
    for (const actor of data.analysis.actors) {
      if (seenActors.has(actor.id)) continue; // one row per actor and article: the first listing counts
      seenActors.add(actor.id);
      mentions.push({
        actor_id: actor.id,
        article_id: id,
        outlet: data.outlet,
        name: actor.name,
        kind: actor.kind,
        role: actor.role ?? null,
        // Names only: pronoun and description mentions are not spellings of the actor.
        aliases: [...new Set(actor.mentions.filter((m) => (m.kind ?? 'name') === 'name').map((m) => m.text))].sort(byBytes),
        count: actor.mentions.length,
        sentiment_score: actor.sentiment.score,
        sentiment_label: actor.sentiment.label,
        seen_at: seenAt,
      });
    }
    const seenStatements = new Set<string>();
    for (const s of data.analysis.statements) {
      const statementId = deterministicId('statement', id, s.kind, String(s.start), String(s.end));
      if (seenStatements.has(statementId)) continue;
      seenStatements.add(statementId);
      statements.push({
        id: statementId,
        article_id: id,
        outlet: data.outlet,
        // Only a speaker the analysis lists as an actor is attributed; the name is kept either way.
        speaker_id: s.speaker && actorIds.has(s.speaker.actorId) ? s.speaker.actorId : null,
        speaker_name: s.speaker?.name ?? null,
        kind: s.kind,
        text: s.text,
        cue: s.cue ?? null,
        start_offset: s.start,
        end_offset: s.end,
        sentiment_score: s.sentiment.score,
        sentiment_label: s.sentiment.label,
        cluster_id: deterministicId('statement-cluster', s.speaker?.actorId ?? '(unknown)', clusterWords(s.text)),
        said_at: seenAt,
      });
    }
  }

  return {
    articles,
    mentions,
    statements,
    statement_reach: statementReach(statements),
    actors: actors(mentions, statements),
    actor_sentiment: [...sentimentBuckets(mentions, 'hour'), ...sentimentBuckets(mentions, 'day')],
    actor_sentiment_ledger: [...sentimentBuckets(mentions, 'hour'), ...sentimentBuckets(mentions, 'day')].map(
      ({ mean_score: _m, ...bucket }) => bucket,
    ),
    outlets: outlets(contributing, mentions),
    outlet_actors: [
      ...groupBy(
        mentions.filter((m) => m.outlet !== null),
        (m) => `${m.outlet}\u0000${m.actor_id}`,
      ).values(),
    ].map((group) => ({ outlet: group[0]!.outlet, actor_id: group[0]!.actor_id, articles: group.length })),
    actor_pairs: actorPairs(mentions),
  };
}

/** Per actor, UTC week (from Monday) and other actor: the contributing articles that mention both (each direction a row). */
function actorPairs(mentions: readonly Mention[]): ReferenceRow[] {
  const counts = new Map<string, ReferenceRow>();
  for (const articleMentions of groupBy(mentions, (m) => m.article_id).values()) {
    const day = new Date(floorTo(articleMentions[0]!.seen_at, 86_400_000));
    // Back to the Monday: getUTCDay() is 0 on Sundays, 1 on Mondays.
    const week = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    for (const a of articleMentions) {
      for (const b of articleMentions) {
        if (a.actor_id === b.actor_id) continue;
        const key = `${a.actor_id}\u0000${week}\u0000${b.actor_id}`;
        const row = counts.get(key) ?? { actor_id: a.actor_id, week, other_actor_id: b.actor_id, articles: 0 };
        row.articles = (row.articles as number) + 1;
        counts.set(key, row);
      }
    }
  }
  return [...counts.values()];
}

/** Per actor: longest name (ties: first in byte order), smallest role and kind, all aliases, seen window, counts. */
function actors(mentions: readonly Mention[], statements: readonly Statement[]): ReferenceRow[] {
  const spoken = groupBy(
    statements.filter((s) => s.speaker_id !== null),
    (s) => s.speaker_id!,
  );
  return [...groupBy(mentions, (m) => m.actor_id)].map(([id, rows]) => {
    const roles = rows.flatMap((m) => (m.role === null ? [] : [m.role]));
    return {
      id,
      name: minBy(
        rows.map((m) => m.name),
        (a, b) => codePoints(b) - codePoints(a) || byBytes(a, b),
      ),
      kind: minBy(
        rows.map((m) => m.kind),
        byBytes,
      ),
      role: roles.length === 0 ? null : minBy(roles, byBytes),
      aliases: [...new Set(rows.flatMap((m) => m.aliases))].sort(byBytes),
      first_seen: earliest(rows.map((m) => m.seen_at)),
      last_seen: latest(rows.map((m) => m.seen_at)),
      mention_count: sum(rows.map((m) => m.count)),
      article_count: rows.length,
      statement_count: spoken.get(id)?.length ?? 0,
    };
  });
}

/** Per cluster: its speaker, statements, outlets, and where and when it first appeared (time, article, statement). */
function statementReach(statements: readonly Statement[]): ReferenceRow[] {
  return [...groupBy(statements, (s) => s.cluster_id)].map(([clusterId, rows]) => {
    const speakers = rows.flatMap((s) => (s.speaker_id === null ? [] : [s.speaker_id]));
    const first = minBy(
      rows,
      (a, b) => Date.parse(a.said_at) - Date.parse(b.said_at) || byBytes(a.article_id, b.article_id) || byBytes(a.id, b.id),
    );
    return {
      cluster_id: clusterId,
      speaker_id: speakers.length === 0 ? null : minBy(speakers, byBytes),
      statement_count: rows.length,
      outlet_count: new Set(rows.flatMap((s) => (s.outlet === null ? [] : [s.outlet]))).size,
      first_statement_id: first.id,
      first_article_id: first.article_id,
      first_outlet: first.outlet,
      first_seen: earliest(rows.map((s) => s.said_at)),
      last_seen: latest(rows.map((s) => s.said_at)),
    };
  });
}

/** Per actor and UTC hour or day of the contributing mentions. */
function sentimentBuckets(mentions: readonly Mention[], granularity: 'hour' | 'day'): ReferenceRow[] {
  const unit = granularity === 'hour' ? 3_600_000 : 86_400_000;
  return [...groupBy(mentions, (m) => `${m.actor_id}\u0000${floorTo(m.seen_at, unit)}`).values()].map((rows) => {
    const scoreMicros = sum(rows.map((m) => micros(m.sentiment_score)));
    const labelled = (label: Label) => rows.filter((m) => m.sentiment_label === label).length;
    return {
      actor_id: rows[0]!.actor_id,
      granularity,
      bucket_start: floorTo(rows[0]!.seen_at, unit),
      mentions: sum(rows.map((m) => m.count)),
      articles: rows.length,
      positive: labelled('positive'),
      neutral: labelled('neutral'),
      negative: labelled('negative'),
      score_micros: scoreMicros,
      mean_score: meanScore(scoreMicros, rows.length),
    };
  });
}

/** Per outlet of a contributing article: its articles, the distinct actors they mention, the seen window. */
function outlets(contributing: ReadonlyArray<{ outlet: string; at: string }>, mentions: readonly Mention[]): ReferenceRow[] {
  return [...groupBy(contributing, (c) => c.outlet)].map(([outlet, rows]) => ({
    outlet,
    article_count: rows.length,
    actor_count: new Set(mentions.filter((m) => m.outlet === outlet).map((m) => m.actor_id)).size,
    first_seen: earliest(rows.map((r) => r.at)),
    last_seen: latest(rows.map((r) => r.at)),
  }));
}

// ---------------------------------------------------------------------------------------------
// Prefixes of the log

/** Next offset to read per partition of each topic, as `consumer_positions` stores it. */
export interface LogPositions {
  articles: ReadonlyMap<number, bigint>;
  analyses: ReadonlyMap<number, bigint>;
}

/** The events before `positions` (a partition without a position contributes nothing). */
export function logBefore(log: ReferenceLog, positions: LogPositions): ReferenceLog {
  const before =
    (ends: ReadonlyMap<number, bigint>) =>
    <E>({ partition, offset }: LoggedEvent<E>) =>
      BigInt(offset) < (ends.get(partition) ?? 0n);
  return { articles: log.articles.filter(before(positions.articles)), analyses: log.analyses.filter(before(positions.analyses)) };
}

export type SqlQuery = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/**
 * The positions stored for the two topics (by their full names) in `consumer_positions`, or in
 * `options.table` (a snapshot of it), of the consumers whose name is LIKE `options.consumer` (all
 * by default: one consumer per store is expected).
 */
export async function storedLogPositions(
  query: SqlQuery,
  topics: { articles: string; analyses: string },
  options: { table?: string; consumer?: string } = {},
): Promise<LogPositions> {
  const rows = await query<{ topic: string; partition: number; next_offset: string }>(
    `SELECT topic, partition, next_offset::text AS next_offset FROM ${options.table ?? 'consumer_positions'}
     WHERE topic = ANY($1) AND consumer LIKE $2`,
    [[topics.articles, topics.analyses], options.consumer ?? '%'],
  );
  const of = (topic: string) => {
    const positions = new Map<number, bigint>();
    for (const row of rows.filter((r) => r.topic === topic)) {
      if (positions.has(row.partition)) throw new Error(`more than one consumer stored ${topic}[${row.partition}]: name one`);
      positions.set(row.partition, BigInt(row.next_offset));
    }
    return positions;
  };
  return { articles: of(topics.articles), analyses: of(topics.analyses) };
}

// ---------------------------------------------------------------------------------------------
// Comparison with the store

/** Rows of one read model found on one side only (`EXCEPT ALL` both ways, over every column). */
export interface ReadModelDifference {
  onlyInReference: number;
  onlyStored: number;
  /** The first few of each, ordered by key, so a changed row shows as a pair. */
  referenceRows: ReferenceRow[];
  storedRows: ReferenceRow[];
}

export interface CompareOptions {
  /** Where the store's rows come from (a snapshot); the live tables by default. */
  source?: (name: ReadModelName) => string;
  /**
   * Leave unchecked the url, outlet, title and times of articles known only from their analyses
   * (no version read from the articles topic yet): the projector takes them from the newest
   * analysis in the batch that created the row, which depends on batching. For prefixes of a log.
   */
  uncheckedAnalysisOnlyContent?: boolean;
  sampleRows?: number;
}

const ANALYSIS_ONLY_CONTENT = new Set(['url', 'outlet', 'title', 'published_at', 'received_at']);

/**
 * Compares the store with the reference, both ways, over every column: rows the reference has and
 * the store lacks (lost or changed), and rows the store has that nothing in the log accounts for
 * (stale, duplicated or drifted). Returns only the read models that differ: `{}` when equal.
 */
export async function readModelDifferences(
  query: SqlQuery,
  reference: ReferenceTables,
  options: CompareOptions = {},
): Promise<Partial<Record<ReadModelName, ReadModelDifference>>> {
  const differences: Partial<Record<ReadModelName, ReadModelDifference>> = {};
  const sample = options.sampleRows ?? 5;
  for (const name of READ_MODEL_NAMES) {
    const columns = Object.entries(READ_MODELS[name].columns);
    const definitions = columns.map(([column, type]) => `${column} ${type}`).join(', ');
    const projection = columns
      .map(([column]) =>
        options.uncheckedAnalysisOnlyContent && name === 'articles' && ANALYSIS_ONLY_CONTENT.has(column)
          ? `CASE WHEN content_offset IS NULL THEN NULL ELSE ${column} END AS ${column}`
          : column,
      )
      .join(', ');
    const source = options.source?.(name) ?? storedReadModelSelect(name);
    const [row] = await query<{
      only_reference: number;
      only_stored: number;
      reference_rows: ReferenceRow[];
      stored_rows: ReferenceRow[];
    }>(
      `WITH reference AS (SELECT ${projection} FROM json_to_recordset($1::json) AS x(${definitions})),
            stored AS (SELECT ${projection} FROM (${source}) x),
            only_reference AS (SELECT * FROM reference EXCEPT ALL SELECT * FROM stored),
            only_stored AS (SELECT * FROM stored EXCEPT ALL SELECT * FROM reference)
       SELECT (SELECT count(*)::int FROM only_reference) AS only_reference,
              (SELECT count(*)::int FROM only_stored) AS only_stored,
              (SELECT COALESCE(json_agg(r), '[]') FROM (SELECT * FROM only_reference ORDER BY 1, 2 LIMIT ${sample}) r) AS reference_rows,
              (SELECT COALESCE(json_agg(s), '[]') FROM (SELECT * FROM only_stored ORDER BY 1, 2 LIMIT ${sample}) s) AS stored_rows`,
      [JSON.stringify(reference[name])],
    );
    if (row!.only_reference > 0 || row!.only_stored > 0) {
      differences[name] = {
        onlyInReference: row!.only_reference,
        onlyStored: row!.only_stored,
        referenceRows: row!.reference_rows,
        storedRows: row!.stored_rows,
      };
    }
  }
  return differences;
}

/**
 * Copies what the store holds right now (every read model as compared, and `consumer_positions`)
 * into tables of `schema`, to be compared with the reference of the log before those positions
 * later. Run it where nothing commits meanwhile, or inside one transaction.
 */
export async function snapshotReadModels(query: SqlQuery, schema: string): Promise<void> {
  await query(`CREATE SCHEMA ${schema}`);
  for (const name of READ_MODEL_NAMES) await query(`CREATE TABLE ${schema}.${name} AS ${storedReadModelSelect(name)}`);
  await query(`CREATE TABLE ${schema}.consumer_positions AS SELECT * FROM consumer_positions`);
}

/** The `source` option reading a snapshot made by {@link snapshotReadModels}. */
export function snapshotSource(schema: string): (name: ReadModelName) => string {
  return (name) => `SELECT * FROM ${schema}.${name}`;
}
