import { AggregateSlice } from '../read-model-slice';
import { EncodedCopy } from '../sql/sql-session';
import { deriveActorPairs } from './derive';
import { ActorPairChange, ActorPairsFold } from './fold';
import { actorPairRows } from './rows';
import {
  ACTOR_PAIR_COMPACTION_TABLE,
  ACTOR_PAIR_ENTRIES_TABLE,
  ACTOR_PAIR_KEYS_TABLE,
  ACTOR_PAIR_VECTORS_TABLE,
  actorPairsSelect,
} from './tables';
import { encodeActorPairEntries, writeActorPairEntries } from './write';

/** Articles per (actor, UTC week, co-mentioned actor): who appears together, for "related actors". A ledger, its packed weeks and the view summing both. */
export const actorPairsSlice: AggregateSlice<'actorPairs', ActorPairChange[], EncodedCopy> = {
  name: 'actorPairs',
  // Compaction and packing lock the ledger before its row, then the keys and vectors, as a rebuild's swap does (in this order).
  tables: [ACTOR_PAIR_ENTRIES_TABLE, ACTOR_PAIR_COMPACTION_TABLE, ACTOR_PAIR_KEYS_TABLE, ACTOR_PAIR_VECTORS_TABLE],
  // The packed weeks and their keys are derived (the ledger is emptied and left so); the compaction row, which
  // packing takes, is made by the first round.
  derivedTables: [ACTOR_PAIR_ENTRIES_TABLE, ACTOR_PAIR_KEYS_TABLE, ACTOR_PAIR_VECTORS_TABLE],
  views: [{ name: 'actor_pairs', select: actorPairsSelect }],
  startFold: () => new ActorPairsFold(),
  encode: encodeActorPairEntries,
  write: writeActorPairEntries,
  derive: deriveActorPairs,
  rows: actorPairRows,
};
