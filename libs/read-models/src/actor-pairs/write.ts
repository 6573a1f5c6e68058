import { SqlSession } from '../sql/sql-session';
import { PairWeekChanges } from './fold';
import { pairKeysOf } from './pair-keys';
import { encodePairVector, PairSlot } from './pair-vectors';
import { ACTOR_PAIR_VECTORS_TABLE } from './tables';

/**
 * Adds one change row per (actor, week) to the packed weeks (`actor_pair_vectors`, `part` from its sequence, so
 * never a merged row's 0): the co-mentioned actors get their pair keys first. Inserts only, so concurrent batches
 * never wait on a popular actor's week here; the only wait is for another batch handing out the same new pair key,
 * in id order. The packing round merges a week's change rows once they grow past a few.
 */
export async function writeActorPairChanges(session: SqlSession, changes: PairWeekChanges): Promise<void> {
  if (changes.weeks.length === 0) return;
  const keys = await pairKeysOf(session, changes.otherActorIds);
  const vectors = changes.weeks.map(({ others }) => {
    const slots: PairSlot[] = [];
    for (const [otherActorId, articles] of others) slots.push({ key: keys.get(otherActorId)!, articles });
    return encodePairVector(slots.sort((a, b) => a.key - b.key));
  });
  await session.write(
    ACTOR_PAIR_VECTORS_TABLE,
    changes.weeks.length,
    `INSERT INTO ${ACTOR_PAIR_VECTORS_TABLE} (actor_id, week, others)
     SELECT * FROM unnest($1::text[], $2::date[], $3::bytea[])`,
    [changes.weeks.map((w) => w.actorId), changes.weeks.map((w) => w.week), vectors],
  );
}
