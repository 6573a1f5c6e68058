import { parseTextQuery, TextQuery, TextQuerySyntaxError } from '@chronicle/domain';
import { RANKED_MATCHES, STREAM_POSITION, StatementFilter } from '@chronicle/read-models';
import { z } from 'zod';
import { pageLimit, storableText } from '../common/request-values';
import { optionalTimeWindowFields, resolveOptionalTimeWindow } from '../common/time-window';
import { statementCursor } from './statement-cursor';

const MAX_SPAN_DAYS = 366;

const filterValue = (what: string) => storableText(z.string().min(1).max(500)).optional().describe(what);

/** `GET /v1/statements`: the filters, the order and the page, checked together (400s name the parameter). */
export const searchQuerySchema = z
  .object({
    q: storableText(z.string().trim().min(1).max(500))
      .optional()
      .describe(
        'Text query: words (stemmed, so `sanctions` finds "sanction"), "phrases", prefix*, AND, OR, NOT or -word, parentheses',
      ),
    actor: filterValue("Only this speaker's statements (actor id)"),
    kind: z.enum(['direct', 'indirect']).optional().describe('Only direct quotes or only reported speech'),
    outlet: filterValue('Only statements published by this outlet'),
    ...optionalTimeWindowFields(MAX_SPAN_DAYS),
    sentiment: z.enum(['negative', 'neutral', 'positive']).optional().describe('Only statements of this sentiment'),
    order: z
      .enum(['rank', 'newest'])
      .optional()
      .describe(
        `\`rank\`: best match first among the newest ${RANKED_MATCHES} matches (the default with \`q\`, which it needs); ` +
          '`newest`: newest first, over every match (the default without `q`)',
      ),
    cursor: statementCursor.optional(),
    limit: pageLimit(20, 100),
  })
  .strict()
  .transform((value, ctx) => {
    let query: TextQuery | undefined;
    if (value.q !== undefined) {
      try {
        query = parseTextQuery(value.q);
      } catch (error) {
        if (!(error instanceof TextQuerySyntaxError)) throw error;
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['q'], message: error.message });
      }
    }
    const window = resolveOptionalTimeWindow(value, ctx, { maxSpanDays: MAX_SPAN_DAYS });
    const order = value.order ?? (value.q === undefined ? 'newest' : 'rank');
    if (order === 'rank' && value.q === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['order'], message: '`rank` needs a query `q`' });
    }
    if (value.cursor && value.cursor.order !== order) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['cursor'],
        message: `must be a cursor from a previous page in \`${order}\` order`,
      });
    }
    const filter: StatementFilter = {
      query,
      actorId: value.actor,
      kind: value.kind,
      outlet: value.outlet,
      from: window?.from,
      to: window?.to,
      sentiment: value.sentiment,
    };
    return { filter, order, cursor: value.cursor, limit: value.limit };
  });

/** `GET /v1/statements/stream`. */
export const streamQuerySchema = z
  .object({
    actor: filterValue("Only this speaker's statements (actor id)"),
    lastEventId: z
      .string()
      .regex(STREAM_POSITION, 'must be a stream position (`<digits>.<digits>`, or digits)')
      .optional()
      .describe('Resume after this stream position (the `Last-Event-ID` header wins)'),
  })
  .strict();
