import { z } from 'zod';

const instant = z.string().datetime();
const sentiment = z.object({ score: z.number().min(-1).max(1), label: z.enum(['negative', 'neutral', 'positive']) });

/** An actor as lists and pages show it: names, counts and when it was seen. */
export const actorSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  role: z.string().nullable(),
  aliases: z.array(z.string()),
  mentionCount: z.number().int(),
  articleCount: z.number().int(),
  statementCount: z.number().int(),
  firstSeen: instant,
  lastSeen: instant,
});
export type ActorSummary = z.infer<typeof actorSummarySchema>;

/** A statement with its speaker, article and reach. */
export const statementViewSchema = z.object({
  id: z.string(),
  text: z.string(),
  kind: z.enum(['direct', 'indirect']),
  cue: z.string().nullable(),
  articleId: z.string(),
  articleUrl: z.string().nullable(),
  outlet: z.string().nullable(),
  start: z.number().int(),
  end: z.number().int(),
  sentiment,
  clusterId: z.string(),
  saidAt: instant,
  speaker: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** When no actor speaks: the article's description of an unnamed source ("officials"), else null. */
  unnamedSpeaker: z.string().nullable(),
  /** "First said in X, carried by N outlets": the near-duplicate cluster across outlets. */
  reach: z
    .object({
      firstOutlet: z.string().nullable(),
      firstArticleId: z.string().nullable(),
      firstSeen: instant.nullable(),
      outletCount: z.number().int(),
    })
    .nullable(),
});
export type StatementView = z.infer<typeof statementViewSchema>;

/**
 * What a speaker is reported to criticise, praise, call or decline ("criticized the decision"): not a statement, so it
 * is in no statement list, search, stream or alert (analyses since chronicle-nlp/1.23.0).
 */
export const stanceViewSchema = z.object({
  text: z.string(),
  /** The verb that takes the object ("criticized", "called"). */
  cue: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  speaker: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** When no actor takes the stance: the article's description of an unnamed source ("officials"), else null. */
  unnamedSpeaker: z.string().nullable(),
  sentiment,
});
export type StanceView = z.infer<typeof stanceViewSchema>;

/** One of an actor's stances, with the article it is reported in (`GET /v1/actors/:id/stances`). */
export const actorStanceViewSchema = stanceViewSchema.omit({ unnamedSpeaker: true }).extend({
  articleId: z.string(),
  articleTitle: z.string(),
  articleUrl: z.string().nullable(),
  outlet: z.string().nullable(),
  /** The article's time, as its statements' `saidAt` (published, else received). */
  saidAt: instant,
});
export type ActorStanceView = z.infer<typeof actorStanceViewSchema>;

/** Sentiment toward an actor in one hour or day. */
export const sentimentBucketSchema = z.object({
  bucketStart: instant,
  mentions: z.number().int(),
  articles: z.number().int(),
  positive: z.number().int(),
  neutral: z.number().int(),
  negative: z.number().int(),
  meanScore: z.number().nullable(),
});
export type SentimentBucket = z.infer<typeof sentimentBucketSchema>;

export const actorListSchema = z.object({
  actors: z.array(actorSummarySchema),
  /** Where the next page starts (`?cursor=`); null after the last page. */
  nextCursor: z.string().nullable(),
});
export const actorStatementsSchema = z.object({
  actor: actorSummarySchema,
  statements: z.array(statementViewSchema),
  nextCursor: z.string().nullable().describe('`cursor` for the next page; null on the last page'),
});
export const actorStancesSchema = z.object({
  actor: actorSummarySchema,
  stances: z.array(actorStanceViewSchema),
  nextCursor: z.string().nullable().describe('`cursor` for the next page; null on the last page'),
});
export const actorSentimentSchema = z.object({
  actor: actorSummarySchema,
  granularity: z.enum(['hour', 'day']),
  buckets: z.array(sentimentBucketSchema),
});

/** Another actor as a page about one actor names it. */
export const actorRefSchema = z.object({ id: z.string(), name: z.string(), kind: z.string(), role: z.string().nullable() });

/** A time window as counted: whole buckets (UTC days or hours) from `from` (inclusive) to `to` (exclusive). */
export const windowSchema = z.object({ from: instant, to: instant });

export const relatedActorsSchema = z.object({
  actor: actorSummarySchema,
  window: windowSchema,
  related: z.array(z.object({ actor: actorRefSchema, articles: z.number().int() })),
  nextCursor: z.string().nullable(),
});

export const actorOutletsSchema = z.object({
  actor: actorSummarySchema,
  outlets: z.array(z.object({ outlet: z.string(), articles: z.number().int() })),
  nextCursor: z.string().nullable(),
});
