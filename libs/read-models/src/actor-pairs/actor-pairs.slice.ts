import { AggregateSlice } from '../read-model-slice';
import { deriveActorPairs } from './derive';
import { ActorPairChange, ActorPairsFold } from './fold';
import { actorPairRows } from './rows';
import { ACTOR_PAIRS_TABLE } from './tables';
import { EncodedActorPairs, encodeActorPairs, writeActorPairs } from './write';

/** Articles per (actor, UTC week, co-mentioned actor): who appears together, for "related actors". */
export const actorPairsSlice: AggregateSlice<'actorPairs', ActorPairChange[], EncodedActorPairs> = {
  name: 'actorPairs',
  tables: [ACTOR_PAIRS_TABLE],
  startFold: () => new ActorPairsFold(),
  encode: encodeActorPairs,
  write: writeActorPairs,
  derive: deriveActorPairs,
  rows: actorPairRows,
};
