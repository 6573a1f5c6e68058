import { ContributionFold, ReadModelRow, SliceRows } from '../read-model-slice';
import { isoInstant } from '../sql/iso-instant';
import { ArticleContribution, MentionRow, StatementRow } from './fold';
import { mentionFromRow, statementFromRow } from './stored-rows';
import { MENTION_COLUMN_NAMES, STATEMENT_COLUMN_NAMES } from './write';

/** The contributions in place, by article: a removed one (-1) is gone, an added one (+1) replaces it. */
export class ContributionsInPlaceFold implements ContributionFold<ArticleContribution[]> {
  private readonly byArticle = new Map<string, ArticleContribution>();

  add(contribution: ArticleContribution, sign: 1 | -1): void {
    if (sign > 0) this.byArticle.set(contribution.articleId, contribution);
    else this.byArticle.delete(contribution.articleId);
  }

  changes(): ArticleContribution[] {
    return [...this.byArticle.values()];
  }
}

const byKey = (a: ReadModelRow, b: ReadModelRow) => (String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0);

function mentionRow(m: MentionRow): ReadModelRow {
  return {
    key: `m\u0000${m.articleId}\u0000${m.actorId}`,
    actorId: m.actorId,
    articleId: m.articleId,
    outlet: m.outlet,
    name: m.name,
    kind: m.kind,
    role: m.role,
    aliases: m.aliases,
    count: m.count,
    sentimentScore: Math.fround(m.sentimentScore),
    sentimentLabel: m.sentimentLabel,
    seenAt: isoInstant(m.seenAt),
  };
}

function statementRow(s: StatementRow): ReadModelRow {
  return {
    key: `s\u0000${s.articleId}\u0000${s.id}`,
    id: s.id,
    articleId: s.articleId,
    outlet: s.outlet,
    speakerId: s.speakerId,
    speakerName: s.speakerName,
    kind: s.kind,
    text: s.text,
    cue: s.cue,
    startOffset: s.startOffset,
    endOffset: s.endOffset,
    sentimentScore: Math.fround(s.sentimentScore),
    sentimentLabel: s.sentimentLabel,
    clusterId: s.clusterId,
    saidAt: isoInstant(s.saidAt),
  };
}

/** Every mention row, then every statement row, of the contributions in place. */
export const contributionRows: SliceRows<ArticleContribution[]> = {
  fromFold: (contributions) =>
    [
      ...contributions.flatMap((c) => c.mentions.map(mentionRow)),
      ...contributions.flatMap((c) => c.statements.map(statementRow)),
    ].sort(byKey),
  read: async (sql) => {
    const mentions: Array<Record<string, unknown>> = await sql.query(`SELECT ${MENTION_COLUMN_NAMES} FROM mentions`);
    const statements: Array<Record<string, unknown>> = await sql.query(`SELECT ${STATEMENT_COLUMN_NAMES} FROM statements`);
    return [
      ...mentions.map((r) => mentionRow(mentionFromRow(r))),
      ...statements.map((r) => statementRow(statementFromRow(r))),
    ].sort(byKey);
  },
};
