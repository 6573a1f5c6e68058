import {
  assignStatementClusters,
  ClusterChanges,
  NoveltyStatement,
  StatementClusterRef,
  statementShingles,
} from '@chronicle/domain';
import { AlertRepository } from './alert.repository';

/** Where a batch's statements went: those placed before (replays, redeliveries) and the changes this batch made. */
export interface ClusterPlacement {
  placed: Map<string, StatementClusterRef>;
  changes: ClusterChanges;
}

/**
 * Places a batch's statements in novelty clusters inside the batch transaction: locks their speakers (reading the
 * transaction's clock with the locks), keeps the statements already placed where they are, clusters the rest
 * against the stored clusters that share a shingle with them (read with the placed ones in one statement), and
 * records what changed.
 */
export async function placeInClusters(
  repository: AlertRepository,
  statements: readonly NoveltyStatement[],
  threshold: number,
): Promise<ClusterPlacement> {
  const now = await repository.lockActorsReadingClock([...new Set(statements.map((s) => s.actorId))]);
  // Shingled once, for the candidate lookup and the placement alike.
  const shingled = statements.map((s) => ({ ...s, shingles: s.shingles ?? statementShingles(s.text) }));
  const { placed, known } = await repository.placedAndCandidateClusters(
    shingled.map((s) => ({ statementId: s.statementId, actorId: s.actorId, shingles: s.shingles })),
  );
  const changes = assignStatementClusters({ statements: shingled, placed, known, threshold, now });
  await repository.recordClusters(changes, statements);
  return { placed, changes };
}
