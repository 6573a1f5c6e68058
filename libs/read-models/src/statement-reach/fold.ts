import { compareCodePoints } from '@chronicle/domain';
import { ArticleContribution, StatementRow } from '../contributions/fold';
import { ContributionFold } from '../read-model-slice';
import { sortedByKey } from '../sorted-by-key';

/**
 * Change to one statement cluster's reach (first outlet and time, outlets carrying it). The
 * values describe the added statements only: exact for a cluster this change creates, merged into
 * a cluster that already had statements; one that lost some (`recompute`) is recounted from its rows.
 */
export interface ClusterChange {
  clusterId: string;
  speakerId: string | null;
  statements: number;
  outlets: number;
  /** The outlets of the added statements, sorted (a cluster that had statements counts those it lacked). */
  addedOutlets: string[];
  firstStatementId: string | null;
  firstArticleId: string | null;
  firstOutlet: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  recompute: boolean;
}

const compare = compareCodePoints;

type ClusterDelta = Omit<ClusterChange, 'addedOutlets'> & { outletSet: Set<string> };

/** First appearance: earliest time, then article id, then statement id (a total order). */
function precedes(statement: StatementRow, cluster: ClusterDelta): boolean {
  return (
    (compare(statement.saidAt, cluster.firstSeen ?? '') ||
      compare(statement.articleId, cluster.firstArticleId ?? '') ||
      compare(statement.id, cluster.firstStatementId ?? '')) < 0
  );
}

/** Cluster deltas, sorted by cluster id (the lock order). */
export class StatementReachFold implements ContributionFold<ClusterChange[]> {
  private readonly clusters = new Map<string, ClusterDelta>();

  add(contribution: ArticleContribution, sign: 1 | -1): void {
    for (const statement of contribution.statements) this.cluster(statement, sign);
  }

  changes(): ClusterChange[] {
    return sortedByKey(this.clusters).map(({ outletSet, ...cluster }) => ({
      ...cluster,
      outlets: outletSet.size,
      addedOutlets: [...outletSet].sort(compare),
    }));
  }

  private cluster(statement: StatementRow, sign: 1 | -1): void {
    let cluster = this.clusters.get(statement.clusterId);
    if (!cluster) {
      cluster = {
        clusterId: statement.clusterId,
        speakerId: statement.speakerId,
        statements: 0,
        outlets: 0,
        outletSet: new Set<string>(),
        firstStatementId: null,
        firstArticleId: null,
        firstOutlet: null,
        firstSeen: null,
        lastSeen: null,
        recompute: false,
      };
      this.clusters.set(statement.clusterId, cluster);
    }
    cluster.statements += sign;
    if (sign < 0) {
      cluster.recompute = true;
      return;
    }
    if (statement.speakerId !== null && (cluster.speakerId === null || compare(statement.speakerId, cluster.speakerId) < 0)) {
      cluster.speakerId = statement.speakerId;
    }
    if (statement.outlet !== null) cluster.outletSet.add(statement.outlet);
    if (cluster.firstSeen === null || precedes(statement, cluster)) {
      cluster.firstSeen = statement.saidAt;
      cluster.firstArticleId = statement.articleId;
      cluster.firstStatementId = statement.id;
      cluster.firstOutlet = statement.outlet;
    }
    if (cluster.lastSeen === null || statement.saidAt > cluster.lastSeen) cluster.lastSeen = statement.saidAt;
  }
}
