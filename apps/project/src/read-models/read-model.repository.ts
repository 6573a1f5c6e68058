import {
  AggregateChanges,
  AnalyzedArticle,
  ArticleContribution,
  ArticleLifecycleChange,
  LockedArticleState,
  MentionRow,
  StatementRow,
} from '@chronicle/domain';
import { EntityManager } from 'typeorm';

type Row = Record<string, unknown>;

const iso = (value: unknown): string | null => (value === null ? null : new Date(value as string).toISOString());

/**
 * Set-based writes of the read models, one statement per table and batch. Lock order is the
 * same in every transaction (article rows, then actors, buckets, clusters, outlet pairs,
 * outlets, each sorted by key), so concurrent replicas never deadlock, and aggregates that
 * need more than a delta are recomputed in a later statement than the one that locked them,
 * so they see every earlier writer's committed rows.
 */
export class ReadModelRepository {
  /** Rows written per table during this transaction (for metrics). */
  readonly rowsWritten = new Map<string, number>();

  constructor(private readonly manager: EntityManager) {}

  private async write(table: string, rows: number, sql: string, params: unknown[]): Promise<Row[]> {
    this.rowsWritten.set(table, (this.rowsWritten.get(table) ?? 0) + rows);
    return this.manager.query(sql, params);
  }

  /** Inserts articles first seen in this batch (existing rows are left to `applyLifecycle`). */
  async insertNewArticles(changes: readonly ArticleLifecycleChange[]): Promise<void> {
    const rows = changes.flatMap((c) => (c.content ? [{ ...c.content, status: c.status }] : []));
    if (rows.length === 0) return;
    await this.write(
      'articles',
      rows.length,
      `INSERT INTO articles (id, url, outlet, title, body, published_at, received_at, status, content_offset)
       SELECT id, url, outlet, title, body, "publishedAt", "receivedAt", status, "contentOffset"::bigint
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, url text, outlet text, title text, body text,
            "publishedAt" timestamptz, "receivedAt" timestamptz, status text, "contentOffset" text)
       ORDER BY id
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  /** Inserts a placeholder row for analysed articles whose submission this projector has not read yet. */
  async insertPlaceholderArticles(analyses: readonly AnalyzedArticle[]): Promise<void> {
    if (analyses.length === 0) return;
    await this.manager.query(
      `INSERT INTO articles (id, url, outlet, title, body, published_at, received_at)
       SELECT "articleId", url, outlet, title, '', "publishedAt", "receivedAt"
       FROM jsonb_to_recordset($1::jsonb) AS r("articleId" text, url text, outlet text, title text,
            "publishedAt" timestamptz, "receivedAt" timestamptz)
       ORDER BY "articleId"
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(analyses.map(({ articleId, url, outlet, title, publishedAt, receivedAt }) => ({ articleId, url, outlet, title, publishedAt, receivedAt })))],
    );
  }

  /** Locks the article rows (sorted) and returns what decides whether their contribution changes. */
  async lockArticles(ids: readonly string[]): Promise<LockedArticleState[]> {
    if (ids.length === 0) return [];
    const rows: Row[] = await this.manager.query(
      `SELECT id, analysis_offset::text, retracted_offset::text, contributed_outlet, contributed_at
       FROM articles WHERE id = ANY($1) ORDER BY id FOR UPDATE`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id as string,
      analysisOffset: r.analysis_offset as string | null,
      retractedOffset: r.retracted_offset as string | null,
      contributedOutlet: r.contributed_outlet as string | null,
      contributedAt: iso(r.contributed_at),
    }));
  }

  /** Content, status and retraction columns from the articles topic (rows already locked). */
  async applyLifecycle(changes: readonly ArticleLifecycleChange[]): Promise<void> {
    const contents = changes.flatMap((c) => (c.content ? [{ ...c.content, status: c.status }] : []));
    if (contents.length > 0) {
      await this.write(
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
      await this.write(
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

  /** Deletes the stored contributions of these (locked) articles and returns them, to be subtracted. */
  async takeContributions(states: readonly LockedArticleState[]): Promise<ArticleContribution[]> {
    const contributed = states.filter((s) => s.analysisOffset !== null);
    if (contributed.length === 0) return [];
    const ids = contributed.map((s) => s.id);
    // TypeORM hands DELETE … RETURNING back as [rows, rowCount].
    const [mentions]: [Row[], number] = await this.manager.query(
      `DELETE FROM mentions WHERE article_id = ANY($1)
       RETURNING actor_id, article_id, outlet, name, kind, role, aliases, count, sentiment_score, sentiment_label, seen_at`,
      [ids],
    );
    const [statements]: [Row[], number] = await this.manager.query(
      `DELETE FROM statements WHERE article_id = ANY($1)
       RETURNING id, article_id, outlet, speaker_id, speaker_name, kind, text, cue, start_offset, end_offset,
                 sentiment_score, sentiment_label, cluster_id, said_at`,
      [ids],
    );
    const byArticle = new Map<string, ArticleContribution>(
      contributed.map((s) => [
        s.id,
        { articleId: s.id, outlet: s.contributedOutlet, seenAt: s.contributedAt ?? '', mentions: [], statements: [] },
      ]),
    );
    for (const r of mentions) byArticle.get(r.article_id as string)!.mentions.push(mentionFromRow(r));
    for (const r of statements) byArticle.get(r.article_id as string)!.statements.push(statementFromRow(r));
    return [...byArticle.values()];
  }

  /** Marks withdrawn articles as contributing nothing (their rows were taken by `takeContributions`). */
  async clearAnalyses(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.write(
      'articles',
      ids.length,
      `UPDATE articles SET analysis_offset = NULL, analyzer_version = NULL, analysis_event_id = NULL, analyzed_at = NULL,
         contributed_outlet = NULL, contributed_at = NULL
       WHERE id = ANY($1)`,
      [ids],
    );
  }

  /** Records the analyses now in place and inserts their mention and statement rows. */
  async writeAnalyses(analyses: readonly AnalyzedArticle[]): Promise<void> {
    if (analyses.length === 0) return;
    await this.write(
      'articles',
      analyses.length,
      `UPDATE articles a SET analysis_offset = r."analysisOffset"::bigint, analyzer_version = r."analyzerVersion",
         analysis_event_id = r."analysisEventId", analyzed_at = r."analyzedAt", contributed_outlet = r.outlet,
         contributed_at = r."seenAt"
       FROM jsonb_to_recordset($1::jsonb) AS r("articleId" text, "analysisOffset" text, "analyzerVersion" text,
            "analysisEventId" text, "analyzedAt" timestamptz, outlet text, "seenAt" timestamptz)
       WHERE a.id = r."articleId"`,
      [
        JSON.stringify(
          analyses.map(({ articleId, analysisOffset, analyzerVersion, analysisEventId, analyzedAt, outlet, seenAt }) => ({
            articleId,
            analysisOffset,
            analyzerVersion,
            analysisEventId,
            analyzedAt,
            outlet,
            seenAt,
          })),
        ),
      ],
    );
    const mentions = analyses.flatMap((a) => a.mentions);
    if (mentions.length > 0) {
      await this.write(
        'mentions',
        mentions.length,
        `INSERT INTO mentions (actor_id, article_id, outlet, name, kind, role, aliases, count, sentiment_score, sentiment_label, seen_at)
         SELECT "actorId", "articleId", outlet, name, kind, role, ARRAY(SELECT jsonb_array_elements_text(aliases)), count,
                "sentimentScore", "sentimentLabel", "seenAt"
         FROM jsonb_to_recordset($1::jsonb) AS r("actorId" text, "articleId" text, outlet text, name text, kind text, role text,
              aliases jsonb, count int, "sentimentScore" real, "sentimentLabel" text, "seenAt" timestamptz)`,
        [JSON.stringify(mentions)],
      );
    }
    const statements = analyses.flatMap((a) => a.statements);
    if (statements.length > 0) {
      await this.write(
        'statements',
        statements.length,
        `INSERT INTO statements (id, article_id, outlet, speaker_id, speaker_name, kind, text, cue, start_offset, end_offset,
                                 sentiment_score, sentiment_label, cluster_id, said_at)
         SELECT id, "articleId", outlet, "speakerId", "speakerName", kind, text, cue, "startOffset", "endOffset",
                "sentimentScore", "sentimentLabel", "clusterId", "saidAt"
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, "articleId" text, outlet text, "speakerId" text, "speakerName" text,
              kind text, text text, cue text, "startOffset" int, "endOffset" int, "sentimentScore" real,
              "sentimentLabel" text, "clusterId" text, "saidAt" timestamptz)`,
        [JSON.stringify(statements)],
      );
    }
  }

  /** Applies aggregate changes in the global lock order. */
  async applyAggregates(changes: AggregateChanges): Promise<void> {
    await this.applyActors(changes);
    await this.applyBuckets(changes);
    await this.applyClusters(changes);
    await this.applyOutlets(changes, await this.applyOutletActors(changes));
  }

  private async applyActors({ actors }: AggregateChanges): Promise<void> {
    if (actors.length === 0) return;
    await this.write(
      'actors',
      actors.length,
      `INSERT INTO actors (id, name, kind, role, aliases, first_seen, last_seen, mention_count, article_count, statement_count)
       SELECT id, name, kind, role, ARRAY(SELECT jsonb_array_elements_text(aliases)), "firstSeen", "lastSeen",
              mentions, articles, statements
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, kind text, role text, aliases jsonb,
            "firstSeen" timestamptz, "lastSeen" timestamptz, mentions int, articles int, statements int)
       ORDER BY id
       ON CONFLICT (id) DO UPDATE SET
         -- Joins that do not depend on arrival order (same rules as the fold, in byte order):
         -- longest name (ties: first), first role, union of aliases, widest seen window.
         name = CASE WHEN length(EXCLUDED.name) > length(actors.name)
                       OR (length(EXCLUDED.name) = length(actors.name) AND EXCLUDED.name COLLATE "C" < actors.name COLLATE "C")
                     THEN EXCLUDED.name ELSE actors.name END,
         role = CASE WHEN actors.role IS NULL OR EXCLUDED.role COLLATE "C" < actors.role COLLATE "C"
                     THEN EXCLUDED.role ELSE actors.role END,
         aliases = ARRAY(SELECT DISTINCT x COLLATE "C" FROM unnest(actors.aliases || EXCLUDED.aliases) x ORDER BY 1),
         first_seen = LEAST(actors.first_seen, EXCLUDED.first_seen),
         last_seen = GREATEST(actors.last_seen, EXCLUDED.last_seen),
         mention_count = actors.mention_count + EXCLUDED.mention_count,
         article_count = actors.article_count + EXCLUDED.article_count,
         statement_count = actors.statement_count + EXCLUDED.statement_count`,
      [JSON.stringify(actors)],
    );
    const recompute = actors.filter((a) => a.recompute).map((a) => a.id);
    if (recompute.length > 0) {
      // Some of these actors' rows were removed: the joins above cannot shrink, so recompute them.
      await this.manager.query(
        `UPDATE actors a SET name = r.name, kind = r.kind, role = r.role, aliases = r.aliases,
           first_seen = r.first_seen, last_seen = r.last_seen
         FROM (SELECT m.actor_id,
                      (array_agg(m.name ORDER BY length(m.name) DESC, m.name COLLATE "C"))[1] AS name,
                      min(m.kind) AS kind, min(m.role COLLATE "C") AS role,
                      ARRAY(SELECT DISTINCT x COLLATE "C" FROM mentions m2, unnest(m2.aliases) x
                            WHERE m2.actor_id = m.actor_id ORDER BY 1) AS aliases,
                      min(m.seen_at) AS first_seen, max(m.seen_at) AS last_seen
               FROM mentions m WHERE m.actor_id = ANY($1) GROUP BY m.actor_id) r
         WHERE a.id = r.actor_id`,
        [recompute],
      );
    }
    await this.manager.query('DELETE FROM actors WHERE id = ANY($1) AND article_count <= 0', [actors.map((a) => a.id)]);
  }

  private async applyBuckets({ buckets }: AggregateChanges): Promise<void> {
    if (buckets.length === 0) return;
    // Parallel typed arrays (unnest) parse faster than JSON for the most numerous rows.
    const column = <K extends keyof (typeof buckets)[number]>(key: K) => buckets.map((b) => b[key]);
    const rows: Row[] = await this.write(
      'actor_sentiment',
      buckets.length,
      `INSERT INTO actor_sentiment AS s (actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative,
                                         score_micros, mean_score)
       SELECT actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros,
              round(score_micros::numeric / NULLIF(articles, 0) / 1000000, 6)
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::bigint[])
            AS r(actor_id, granularity, bucket_start, mentions, articles, positive, neutral, negative, score_micros)
       ORDER BY actor_id, granularity, bucket_start
       ON CONFLICT (actor_id, granularity, bucket_start) DO UPDATE SET
         mentions = s.mentions + EXCLUDED.mentions,
         articles = s.articles + EXCLUDED.articles,
         positive = s.positive + EXCLUDED.positive,
         neutral = s.neutral + EXCLUDED.neutral,
         negative = s.negative + EXCLUDED.negative,
         score_micros = s.score_micros + EXCLUDED.score_micros,
         mean_score = round((s.score_micros + EXCLUDED.score_micros)::numeric / NULLIF(s.articles + EXCLUDED.articles, 0) / 1000000, 6)
       ${buckets.some((b) => b.articles < 0) ? 'RETURNING actor_id, granularity, bucket_start, articles' : ''}`,
      [
        column('actorId'),
        column('granularity'),
        column('bucketStart'),
        column('mentions'),
        column('articles'),
        column('positive'),
        column('neutral'),
        column('negative'),
        column('scoreMicros'),
      ],
    );
    const emptied = rows.filter((r) => Number(r.articles) <= 0);
    if (emptied.length > 0) {
      await this.manager.query(
        `DELETE FROM actor_sentiment s USING unnest($1::text[], $2::text[], $3::timestamptz[]) AS k(actor_id, granularity, bucket_start)
         WHERE s.actor_id = k.actor_id AND s.granularity = k.granularity AND s.bucket_start = k.bucket_start`,
        [emptied.map((r) => r.actor_id), emptied.map((r) => r.granularity), emptied.map((r) => r.bucket_start)],
      );
    }
  }

  private async applyClusters({ clusters }: AggregateChanges): Promise<void> {
    if (clusters.length === 0) return;
    // Creates new clusters with their exact values and locks existing ones (adding the delta);
    // a cluster that existed or lost statements is then recounted from its rows, in a later
    // statement, so it sees every earlier writer's committed statements.
    const rows: Row[] = await this.write(
      'statement_reach',
      clusters.length,
      `INSERT INTO statement_reach AS c (cluster_id, speaker_id, statement_count, outlet_count, first_statement_id,
                                          first_article_id, first_outlet, first_seen, last_seen)
       SELECT "clusterId", "speakerId", statements, outlets, "firstStatementId", "firstArticleId", "firstOutlet",
              "firstSeen", "lastSeen"
       FROM jsonb_to_recordset($1::jsonb) AS r("clusterId" text, "speakerId" text, statements int, outlets int,
            "firstStatementId" text, "firstArticleId" text, "firstOutlet" text, "firstSeen" timestamptz, "lastSeen" timestamptz)
       ORDER BY "clusterId"
       ON CONFLICT (cluster_id) DO UPDATE SET statement_count = c.statement_count + EXCLUDED.statement_count
       RETURNING cluster_id, statement_count`,
      [JSON.stringify(clusters)],
    );
    const added = new Map(clusters.map((c) => [c.clusterId, c]));
    const recount = rows
      .filter((r) => added.get(r.cluster_id as string)!.recompute || Number(r.statement_count) !== added.get(r.cluster_id as string)!.statements)
      .map((r) => r.cluster_id as string);
    if (recount.length === 0) return;
    await this.manager.query(
      `UPDATE statement_reach c SET speaker_id = r.speaker_id, statement_count = r.n, outlet_count = r.outlets,
         first_statement_id = r.first_statement_id, first_article_id = r.first_article_id, first_outlet = r.first_outlet,
         first_seen = r.first_seen, last_seen = r.last_seen
       FROM (SELECT ids.id, agg.*
             FROM unnest($1::text[]) AS ids(id)
             CROSS JOIN LATERAL (
               SELECT min(s.speaker_id COLLATE "C") AS speaker_id, count(*)::int AS n, count(DISTINCT s.outlet)::int AS outlets,
                      (array_agg(s.id ORDER BY s.said_at, s.article_id COLLATE "C", s.id COLLATE "C"))[1] AS first_statement_id,
                      (array_agg(s.article_id ORDER BY s.said_at, s.article_id COLLATE "C", s.id COLLATE "C"))[1] AS first_article_id,
                      (array_agg(s.outlet ORDER BY s.said_at, s.article_id COLLATE "C", s.id COLLATE "C"))[1] AS first_outlet,
                      min(s.said_at) AS first_seen, max(s.said_at) AS last_seen
               FROM statements s WHERE s.cluster_id = ids.id) agg) r
       WHERE c.cluster_id = r.id`,
      [recount],
    );
    await this.manager.query('DELETE FROM statement_reach WHERE cluster_id = ANY($1) AND statement_count <= 0', [recount]);
  }

  /** Applies (outlet, actor) deltas; returns per outlet how many actors it gained (+) or lost (-). */
  private async applyOutletActors({ outletActors }: AggregateChanges): Promise<Map<string, number>> {
    const gained = new Map<string, number>();
    if (outletActors.length === 0) return gained;
    const rows: Row[] = await this.write(
      'outlet_actors',
      outletActors.length,
      `INSERT INTO outlet_actors AS o (outlet, actor_id, articles)
       SELECT outlet, "actorId", articles FROM jsonb_to_recordset($1::jsonb) AS r(outlet text, "actorId" text, articles int)
       ORDER BY outlet, "actorId"
       ON CONFLICT (outlet, actor_id) DO UPDATE SET articles = o.articles + EXCLUDED.articles
       RETURNING outlet, actor_id, articles`,
      [JSON.stringify(outletActors)],
    );
    const delta = new Map(outletActors.map((c) => [`${c.outlet}\u0000${c.actorId}`, c.articles]));
    const emptied: Row[] = [];
    for (const row of rows) {
      const now = Number(row.articles);
      // Stored pairs always have articles > 0, so "now equals the delta" means the pair is new.
      const change = now <= 0 ? -1 : now === delta.get(`${row.outlet as string}\u0000${row.actor_id as string}`) ? 1 : 0;
      if (now <= 0) emptied.push(row);
      if (change !== 0) gained.set(row.outlet as string, (gained.get(row.outlet as string) ?? 0) + change);
    }
    if (emptied.length > 0) {
      await this.manager.query(
        `DELETE FROM outlet_actors o USING unnest($1::text[], $2::text[]) AS k(outlet, actor_id)
         WHERE o.outlet = k.outlet AND o.actor_id = k.actor_id`,
        [emptied.map((r) => r.outlet), emptied.map((r) => r.actor_id)],
      );
    }
    return gained;
  }

  private async applyOutlets({ outlets }: AggregateChanges, actorsGained: Map<string, number>): Promise<void> {
    const names = [...new Set([...outlets.map((o) => o.outlet), ...actorsGained.keys()])].sort();
    if (names.length === 0) return;
    const articles = new Map(outlets.map((o) => [o.outlet, o.articles]));
    await this.write(
      'outlets',
      names.length,
      `INSERT INTO outlets AS o (outlet, article_count, actor_count)
       SELECT outlet, articles, actors FROM jsonb_to_recordset($1::jsonb) AS r(outlet text, articles int, actors int)
       ORDER BY outlet
       ON CONFLICT (outlet) DO UPDATE SET article_count = o.article_count + EXCLUDED.article_count,
         actor_count = o.actor_count + EXCLUDED.actor_count`,
      [JSON.stringify(names.map((outlet) => ({ outlet, articles: articles.get(outlet) ?? 0, actors: actorsGained.get(outlet) ?? 0 })))],
    );
    // The seen window, from the articles now contributing (index-only min/max per outlet).
    await this.manager.query(
      `UPDATE outlets o SET
         first_seen = (SELECT min(contributed_at) FROM articles a WHERE a.contributed_outlet = o.outlet),
         last_seen = (SELECT max(contributed_at) FROM articles a WHERE a.contributed_outlet = o.outlet)
       WHERE o.outlet = ANY($1)`,
      [names],
    );
    await this.manager.query('DELETE FROM outlets WHERE outlet = ANY($1) AND article_count <= 0', [names]);
  }
}

function mentionFromRow(r: Row): MentionRow {
  return {
    actorId: r.actor_id as string,
    articleId: r.article_id as string,
    outlet: r.outlet as string | null,
    name: r.name as string,
    kind: r.kind as MentionRow['kind'],
    role: r.role as string | null,
    aliases: r.aliases as string[],
    count: Number(r.count),
    sentimentScore: Number(r.sentiment_score),
    sentimentLabel: r.sentiment_label as MentionRow['sentimentLabel'],
    seenAt: iso(r.seen_at)!,
  };
}

function statementFromRow(r: Row): StatementRow {
  return {
    id: r.id as string,
    articleId: r.article_id as string,
    outlet: r.outlet as string | null,
    speakerId: r.speaker_id as string | null,
    speakerName: r.speaker_name as string | null,
    kind: r.kind as StatementRow['kind'],
    text: r.text as string,
    cue: r.cue as string | null,
    startOffset: Number(r.start_offset),
    endOffset: Number(r.end_offset),
    sentimentScore: Number(r.sentiment_score),
    sentimentLabel: r.sentiment_label as string,
    clusterId: r.cluster_id as string,
    saidAt: iso(r.said_at)!,
  };
}
