import { ReadModelRow, SliceRows } from '../read-model-slice';
import { isoInstant } from '../sql/iso-instant';
import { ClusterChange } from './fold';

export const statementReachRows: SliceRows<ClusterChange[]> = {
  fromFold: (changes) =>
    changes.map((c) => ({
      clusterId: c.clusterId,
      speakerId: c.speakerId,
      statements: c.statements,
      outlets: c.outlets,
      firstStatementId: c.firstStatementId,
      firstArticleId: c.firstArticleId,
      firstOutlet: c.firstOutlet,
      firstSeen: c.firstSeen,
      lastSeen: c.lastSeen,
    })),
  read: async (sql) => {
    const rows: Array<Record<string, unknown>> = await sql.query(
      `SELECT cluster_id, speaker_id, statement_count, outlet_count, first_statement_id, first_article_id, first_outlet,
              first_seen, last_seen
       FROM statement_reach ORDER BY cluster_id COLLATE "C"`,
    );
    return rows.map((r): ReadModelRow => ({
      clusterId: r.cluster_id as string,
      speakerId: r.speaker_id as string | null,
      statements: Number(r.statement_count),
      outlets: Number(r.outlet_count),
      firstStatementId: r.first_statement_id as string | null,
      firstArticleId: r.first_article_id as string | null,
      firstOutlet: r.first_outlet as string | null,
      firstSeen: isoInstant(r.first_seen as Date | null),
      lastSeen: isoInstant(r.last_seen as Date | null),
    }));
  },
};
