import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { ARTICLE_SUBMITTED, ArticleSubmittedEvent, createEvent, deterministicId } from '@chronicle/contracts';
import { EventPublisher } from '@chronicle/kafka';
import { Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ArticleSubmissionDto } from './article-submission.dto';

/**
 * The article id: the caller's id, else one derived from the URL, else from the content,
 * so that re-submitting the same article always lands on the same id (and the same partition).
 */
export function articleIdFor(article: ArticleSubmissionDto): string {
  if (article.id) return article.id;
  if (article.url) return deterministicId('article-url', article.url.trim().replace(/\/+$/, '').toLowerCase());
  return deterministicId('article-content', article.title, article.body);
}

@Injectable()
export class ArticleSubmissionService {
  constructor(
    @Inject(EventPublisher) private readonly publisher: EventPublisher,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {}

  /** Publishes one ArticleSubmitted per article; resolves when Kafka has them all. */
  async submit(articles: ArticleSubmissionDto[], correlationId: string): Promise<string[]> {
    const receivedAt = new Date().toISOString();
    const events = articles.map((article) => {
      if (Buffer.byteLength(article.body, 'utf8') > this.config.limits.maxArticleBytes) {
        throw new PayloadTooLargeException(`article body exceeds MAX_ARTICLE_BYTES (${this.config.limits.maxArticleBytes})`);
      }
      const articleId = articleIdFor(article);
      const event = createEvent<ArticleSubmittedEvent>(
        ARTICLE_SUBMITTED,
        {
          articleId,
          url: article.url ?? null,
          outlet: article.outlet ?? null,
          title: article.title,
          body: article.body,
          publishedAt: article.publishedAt ?? null,
          language: article.language ?? null,
          receivedAt,
        },
        { id: randomUUID(), occurredAt: receivedAt, metadata: { correlationId, causationId: null } },
      );
      return { key: articleId, event };
    });
    await this.publisher.publish('articles', events);
    return events.map(({ key }) => key);
  }
}
