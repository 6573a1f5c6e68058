import { z } from 'zod/v4';

export const ARTICLE_ANALYZED = 'ArticleAnalyzed' as const;

const sentimentSchema = z.object({
  score: z.number().min(-1).max(1),
  label: z.enum(['negative', 'neutral', 'positive']),
});

const spanSchema = z.object({ start: z.number().int(), end: z.number().int() });

const mentionSchema = z.object({
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  /** How the mention names its actor (analyzers since chronicle-nlp/1.5.0; optional, additive). */
  kind: z.enum(['name', 'pronoun', 'description']).optional(),
});

const truncationSchema = z.object({
  mentions: z.number().int().nonnegative(),
  actors: z.number().int().nonnegative(),
  places: z.number().int().nonnegative(),
  statements: z.number().int().nonnegative(),
  stances: z.number().int().nonnegative(),
});

/**
 * `mention`: offsets of the speaker's mention the attribution hangs on (since chronicle-nlp/1.5.0). An `actorId`
 * starting with `unnamed:` (since chronicle-nlp/1.25.0) is a source no actor stands for, named by its description
 * ("officials"); no actor of the analysis has it.
 */
export const UNNAMED_SPEAKER_ID_PREFIX = 'unnamed:';

const speakerSchema = z.object({ actorId: z.string(), name: z.string(), mention: spanSchema.optional() }).nullable();

export const analysisSchema = z.object({
  id: z.string(),
  analyzerVersion: z.string().min(1),
  actors: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      kind: z.enum(['person', 'organization']),
      role: z.string().optional(),
      mentions: z.array(mentionSchema),
      /** How many times the article mentions the actor, when `mentions` lists fewer (see `truncated`; optional, additive). */
      mentionCount: z.number().int().nonnegative().optional(),
      sentiment: sentimentSchema,
    }),
  ),
  places: z.array(
    z.object({
      name: z.string(),
      kind: z.literal('place'),
      mentions: z.array(mentionSchema),
      /** As an actor's `mentionCount`. */
      mentionCount: z.number().int().nonnegative().optional(),
    }),
  ),
  statements: z.array(
    z.object({
      kind: z.enum(['direct', 'indirect']),
      start: z.number().int(),
      end: z.number().int(),
      text: z.string(),
      cue: z.string().optional(),
      /** Offsets of the cue (said, according to…) in the body (since chronicle-nlp/1.5.0). */
      cueSpan: spanSchema.optional(),
      speaker: speakerSchema,
      sentiment: sentimentSchema,
    }),
  ),
  /**
   * What a speaker is reported to criticise, praise, call or decline, with no words of their own ("Kiro criticized the
   * decision"): not statements, so no projection treats them as such (since chronicle-nlp/1.23.0; optional, additive).
   */
  stances: z
    .array(
      z.object({
        start: z.number().int(),
        end: z.number().int(),
        text: z.string(),
        cue: z.string(),
        cueSpan: spanSchema,
        speaker: speakerSchema,
        sentiment: sentimentSchema,
      }),
    )
    .optional(),
  targets: z.array(z.object({ start: z.number().int(), end: z.number().int(), sentiment: sentimentSchema })),
  /**
   * What enrich left out so that the event fits the message limit (see `fitAnalysisToBudget`): how many mention
   * offsets, actors, places, statements and stances the extractor found beyond those listed. Absent when nothing
   * was left out (optional, additive).
   */
  truncated: truncationSchema.optional(),
});

export const articleAnalyzedV1Schema = z.object({
  articleId: z.string().min(1),
  /** Id of the ArticleSubmitted event that was analysed; newer analyses of an article replace older ones. */
  sourceEventId: z.string().min(1),
  /**
   * Offset of the analysed ArticleSubmitted/ArticleRevised on the articles topic (decimal). One
   * article's events share a partition, so this orders its versions and retractions: projections
   * keep the analysis of the newest version and ignore older ones, whatever order they arrive in.
   * Optional (added after v1): analyses without it rank below any that have it.
   */
  sourceOffset: z.string().regex(/^\d+$/).optional(),
  url: z.string().nullable(),
  outlet: z.string().nullable(),
  title: z.string(),
  publishedAt: z.string().nullable(),
  receivedAt: z.string(),
  analyzedAt: z.string(),
  analysis: analysisSchema,
});

export type ArticleAnalyzedData = z.infer<typeof articleAnalyzedV1Schema>;
export type AnalysisData = ArticleAnalyzedData['analysis'];
export type AnalysisTruncation = z.infer<typeof truncationSchema>;
