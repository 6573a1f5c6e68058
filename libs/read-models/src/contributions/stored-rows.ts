import { isoInstant } from '../sql/iso-instant';
import { MentionRow, StatementRow } from './fold';

type Row = Record<string, unknown>;

/** A `mentions` row as the pg driver returns it, in domain terms. */
export function mentionFromRow(r: Row): MentionRow {
  return {
    actorId: r.actor_id as string,
    articleId: r.article_id as string,
    outlet: r.outlet as string | null,
    name: r.name as string,
    kind: r.kind as MentionRow['kind'],
    role: r.role as string | null,
    aliases: r.aliases as string[],
    count: Number(r.count),
    sentimentScore: Number(r.sentiment_score),
    sentimentLabel: r.sentiment_label as MentionRow['sentimentLabel'],
    seenAt: isoInstant(r.seen_at as Date),
  };
}

/** A `statements` row as the pg driver returns it, in domain terms. */
export function statementFromRow(r: Row): StatementRow {
  return {
    id: r.id as string,
    articleId: r.article_id as string,
    outlet: r.outlet as string | null,
    speakerId: r.speaker_id as string | null,
    speakerName: r.speaker_name as string | null,
    kind: r.kind as StatementRow['kind'],
    text: r.text as string,
    cue: r.cue as string | null,
    startOffset: Number(r.start_offset),
    endOffset: Number(r.end_offset),
    sentimentScore: Number(r.sentiment_score),
    sentimentLabel: r.sentiment_label as string,
    clusterId: r.cluster_id as string,
    saidAt: isoInstant(r.said_at as Date),
  };
}
