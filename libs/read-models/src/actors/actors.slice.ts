import { AggregateSlice } from '../read-model-slice';
import { actorRows } from './rows';
import { deriveActors } from './derive';
import { ActorChange, ActorsFold } from './fold';
import { EncodedActors, encodeActors, writeActors } from './write';

/** One row per actor: merged names, role and aliases, counts and seen window. */
export const actorsSlice: AggregateSlice<'actors', ActorChange[], EncodedActors> = {
  name: 'actors',
  tables: ['actors'],
  startFold: () => new ActorsFold(),
  encode: encodeActors,
  write: writeActors,
  derive: deriveActors,
  rows: actorRows,
};
