import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { FeedArticleSubmission } from '@chronicle/feeds';
import { Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
// Ingest's own schema and service, so a feed article gets exactly the id, sanitising and checks of a posted one.
import { ArticleSubmissionDto, articleSubmissionSchema, articleSizeProblem, ArticleSubmissionService } from '@chronicle/articles';

/** Published, or why not (the entry is remembered either way: it would be refused again). */
export type PublishResult = { published: true; articleId: string } | { published: false; reason: string };

/** Publishes feed articles as `ArticleSubmitted`, through ingest's validation and submission path. */
@Injectable()
export class FeedArticlePublisher {
  constructor(
    @Inject(ArticleSubmissionService) private readonly submission: ArticleSubmissionService,
    @Inject(CHRONICLE_CONFIG) private readonly config: ChronicleConfig,
  ) {}

  /**
   * Validates each article with ingest's schema and size limit and publishes the valid ones in one
   * send; resolves, in input order, when Kafka has them. An article ingest would refuse (400 or 413)
   * comes back as not published; a broker failure rejects, and then nothing counts as published.
   */
  async publishAll(articles: readonly FeedArticleSubmission[], correlationId: string): Promise<PublishResult[]> {
    const checked = articles.map((article) => this.check(article));
    const sent = await this.submitValid(
      checked.flatMap((result) => ('article' in result ? [result.article] : [])),
      correlationId,
    );
    let next = 0;
    return checked.map((result) => ('article' in result ? sent[next++]! : result));
  }

  /** One send; when the broker refuses an article as too large, each goes alone so only that one is refused. */
  private async submitValid(valid: ArticleSubmissionDto[], correlationId: string): Promise<PublishResult[]> {
    if (valid.length === 0) return [];
    try {
      return (await this.submission.submit(valid, correlationId)).map((articleId) => ({ published: true, articleId }));
    } catch (error) {
      if (!(error instanceof PayloadTooLargeException)) throw error;
      if (valid.length === 1) return [{ published: false, reason: error.message }];
      return (await Promise.all(valid.map((article) => this.submitValid([article], correlationId)))).flat();
    }
  }

  private check(article: FeedArticleSubmission): { article: ArticleSubmissionDto } | { published: false; reason: string } {
    const parsed = articleSubmissionSchema.safeParse(article);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(article)'}: ${issue.message}`);
      return { published: false, reason: `refused by ingest's schema: ${problems.join('; ')}` };
    }
    const tooLarge = articleSizeProblem(parsed.data.body, this.config.limits.maxArticleBytes);
    return tooLarge ? { published: false, reason: tooLarge } : { article: parsed.data };
  }
}
