import { ArticleAnalyzedEvent } from '@chronicle/contracts';
import { statementIdentity } from './statement-identity';

export interface AnalyzedArticleRow {
  id: string;
  url: string | null;
  outlet: string | null;
  title: string;
  publishedAt: string | null;
  receivedAt: string;
  analyzerVersion: string;
  analysisEventId: string;
  analyzedAt: string;
}

export interface ActorRow {
  id: string;
  name: string;
  kind: 'person' | 'organization';
  role: string | null;
  aliases: string[];
  firstSeen: string;
  lastSeen: string;
}

export interface MentionRow {
  actorId: string;
  articleId: string;
  count: number;
  sentimentScore: number;
  sentimentLabel: string;
  seenAt: string;
}

export interface StatementRow {
  id: string;
  articleId: string;
  speakerId: string | null;
  speakerName: string | null;
  kind: 'direct' | 'indirect';
  text: string;
  cue: string | null;
  startOffset: number;
  endOffset: number;
  sentimentScore: number;
  sentimentLabel: string;
  clusterId: string;
  saidAt: string;
}

/**
 * Row changes for a batch of analyses. Each listed article's previous contribution
 * (mentions, statements) is replaced, never added to, so redeliveries and re-analyses
 * leave counts exact.
 */
export interface AnalysisRowChanges {
  replacedArticleIds: string[];
  articles: AnalyzedArticleRow[];
  actors: ActorRow[];
  mentions: MentionRow[];
  statements: StatementRow[];
}

function mergeActor(existing: ActorRow | undefined, next: ActorRow): ActorRow {
  if (!existing) return next;
  return {
    ...existing,
    // Same order-independent rules as the store: longest name, alphabetically first role.
    name:
      next.name.length > existing.name.length || (next.name.length === existing.name.length && next.name < existing.name)
        ? next.name
        : existing.name,
    role: existing.role === null || (next.role !== null && next.role < existing.role) ? next.role : existing.role,
    aliases: [...new Set([...existing.aliases, ...next.aliases])].sort(),
    firstSeen: next.firstSeen < existing.firstSeen ? next.firstSeen : existing.firstSeen,
    lastSeen: next.lastSeen > existing.lastSeen ? next.lastSeen : existing.lastSeen,
  };
}

/**
 * Folds a batch of ArticleAnalyzed events into read-model rows. Within the batch the last
 * analysis of an article wins (the log keeps one article's events in order).
 */
export function foldAnalyses(events: readonly ArticleAnalyzedEvent[]): AnalysisRowChanges {
  const latest = new Map<string, ArticleAnalyzedEvent>();
  for (const event of events) latest.set(event.data.articleId, event);

  const changes: AnalysisRowChanges = { replacedArticleIds: [], articles: [], actors: [], mentions: [], statements: [] };
  const actors = new Map<string, ActorRow>();
  for (const [articleId, event] of latest) {
    const { data } = event;
    const seenAt = data.publishedAt ?? data.receivedAt;
    changes.replacedArticleIds.push(articleId);
    changes.articles.push({
      id: articleId,
      url: data.url,
      outlet: data.outlet,
      title: data.title,
      publishedAt: data.publishedAt,
      receivedAt: data.receivedAt,
      analyzerVersion: data.analysis.analyzerVersion,
      analysisEventId: event.id,
      analyzedAt: data.analyzedAt,
    });
    for (const actor of data.analysis.actors) {
      actors.set(
        actor.id,
        mergeActor(actors.get(actor.id), {
          id: actor.id,
          name: actor.name,
          kind: actor.kind,
          role: actor.role ?? null,
          aliases: [...new Set(actor.mentions.map((m) => m.text))].sort(),
          firstSeen: seenAt,
          lastSeen: seenAt,
        }),
      );
      changes.mentions.push({
        actorId: actor.id,
        articleId,
        count: actor.mentions.length,
        sentimentScore: actor.sentiment.score,
        sentimentLabel: actor.sentiment.label,
        seenAt,
      });
    }
    for (const statement of data.analysis.statements) {
      const { id, clusterId } = statementIdentity(articleId, statement);
      changes.statements.push({
        id,
        articleId,
        speakerId: statement.speaker?.actorId ?? null,
        speakerName: statement.speaker?.name ?? null,
        kind: statement.kind,
        text: statement.text,
        cue: statement.cue ?? null,
        startOffset: statement.start,
        endOffset: statement.end,
        sentimentScore: statement.sentiment.score,
        sentimentLabel: statement.sentiment.label,
        clusterId,
        saidAt: seenAt,
      });
    }
  }
  changes.actors = [...actors.values()];
  return changes;
}
