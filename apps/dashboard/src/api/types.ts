/**
 * The shapes the dashboard reads: the api's own zod views (type-only imports, erased from the
 * bundle), so a changed view breaks `npm run typecheck` here instead of a page in a browser.
 */
import type { z } from 'zod';
import type {
  ActorStanceView,
  actorStancesSchema,
  ActorSummary,
  actorOutletsSchema,
  actorStatementsSchema,
  relatedActorsSchema,
  SentimentBucket,
  StatementView,
} from '../../../api/src/actors/actor.view';
import type { AlertDetail, AlertView } from '../../../api/src/alerts/alert.view';
import type { ArticleView } from '../../../api/src/articles/article.view';
import type { OutletView } from '../../../api/src/outlets/outlet.view';
import type { StatementHitView, statementSearchSchema } from '../../../api/src/statements/statement.view';
import type { SubscriptionView } from '../../../api/src/subscriptions/subscription.view';
import type { actorTrendSchema, trendsSchema } from '../../../api/src/trends/trend.view';

export type {
  ActorStanceView,
  ActorSummary,
  AlertDetail,
  AlertView,
  ArticleView,
  OutletView,
  SentimentBucket,
  StatementView,
  SubscriptionView,
};

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export type Granularity = 'hour' | 'day';

/** A statement search hit (`GET /v1/statements`, and each `statement` event of its stream). */
export type Hit = StatementHitView;
export type HitPage = z.infer<typeof statementSearchSchema>;
export type ActorStatementsPage = z.infer<typeof actorStatementsSchema>;
export type ActorStancesPage = z.infer<typeof actorStancesSchema>;
export type RelatedActors = z.infer<typeof relatedActorsSchema>;
export type ActorOutlets = z.infer<typeof actorOutletsSchema>;
export type ActorOutlet = ActorOutlets['outlets'][number];
export type Trends = z.infer<typeof trendsSchema>;
export type TrendRow = z.infer<typeof actorTrendSchema>;

/** The query of `GET /v1/statements`. */
export interface StatementSearch {
  q?: string;
  actor?: string;
  kind?: 'direct' | 'indirect';
  outlet?: string;
  from?: string;
  to?: string;
  sentiment?: SentimentLabel;
  order?: 'rank' | 'newest';
  cursor?: string;
  limit?: number;
}

/** The fields a subscription form sends (`POST` / `PATCH /v1/subscriptions`). */
export interface SubscriptionInput {
  actors: string[];
  query?: string | null;
  words?: string[] | null;
  kinds: Array<'direct' | 'indirect' | 'any'>;
  outlets?: { include?: string[]; exclude?: string[] } | null;
  sentiment?: { labels: SentimentLabel[] } | null;
  channel: 'webhook' | 'stream';
  webhookUrl?: string | null;
}
