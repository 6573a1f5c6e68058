import {
  AggregateChanges,
  AnalyzedArticle,
  ArticleContribution,
  ArticleLifecycleChange,
  LockedArticleState,
  MentionRow,
  StatementRow,
} from '@chronicle/domain';
import { finished } from 'node:stream/promises';
import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AGGREGATE_GATE_TABLE } from '@chronicle/persistence';
import { EntityManager } from 'typeorm';
import { EncodedAggregates } from './aggregate-parameters';
import { numberArrayLiteral, textArrayLiteral } from './pg-array-literal';
import { EncodedContributionRows, EncodedCopy } from './contribution-encoding';

type Row = Record<string, unknown>;

const iso = (value: unknown): string | null => (value === null ? null : new Date(value as string).toISOString());

/**
 * Set-based writes of the read models, one statement per table and batch. Lock order is the
 * same in every transaction (article rows, then actors, clusters, outlet pairs, outlets, each
 * sorted by key; sentiment deltas are appended to a ledger and lock nothing), so concurrent
 * replicas never deadlock, and aggregates that need more than a delta are recomputed in a later
 * statement than the one that locked them, so they see every earlier writer's committed rows.
 */
export class ReadModelRepository {
  /** Rows written per table during this transaction (for metrics). */
  readonly rowsWritten = new Map<string, number>();

  /** @param aggregates `deferred` in a rebuild's projector, whose schema has an aggregate gate. */
  constructor(
    private readonly manager: EntityManager,
    private readonly aggregates: 'incremental' | 'deferred' = 'incremental',
  ) {}

  /**
   * Whether this batch leaves the aggregates to a later derivation (a rebuild loading rows).
   * Reads the gate `FOR SHARE`, held until commit, so the derivation sees this batch's rows.
   */
  async aggregatesDeferred(): Promise<boolean> {
    if (this.aggregates === 'incremental') return false;
    const [gate]: Row[] = await this.manager.query(`SELECT deferred FROM ${AGGREGATE_GATE_TABLE} FOR SHARE`);
    if (!gate) throw new Error(`PROJECTION_AGGREGATES=deferred needs a rebuild schema with its ${AGGREGATE_GATE_TABLE} table`);
    return gate.deferred === true;
  }

  private countRows(table: string, rows: number): void {
    this.rowsWritten.set(table, (this.rowsWritten.get(table) ?? 0) + rows);
  }

  private async write(table: string, rows: number, sql: string, params: unknown[]): Promise<Row[]> {
    this.countRows(table, rows);
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

  /**
   * Inserts the articles this store has never seen, with the analysis already in place, and
   * returns their ids. Most analyses are an article's first (every one, in a rebuild): such an
   * article has no contribution to subtract and its row is ours from the insert on, so it skips
   * the lock, the read-back and the update an existing article goes through.
   */
  async insertFirstAnalysedArticles(analyses: readonly AnalyzedArticle[]): Promise<Set<string>> {
    if (analyses.length === 0) return new Set();
    const rows: Row[] = await this.manager.query(
      // Sorted by id (the lock order); rows that exist are left to `lockArticles` + `recordAnalyses`.
      // The body is the submission's, written when the projector reads it from the articles topic.
      `INSERT INTO articles (id, url, outlet, title, body, published_at, received_at, analysis_offset, analyzer_version,
                             analysis_event_id, analyzed_at, contributed_outlet, contributed_at)
       SELECT "articleId", url, outlet, title, '', "publishedAt", "receivedAt", "analysisOffset"::bigint, "analyzerVersion",
              "analysisEventId", "analyzedAt", outlet, "seenAt"
       FROM jsonb_to_recordset($1::jsonb) AS r("articleId" text, url text, outlet text, title text, "publishedAt" timestamptz,
            "receivedAt" timestamptz, "analysisOffset" text, "analyzerVersion" text, "analysisEventId" text,
            "analyzedAt" timestamptz, "seenAt" timestamptz)
       ORDER BY "articleId"
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [JSON.stringify(analyses.map(articleAnalysisColumns))],
    );
    // Counted as inserted: the articles that already had a row were not written here.
    this.countRows('articles', rows.length);
    return new Set(rows.map((r) => r.id as string));
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

  /** Records which analysis is now in place on existing (locked) article rows. */
  async recordAnalyses(analyses: readonly AnalyzedArticle[]): Promise<void> {
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
      [JSON.stringify(analyses.map(articleAnalysisColumns))],
    );
  }

  /**
   * Inserts the mention and statement rows of the analyses now in place (encoded by
   * `encodeContributionRows`). The two largest tables only ever get rows inserted (a replaced
   * contribution is deleted first), so they are loaded with COPY: no parameter arrays to parse,
   * and Postgres inserts them page by page. They have no lock order between them.
   */
  async insertContributionRows(rows: EncodedContributionRows): Promise<void> {
    await Promise.all([this.copy(rows.mentions), this.copy(rows.statements)]);
  }

  /** `COPY … FROM STDIN` of encoded rows on this transaction's connection. */
  private async copy(rows: EncodedCopy): Promise<void> {
    if (rows.rows === 0) return;
    if (!this.manager.queryRunner) throw new Error(`COPY into ${rows.table} needs the EntityManager of a transaction`);
    this.countRows(rows.table, rows.rows);
    const client = (await this.manager.queryRunner.connect()) as PoolClient;
    const stream = client.query(copyFrom(rows.statement));
    stream.end(rows.text);
    await finished(stream);
  }

  /** Applies aggregate changes, encoded beforehand by `encodeAggregates`, in the global lock order. */
  async applyAggregates(encoded: EncodedAggregates): Promise<void> {
    const { changes } = encoded;
    // Appended to the ledger: no row lock, so concurrent batches never wait on each other here.
    await this.copy(encoded.entries);
    await this.applyActors(changes, encoded.actors);
    await this.recountClusters(changes, await this.addToClusters(changes, encoded.clusters));
    await this.applyOutlets(changes, await this.applyOutletActors(changes, encoded.outletActors));
  }

  private async applyActors({ actors }: AggregateChanges, parameters: string[]): Promise<void> {
    if (actors.length === 0) return;
    await this.write(
      'actors',
      actors.length,
      `INSERT INTO actors (id, name, kind, role, aliases, first_seen, last_seen, mention_count, article_count, statement_count)
         SELECT id, name, kind, role, aliases::text[], first_seen, last_seen, mentions, articles, statements
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[],
                     $8::int[], $9::int[], $10::int[]) WITH ORDINALITY
              AS r(id, name, kind, role, aliases, first_seen, last_seen, mentions, articles, statements, lock_order)
         ORDER BY lock_order
         ON CONFLICT (id) DO UPDATE SET
           -- Joins that do not depend on arrival order (same rules as the fold, in byte order):
           -- longest name (ties: first), first role, union of aliases, widest seen window.
           name = CASE WHEN length(EXCLUDED.name) > length(actors.name)
                         OR (length(EXCLUDED.name) = length(actors.name) AND EXCLUDED.name COLLATE "C" < actors.name COLLATE "C")
                       THEN EXCLUDED.name ELSE actors.name END,
           role = CASE WHEN actors.role IS NULL OR EXCLUDED.role COLLATE "C" < actors.role COLLATE "C"
                       THEN EXCLUDED.role ELSE actors.role END,
           -- Stored aliases are already sorted and distinct: rebuild them only when something is new.
           aliases = CASE WHEN actors.aliases @> EXCLUDED.aliases THEN actors.aliases
                          ELSE ARRAY(SELECT DISTINCT x COLLATE "C" FROM unnest(actors.aliases || EXCLUDED.aliases) x ORDER BY 1) END,
           first_seen = LEAST(actors.first_seen, EXCLUDED.first_seen),
           last_seen = GREATEST(actors.last_seen, EXCLUDED.last_seen),
           mention_count = actors.mention_count + EXCLUDED.mention_count,
           article_count = actors.article_count + EXCLUDED.article_count,
           statement_count = actors.statement_count + EXCLUDED.statement_count`,
      parameters,
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
    // Only a removed article can take an actor to zero.
    const shrunk = actors.filter((a) => a.articles < 0).map((a) => a.id);
    if (shrunk.length > 0) await this.manager.query('DELETE FROM actors WHERE id = ANY($1) AND article_count <= 0', [shrunk]);
  }

  /**
   * Creates new clusters with their exact values and locks existing ones (adding the delta);
   * returns the clusters that existed or lost statements, which `recountClusters` recounts.
   */
  private async addToClusters({ clusters }: AggregateChanges, parameters: string[]): Promise<string[]> {
    if (clusters.length === 0) return [];
    const rows: Row[] = await this.write(
      'statement_reach',
      clusters.length,
      `WITH r AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[],
                              $8::timestamptz[], $9::timestamptz[], $10::boolean[]) WITH ORDINALITY
           AS r(cluster_id, speaker_id, statements, outlets, first_statement_id, first_article_id, first_outlet,
                first_seen, last_seen, recompute, lock_order)),
       c AS (
         INSERT INTO statement_reach AS c (cluster_id, speaker_id, statement_count, outlet_count, first_statement_id,
                                            first_article_id, first_outlet, first_seen, last_seen)
         SELECT cluster_id, speaker_id, statements, outlets, first_statement_id, first_article_id, first_outlet, first_seen, last_seen
         FROM r ORDER BY lock_order
         ON CONFLICT (cluster_id) DO UPDATE SET statement_count = c.statement_count + EXCLUDED.statement_count
         RETURNING c.cluster_id, c.statement_count)
       -- A count other than the delta means the cluster already had statements.
       SELECT c.cluster_id FROM c JOIN r ON r.cluster_id = c.cluster_id
       WHERE r.recompute OR c.statement_count <> r.statements`,
      parameters,
    );
    return rows.map((r) => r.cluster_id as string);
  }

  /** Recounts clusters from their rows, in a later statement than the lock, so it sees every earlier writer's statements. */
  private async recountClusters({ clusters }: AggregateChanges, recount: readonly string[]): Promise<void> {
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
    // Only a cluster that lost statements can reach zero.
    if (clusters.some((c) => c.recompute)) {
      await this.manager.query('DELETE FROM statement_reach WHERE cluster_id = ANY($1) AND statement_count <= 0', [recount]);
    }
  }

  /** Applies (outlet, actor) deltas; returns per outlet how many actors it gained (+) or lost (-). */
  private async applyOutletActors({ outletActors }: AggregateChanges, parameters: string[]): Promise<Map<string, number>> {
    const gained = new Map<string, number>();
    if (outletActors.length === 0) return gained;
    // Summarised per outlet in SQL, so only one row per outlet comes back.
    const rows: Row[] = await this.write(
      'outlet_actors',
      outletActors.length,
      `WITH r AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS r(outlet, actor_id, articles, lock_order)),
       o AS (
         INSERT INTO outlet_actors AS o (outlet, actor_id, articles)
         SELECT outlet, actor_id, articles FROM r ORDER BY lock_order
         ON CONFLICT (outlet, actor_id) DO UPDATE SET articles = o.articles + EXCLUDED.articles
         RETURNING o.outlet, o.actor_id, o.articles)
       -- Stored pairs always have articles > 0, so "now equals the delta" means the pair is new.
       SELECT o.outlet,
              (count(*) FILTER (WHERE o.articles > 0 AND o.articles = r.articles) - count(*) FILTER (WHERE o.articles <= 0))::int AS gained,
              array_agg(o.actor_id) FILTER (WHERE o.articles <= 0) AS emptied
       FROM o JOIN r ON r.outlet = o.outlet AND r.actor_id = o.actor_id
       GROUP BY o.outlet`,
      parameters,
    );
    const emptied = rows.flatMap((r) => ((r.emptied as string[] | null) ?? []).map((actorId) => [r.outlet as string, actorId]));
    for (const row of rows) if (Number(row.gained) !== 0) gained.set(row.outlet as string, Number(row.gained));
    if (emptied.length > 0) {
      await this.manager.query(
        `DELETE FROM outlet_actors o USING unnest($1::text[], $2::text[]) AS k(outlet, actor_id)
         WHERE o.outlet = k.outlet AND o.actor_id = k.actor_id`,
        [emptied.map(([outlet]) => outlet), emptied.map(([, actorId]) => actorId)],
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
       SELECT outlet, articles, actors FROM unnest($1::text[], $2::int[], $3::int[]) WITH ORDINALITY AS r(outlet, articles, actors, lock_order)
       ORDER BY lock_order
       ON CONFLICT (outlet) DO UPDATE SET article_count = o.article_count + EXCLUDED.article_count,
         actor_count = o.actor_count + EXCLUDED.actor_count`,
      [
        textArrayLiteral(names),
        numberArrayLiteral(names.map((outlet) => articles.get(outlet) ?? 0)),
        numberArrayLiteral(names.map((outlet) => actorsGained.get(outlet) ?? 0)),
      ],
    );
    // The seen window, from the articles now contributing (index-only min/max per outlet).
    await this.manager.query(
      `UPDATE outlets o SET
         first_seen = (SELECT min(contributed_at) FROM articles a WHERE a.contributed_outlet = o.outlet),
         last_seen = (SELECT max(contributed_at) FROM articles a WHERE a.contributed_outlet = o.outlet)
       WHERE o.outlet = ANY($1)`,
      [names],
    );
    // Only an outlet that lost articles can reach zero.
    if (outlets.some((o) => o.articles < 0)) {
      await this.manager.query('DELETE FROM outlets WHERE outlet = ANY($1) AND article_count <= 0', [names]);
    }
  }
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
  };
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
