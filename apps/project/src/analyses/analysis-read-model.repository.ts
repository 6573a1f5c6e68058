import { AnalysisRowChanges } from '@chronicle/domain';
import { EntityManager } from 'typeorm';

/**
 * Writes a batch's analysis rows with set-based statements. Each article's previous
 * mentions and statements are replaced, and actor counts are recomputed from the rows
 * rather than incremented, so they stay exact under redelivery and re-analysis.
 */
export class AnalysisReadModelRepository {
  constructor(private readonly manager: EntityManager) {}

  async apply(changes: AnalysisRowChanges): Promise<void> {
    const articleIds = changes.replacedArticleIds;
    if (articleIds.length === 0) return;
    const previous: Array<{ id: string }> = await this.manager.query(
      `SELECT actor_id AS id FROM mentions WHERE article_id = ANY($1)
       UNION SELECT speaker_id FROM statements WHERE article_id = ANY($1) AND speaker_id IS NOT NULL`,
      [articleIds],
    );
    const affected = [
      ...new Set([
        ...previous.map((r) => r.id),
        ...changes.actors.map((a) => a.id),
        ...changes.statements.flatMap((s) => (s.speakerId ? [s.speakerId] : [])),
      ]),
    ].sort();
    await this.upsertActors(changes);
    // Lock every affected actor (sorted, to keep lock order stable across replicas) so the
    // recount below sees all concurrent writers' committed rows.
    await this.manager.query('SELECT id FROM actors WHERE id = ANY($1) ORDER BY id FOR UPDATE', [affected]);
    await this.manager.query('DELETE FROM mentions WHERE article_id = ANY($1)', [articleIds]);
    await this.manager.query('DELETE FROM statements WHERE article_id = ANY($1)', [articleIds]);
    await this.upsertArticles(changes);
    await this.insertMentions(changes);
    await this.insertStatements(changes);
    await this.recountActors(affected);
  }

  private async upsertArticles({ articles }: AnalysisRowChanges): Promise<void> {
    await this.manager.query(
      `INSERT INTO articles (id, url, outlet, title, body, published_at, received_at, analyzer_version, analysis_event_id, analyzed_at)
       SELECT id, url, outlet, title, '', "publishedAt", "receivedAt", "analyzerVersion", "analysisEventId", "analyzedAt"
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, url text, outlet text, title text, "publishedAt" timestamptz,
            "receivedAt" timestamptz, "analyzerVersion" text, "analysisEventId" text, "analyzedAt" timestamptz)
       ORDER BY id
       ON CONFLICT (id) DO UPDATE SET
         analyzer_version = EXCLUDED.analyzer_version, analysis_event_id = EXCLUDED.analysis_event_id,
         analyzed_at = EXCLUDED.analyzed_at`,
      [JSON.stringify(articles)],
    );
  }

  private async upsertActors({ actors }: AnalysisRowChanges): Promise<void> {
    if (actors.length === 0) return;
    await this.manager.query(
      `INSERT INTO actors (id, name, kind, role, aliases, first_seen, last_seen)
       SELECT id, name, kind, role, ARRAY(SELECT jsonb_array_elements_text(aliases)), "firstSeen", "lastSeen"
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, kind text, role text, aliases jsonb,
            "firstSeen" timestamptz, "lastSeen" timestamptz)
       ORDER BY id
       ON CONFLICT (id) DO UPDATE SET
         -- Order-independent merges, so any interleaving of partitions gives the same row:
         -- the longest name (ties: alphabetical first) and the alphabetically first role.
         name = CASE WHEN length(EXCLUDED.name) > length(actors.name)
                       OR (length(EXCLUDED.name) = length(actors.name) AND EXCLUDED.name < actors.name)
                     THEN EXCLUDED.name ELSE actors.name END,
         role = CASE WHEN actors.role IS NULL OR EXCLUDED.role < actors.role THEN EXCLUDED.role ELSE actors.role END,
         aliases = ARRAY(SELECT DISTINCT unnest(actors.aliases || EXCLUDED.aliases) ORDER BY 1),
         first_seen = LEAST(actors.first_seen, EXCLUDED.first_seen),
         last_seen = GREATEST(actors.last_seen, EXCLUDED.last_seen)`,
      [JSON.stringify(actors)],
    );
  }

  private async insertMentions({ mentions }: AnalysisRowChanges): Promise<void> {
    if (mentions.length === 0) return;
    await this.manager.query(
      `INSERT INTO mentions (actor_id, article_id, count, sentiment_score, sentiment_label, seen_at)
       SELECT "actorId", "articleId", count, "sentimentScore", "sentimentLabel", "seenAt"
       FROM jsonb_to_recordset($1::jsonb) AS r("actorId" text, "articleId" text, count int, "sentimentScore" real,
            "sentimentLabel" text, "seenAt" timestamptz)
       ON CONFLICT (actor_id, article_id) DO UPDATE SET count = EXCLUDED.count,
         sentiment_score = EXCLUDED.sentiment_score, sentiment_label = EXCLUDED.sentiment_label, seen_at = EXCLUDED.seen_at`,
      [JSON.stringify(mentions)],
    );
  }

  private async insertStatements({ statements }: AnalysisRowChanges): Promise<void> {
    if (statements.length === 0) return;
    await this.manager.query(
      `INSERT INTO statements (id, article_id, speaker_id, speaker_name, kind, text, cue, start_offset, end_offset,
                               sentiment_score, sentiment_label, cluster_id, said_at)
       SELECT id, "articleId", "speakerId", "speakerName", kind, text, cue, "startOffset", "endOffset",
              "sentimentScore", "sentimentLabel", "clusterId", "saidAt"
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, "articleId" text, "speakerId" text, "speakerName" text, kind text,
            text text, cue text, "startOffset" int, "endOffset" int, "sentimentScore" real, "sentimentLabel" text,
            "clusterId" text, "saidAt" timestamptz)
       ON CONFLICT (id) DO UPDATE SET text = EXCLUDED.text, speaker_id = EXCLUDED.speaker_id,
         speaker_name = EXCLUDED.speaker_name, sentiment_score = EXCLUDED.sentiment_score,
         sentiment_label = EXCLUDED.sentiment_label, cluster_id = EXCLUDED.cluster_id`,
      [JSON.stringify(statements)],
    );
  }

  private async recountActors(actorIds: string[]): Promise<void> {
    if (actorIds.length === 0) return;
    await this.manager.query(
      `UPDATE actors a SET
         mention_count = COALESCE(m.mentions, 0),
         article_count = COALESCE(m.articles, 0),
         statement_count = COALESCE(s.statements, 0)
       FROM unnest($1::text[]) AS ids(id)
       LEFT JOIN (SELECT actor_id, SUM(count)::int AS mentions, COUNT(*)::int AS articles
                  FROM mentions WHERE actor_id = ANY($1) GROUP BY actor_id) m ON m.actor_id = ids.id
       LEFT JOIN (SELECT speaker_id, COUNT(*)::int AS statements
                  FROM statements WHERE speaker_id = ANY($1) GROUP BY speaker_id) s ON s.speaker_id = ids.id
       WHERE a.id = ids.id`,
      [actorIds],
    );
  }
}
