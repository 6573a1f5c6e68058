import { compactLedger, Ledger, LedgerCompaction } from '../sql/ledger-compaction';
import { SqlRunner } from '../sql/sql-session';
import { ACTOR_PAIR_COMPACTION_TABLE, ACTOR_PAIR_ENTRIES_TABLE } from './tables';

/** The co-mention ledger: article deltas per (actor, week, other actor). */
export const ACTOR_PAIR_LEDGER: Ledger = {
  entries: ACTOR_PAIR_ENTRIES_TABLE,
  compaction: ACTOR_PAIR_COMPACTION_TABLE,
  key: ['actor_id', 'week', 'other_actor_id'],
  sums: ['articles'],
  folds: 'repeated',
};

/** Folds the new entries of each (actor, week, other actor) into one row: {@link compactLedger}. */
export function compactActorPairEntries(manager: SqlRunner, maxEntries = 200_000): Promise<LedgerCompaction> {
  return compactLedger(manager, ACTOR_PAIR_LEDGER, maxEntries);
}
