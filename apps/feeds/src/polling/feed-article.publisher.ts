import { CHRONICLE_CONFIG, ChronicleConfig } from '@chronicle/config';
import { FeedArticleSubmission } from '@chronicle/feeds';
import { Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
// Ingest's own schema and service, so a feed article gets exactly the id, sanitising and checks of a posted one.
import { articleSubmissionSchema } from '../../../ingest/src/articles/article-submission.dto';
import { articleSizeProblem, ArticleSubmissionService } from '../../../ingest/src/articles/article-submission.service';

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
   * Validates the article with ingest's schema and publishes it; resolves when Kafka has it. An
   * article ingest would refuse (400 or 413) resolves as not published; a broker failure rejects.
   */
  async publish(article: FeedArticleSubmission, correlationId: string): Promise<PublishResult> {
    const parsed = articleSubmissionSchema.safeParse(article);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(article)'}: ${issue.message}`);
      return { published: false, reason: `refused by ingest's schema: ${problems.join('; ')}` };
    }
    const tooLarge = articleSizeProblem(parsed.data.body, this.config.limits.maxArticleBytes);
    if (tooLarge) return { published: false, reason: tooLarge };
    try {
      const [articleId] = await this.submission.submit([parsed.data], correlationId);
      return { published: true, articleId: articleId! };
    } catch (error) {
      if (error instanceof PayloadTooLargeException) return { published: false, reason: error.message };
      throw error;
    }
  }
}
