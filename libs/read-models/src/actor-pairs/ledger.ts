import { Ledger } from '../sql/ledger-compaction';
import { ACTOR_PAIR_COMPACTION_TABLE, ACTOR_PAIR_ENTRIES_TABLE } from './tables';

/**
 * The co-mention ledger: article deltas per (actor, week, other actor). Not compacted: the packing round
 * (`packActorPairEntries`) moves its entries into the packed weeks, under the ledger's compaction row.
 */
export const ACTOR_PAIR_LEDGER: Ledger = {
  entries: ACTOR_PAIR_ENTRIES_TABLE,
  compaction: ACTOR_PAIR_COMPACTION_TABLE,
  key: ['actor_id', 'week', 'other_actor_id'],
  sums: ['articles'],
};
