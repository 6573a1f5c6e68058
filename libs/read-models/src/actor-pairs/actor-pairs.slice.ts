import { AggregateSlice } from '../read-model-slice';
import { deriveActorPairs } from './derive';
import { ActorPairsFold, PairWeekChanges } from './fold';
import { actorPairRows } from './rows';
import {
  ACTOR_PAIR_COMPACTION_TABLE,
  ACTOR_PAIR_ENTRIES_TABLE,
  ACTOR_PAIR_KEYS_TABLE,
  ACTOR_PAIR_VECTORS_TABLE,
  actorPairsSelect,
} from './tables';
import { writeActorPairChanges } from './write';

/**
 * Articles per (actor, UTC week, co-mentioned actor): who appears together, for "related actors". Packed weeks (a
 * batch adds a change row per week it touched, the packing round merges them), the ledger that entries written before
 * the packed weeks existed wait in until packed, and the view summing both.
 */
export const actorPairsSlice: AggregateSlice<'actorPairs', PairWeekChanges, PairWeekChanges> = {
  name: 'actorPairs',
  // Compaction and packing lock the ledger before its row, then the keys and vectors, as a rebuild's swap does (in this order).
  tables: [ACTOR_PAIR_ENTRIES_TABLE, ACTOR_PAIR_COMPACTION_TABLE, ACTOR_PAIR_KEYS_TABLE, ACTOR_PAIR_VECTORS_TABLE],
  // The packed weeks and their keys are derived (the ledger is emptied and left so); the compaction row, which
  // packing takes, is made by the first round.
  derivedTables: [ACTOR_PAIR_ENTRIES_TABLE, ACTOR_PAIR_KEYS_TABLE, ACTOR_PAIR_VECTORS_TABLE],
  views: [{ name: 'actor_pairs', select: actorPairsSelect }],
  startFold: () => new ActorPairsFold(),
  // Nothing to encode ahead: the vectors need the pair keys, which the write reads.
  encode: (changes) => changes,
  write: writeActorPairChanges,
  derive: deriveActorPairs,
  rows: actorPairRows,
};
