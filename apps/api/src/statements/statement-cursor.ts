import { NewestFirstKey, RankKey } from '@chronicle/read-models';
import { z } from 'zod';
import { cursorParam, encodeCursor } from '../common/keyset-cursor';
import { instant, storableText } from '../common/request-values';

const statementId = storableText(z.string().min(1).max(1000));

/** A newest-first page's end: `['newest', said_at to the microsecond, id]`. */
const newestKey = z
  .tuple([z.literal('newest'), instant, statementId])
  .transform(([, saidAt, id]): { order: 'newest'; after: NewestFirstKey } => ({ order: 'newest', after: { saidAt, id } }));

/** A best-match page's end: `['rank', ts_rank_cd, id, the ranked matches' newest said_at, its id]`. */
const rankKey = z
  .tuple([z.literal('rank'), z.number().finite().min(0), statementId, instant, statementId])
  .transform(([, rank, id, newestSaidAt, newestId]): { order: 'rank'; after: RankKey } => ({
    order: 'rank',
    after: { rank, id, newest: { saidAt: newestSaidAt, id: newestId } },
  }));

/** The `cursor` of a list of statements in either order; which order it continues is part of it. */
export const statementCursor = cursorParam(z.union([newestKey, rankKey]));

/** The `cursor` of a newest-first list of statements (an actor's). */
export const newestFirstCursor = cursorParam(newestKey);

/** The cursor that continues after `key`, in the order it belongs to. */
export function encodeStatementCursor(
  key: { order: 'newest'; after: NewestFirstKey } | { order: 'rank'; after: RankKey },
): string {
  return key.order === 'newest'
    ? encodeCursor(['newest', key.after.saidAt, key.after.id])
    : encodeCursor(['rank', key.after.rank, key.after.id, key.after.newest.saidAt, key.after.newest.id]);
}
