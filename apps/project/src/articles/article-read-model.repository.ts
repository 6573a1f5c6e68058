import { SubmittedArticleRow } from '@chronicle/domain';
import { EntityManager } from 'typeorm';

/** Writes submitted articles into the `articles` read model. */
export class ArticleReadModelRepository {
  constructor(private readonly manager: EntityManager) {}

  /** One set-based upsert for the whole batch; a later submission of an id replaces its content. */
  async upsertSubmitted(rows: SubmittedArticleRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.manager.query(
      `INSERT INTO articles (id, url, outlet, title, body, published_at, received_at)
       SELECT id, url, outlet, title, body, "publishedAt", "receivedAt"
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, url text, outlet text, title text, body text,
            "publishedAt" timestamptz, "receivedAt" timestamptz)
       ORDER BY id
       ON CONFLICT (id) DO UPDATE SET
         url = EXCLUDED.url, outlet = EXCLUDED.outlet, title = EXCLUDED.title, body = EXCLUDED.body,
         published_at = EXCLUDED.published_at, received_at = EXCLUDED.received_at`,
      [JSON.stringify(rows)],
    );
  }
}
