import { z } from 'zod';
import { statementViewSchema } from '../actors/actor.view';

/** A piece of the statement's text; `match` marks the words the query matched. */
export const textFragmentSchema = z.object({ text: z.string(), match: z.boolean() });

/** A statement found by a search or streamed live: the statement, its article's title, its text in highlighted segments. */
export const statementHitSchema = statementViewSchema.extend({
  articleTitle: z.string().nullable(),
  fragments: z
    .array(textFragmentSchema)
    .describe('The text in segments, concatenating to `text`; without `q`, one unmatched segment'),
});
export type StatementHitView = z.infer<typeof statementHitSchema>;

export const statementSearchSchema = z.object({
  statements: z.array(statementHitSchema),
  nextCursor: z.string().nullable().describe('`cursor` for the next page; null on the last page'),
});
