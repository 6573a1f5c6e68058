import { StanceKey } from '@chronicle/read-models';
import { z } from 'zod';
import { cursorParam, encodeCursor } from '../common/keyset-cursor';
import { instant, storableText } from '../common/request-values';

/** Largest offset or list position a cursor holds: what the query's `int` takes. */
const MAX_INT = 2_147_483_647;

/** A page of an actor's stances ends at: `[the article's time to the microsecond, its id, the stance's start, its place]`. */
const stanceKey = z
  .tuple([
    instant,
    storableText(z.string().min(1).max(1000)),
    z.number().int().min(0).max(MAX_INT),
    z.number().int().min(1).max(MAX_INT),
  ])
  .transform(([saidAt, articleId, start, position]): StanceKey => ({ saidAt, articleId, start, position }));

/** The `cursor` of an actor's stances (newest article first). */
export const stanceCursor = cursorParam(stanceKey);

/** The cursor that continues after `key`. */
export function encodeStanceCursor(key: StanceKey): string {
  return encodeCursor([key.saidAt, key.articleId, key.start, key.position]);
}
