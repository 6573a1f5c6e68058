import { request } from './client';
import type {
  ActorOutlets,
  ActorStancesPage,
  ActorStatementsPage,
  ActorSummary,
  AlertDetail,
  AlertView,
  ArticleView,
  Granularity,
  HitPage,
  OutletView,
  RelatedActors,
  SentimentBucket,
  StatementSearch,
  SubscriptionInput,
  SubscriptionView,
  Trends,
} from './types';

const id = encodeURIComponent;
const ACTOR_MISSING = 'Chronicle knows no such actor. The link may be old, or the actor was merged into another.';

/** Checks a key before the session keeps it: a 401 throws the "not accepted" error. */
export const checkKey = (key: string) => request<{ actors: ActorSummary[] }>('/v1/actors', { key, query: { limit: 1 } });

export const searchActors = (q: string, limit = 8, signal?: AbortSignal) =>
  request<{ actors: ActorSummary[] }>('/v1/actors', { query: { q, limit }, signal });

export const getActor = (actorId: string, signal?: AbortSignal) =>
  request<ActorSummary>(`/v1/actors/${id(actorId)}`, { signal, notFound: ACTOR_MISSING });

export const actorStatements = (
  actorId: string,
  page: { cursor?: string; offset?: number; limit: number },
  signal?: AbortSignal,
) => request<ActorStatementsPage>(`/v1/actors/${id(actorId)}/statements`, { query: page, signal, notFound: ACTOR_MISSING });

export const actorStances = (actorId: string, page: { cursor?: string; limit: number }, signal?: AbortSignal) =>
  request<ActorStancesPage>(`/v1/actors/${id(actorId)}/stances`, { query: page, signal, notFound: ACTOR_MISSING });

export const actorSentiment = (
  actorId: string,
  window: { granularity: Granularity; from: string; to: string },
  signal?: AbortSignal,
) =>
  request<{ actor: ActorSummary; granularity: Granularity; buckets: SentimentBucket[] }>(`/v1/actors/${id(actorId)}/sentiment`, {
    query: window,
    signal,
    notFound: ACTOR_MISSING,
  });

export const relatedActors = (
  actorId: string,
  window: { from: string; to: string; limit?: number; cursor?: string },
  signal?: AbortSignal,
) => request<RelatedActors>(`/v1/actors/${id(actorId)}/related`, { query: window, signal, notFound: ACTOR_MISSING });

export const actorOutlets = (actorId: string, page: { limit?: number; cursor?: string }, signal?: AbortSignal) =>
  request<ActorOutlets>(`/v1/actors/${id(actorId)}/outlets`, { query: page, signal, notFound: ACTOR_MISSING });

export const listOutlets = (signal?: AbortSignal) =>
  request<{ outlets: OutletView[] }>('/v1/outlets', { query: { limit: 100 }, signal });

export const getArticle = (articleId: string, signal?: AbortSignal) =>
  request<ArticleView>(`/v1/articles/${id(articleId)}`, {
    signal,
    notFound: 'Chronicle has no such article. The link may be old.',
  });

export const searchStatements = (search: StatementSearch, signal?: AbortSignal) =>
  request<HitPage>('/v1/statements', { query: { ...search }, signal });

export const trends = (window: { from: string; to: string; granularity: Granularity }, signal?: AbortSignal) =>
  request<Trends>('/v1/trends', { query: window, signal });

const SUBSCRIPTION_MISSING = 'This subscription no longer exists. It may have been deleted.';

export const listSubscriptions = (signal?: AbortSignal) =>
  request<{ subscriptions: SubscriptionView[] }>('/v1/subscriptions', { signal });

export const createSubscription = (input: SubscriptionInput) =>
  request<SubscriptionView & { secret: string }>('/v1/subscriptions', { method: 'POST', body: input });

export const updateSubscription = (subscriptionId: string, patch: Partial<SubscriptionInput>) =>
  request<SubscriptionView>(`/v1/subscriptions/${id(subscriptionId)}`, {
    method: 'PATCH',
    body: patch,
    notFound: SUBSCRIPTION_MISSING,
  });

export const deleteSubscription = (subscriptionId: string) =>
  request<void>(`/v1/subscriptions/${id(subscriptionId)}`, { method: 'DELETE', notFound: SUBSCRIPTION_MISSING });

export const listAlerts = (query: { subscription?: string; before?: string; limit?: number }, signal?: AbortSignal) =>
  request<{ alerts: AlertView[] }>('/v1/alerts', { query, signal, notFound: SUBSCRIPTION_MISSING });

export const redeliverAlert = (alertId: string) =>
  request<AlertDetail>(`/v1/alerts/${id(alertId)}/redeliver`, {
    method: 'POST',
    notFound: 'This alert no longer exists.',
    conflict:
      'Only an alert whose delivery failed or was cancelled can be delivered again, and only while its subscription exists.',
  });
