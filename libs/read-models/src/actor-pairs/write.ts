import { encodeCopy } from '../sql/encode-copy';
import { CopyColumn } from '../sql/pg-copy-text';
import { EncodedCopy, SqlSession } from '../sql/sql-session';
import { ActorPairChange } from './fold';
import { ACTOR_PAIR_ENTRIES_TABLE } from './tables';

const ENTRY_COLUMNS: ReadonlyArray<CopyColumn<ActorPairChange>> = [
  { name: 'actor_id', value: (p) => p.actorId },
  { name: 'week', value: (p) => p.week },
  { name: 'other_actor_id', value: (p) => p.otherActorId },
  { name: 'articles', value: (p) => p.articles },
];

/** Pair deltas as rows appended to the ledger. */
export function encodeActorPairEntries(pairs: readonly ActorPairChange[]): EncodedCopy {
  return encodeCopy(ACTOR_PAIR_ENTRIES_TABLE, ENTRY_COLUMNS, pairs);
}

/** Appended to the ledger: no row lock, so concurrent batches never wait on each other here. */
export async function writeActorPairEntries(session: SqlSession, entries: EncodedCopy): Promise<void> {
  await session.copy(entries);
}
