/**
 * The shapes the dashboard reads. Existing routes take their types from the api's own zod views
 * (type-only imports, erased from the bundle), so a changed view breaks `npm run typecheck` here.
 * Routes still being built are typed from their agreed contract.
 */
import type { ActorSummary, SentimentBucket, StatementView } from '../../../api/src/actors/actor.view';
import type { AlertView } from '../../../api/src/alerts/alert.view';
import type { ArticleView } from '../../../api/src/articles/article.view';
import type { OutletView } from '../../../api/src/outlets/outlet.view';
import type { SubscriptionView } from '../../../api/src/subscriptions/subscription.view';

export type { ActorSummary, AlertView, ArticleView, OutletView, SentimentBucket, StatementView, SubscriptionView };

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export type Granularity = 'hour' | 'day';

/** A statement search hit (`GET /v1/statements`, and each `statement` event of its stream). */
export interface Hit extends StatementView {
  articleTitle: string | null;
  /** The statement text cut into pieces, `match` where the query matched. */
  fragments: Array<{ text: string; match: boolean }>;
}

export interface HitPage {
  statements: Hit[];
  nextCursor: string | null;
}

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

export interface ActorStatementsPage {
  actor: ActorSummary;
  statements: StatementView[];
  nextCursor?: string | null;
}

export interface RelatedActors {
  actor: ActorSummary;
  window: { from: string; to: string };
  related: Array<{ actor: { id: string; name: string; kind: string; role: string | null }; articles: number }>;
  nextCursor: string | null;
}

/** One outlet covering an actor; the shape lands with the outlets endpoint, so only `outlet` is relied on. */
export interface ActorOutlet {
  outlet: string;
  articles?: number;
  articleCount?: number;
  mentions?: number;
  mentionCount?: number;
  [field: string]: unknown;
}

export interface ActorOutlets {
  outlets: ActorOutlet[];
  nextCursor?: string | null;
}

export interface TrendRow {
  actor: { id: string; name: string; kind?: string; role?: string | null };
  mentions: number;
  previousMentions: number;
  mentionChange: number | null;
  meanScore: number | null;
  previousMeanScore: number | null;
  sentimentChange: number | null;
}

export interface Trends {
  window: { from: string; to: string };
  previousWindow: { from: string; to: string };
  granularity: Granularity;
  actors: TrendRow[];
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
