import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import {
  ARTICLE_RETRACTED,
  ARTICLE_REVISED,
  ARTICLE_SUBMITTED,
  ArticleLifecycleEvent,
  ArticleRetractedEvent,
  ArticleRevisedEvent,
  ArticleSubmittedEvent,
  articleIdFor,
  createEvent,
} from '@chronicle/contracts';
import { EventPublisher, MessageTooLargeError } from '@chronicle/kafka';
import { Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ArticleRetractionDto, ArticleRevisionDto, ArticleSubmissionDto } from './article-submission.dto';

/**
 * Why an article is refused for its size (413), or `null`: its body is over `MAX_ARTICLE_BYTES`
 * (UTF-8 bytes), the one size setting the Kafka message limits are derived from.
 */
export function articleSizeProblem(body: string, maxArticleBytes: number): string | null {
  const bytes = Buffer.byteLength(body, 'utf8');
  return bytes > maxArticleBytes ? `article body is ${bytes} bytes, over MAX_ARTICLE_BYTES (${maxArticleBytes})` : null;
}

/**
 * Turns article requests into events on the articles topic, keyed by article id. Ingest keeps
 * no state: a revision or retraction of an id it never saw is accepted, and the projections
 * decide (a revision of an unknown id creates it; a retraction of one is ignored).
 */
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
      const articleId = articleIdFor(article);
      const event = createEvent<ArticleSubmittedEvent>(ARTICLE_SUBMITTED, this.content(articleId, article, receivedAt), {
        id: randomUUID(),
        occurredAt: receivedAt,
        metadata: { correlationId, causationId: null },
      });
      return { key: articleId, event };
    });
    await this.publish(events);
    return events.map(({ key }) => key);
  }

  /** Publishes ArticleRevised: the new version replaces the article's contribution once analysed. */
  async revise(articleId: string, article: ArticleRevisionDto, correlationId: string): Promise<string> {
    const receivedAt = new Date().toISOString();
    const event = createEvent<ArticleRevisedEvent>(ARTICLE_REVISED, this.content(articleId, article, receivedAt), {
      id: randomUUID(),
      occurredAt: receivedAt,
      metadata: { correlationId, causationId: null },
    });
    await this.publish([{ key: articleId, event }]);
    return articleId;
  }

  /** Publishes ArticleRetracted: the article's contribution leaves every read model. */
  async retract(articleId: string, retraction: ArticleRetractionDto, correlationId: string): Promise<string> {
    const retractedAt = new Date().toISOString();
    const event = createEvent<ArticleRetractedEvent>(
      ARTICLE_RETRACTED,
      { articleId, ...(retraction.reason ? { reason: retraction.reason } : {}), retractedAt },
      { id: randomUUID(), occurredAt: retractedAt, metadata: { correlationId, causationId: null } },
    );
    await this.publish([{ key: articleId, event }]);
    return articleId;
  }

  /**
   * Publishes to the articles topic. The publisher checks every encoded event against the message
   * limit before sending any, so an article too large to publish is a 413 and nothing of the
   * request is published.
   */
  private async publish(events: Array<{ key: string; event: ArticleLifecycleEvent }>): Promise<void> {
    try {
      await this.publisher.publish('articles', events);
    } catch (error) {
      if (!(error instanceof MessageTooLargeError)) throw error;
      throw new PayloadTooLargeException(
        `article ${error.key ?? ''} is ${error.bytes} bytes once encoded, over the ${error.maxBytes}-byte message limit derived from MAX_ARTICLE_BYTES`,
      );
    }
  }

  private content(articleId: string, article: ArticleRevisionDto, receivedAt: string): ArticleSubmittedEvent['data'] {
    const tooLarge = articleSizeProblem(article.body, this.config.limits.maxArticleBytes);
    if (tooLarge) throw new PayloadTooLargeException(`${articleId}: ${tooLarge}`);
    return {
      articleId,
      url: article.url ?? null,
      outlet: article.outlet ?? null,
      title: article.title,
      body: article.body,
      publishedAt: article.publishedAt ?? null,
      language: article.language ?? null,
      receivedAt,
    };
  }
}
