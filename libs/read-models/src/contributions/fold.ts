import { ArticleAnalyzedEvent } from '@chronicle/contracts';
import { AnalyzedStatement, compareCodePoints, statementIdentity } from '@chronicle/domain';

/** One actor in one article, with what that article says about it (the unit every actor aggregate is folded from). */
export interface MentionRow {
  actorId: string;
  articleId: string;
  outlet: string | null;
  name: string;
  kind: 'person' | 'organization';
  role: string | null;
  aliases: string[];
  count: number;
  sentimentScore: number;
  sentimentLabel: 'negative' | 'neutral' | 'positive';
  seenAt: string;
}

export interface StatementRow {
  id: string;
  articleId: string;
  outlet: string | null;
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
 * What a speaker is reported to criticise, praise, call or decline in one article (an analysis's stances, since
 * chronicle-nlp/1.23.0): kept on the article's row as the API shows them, not counted in any aggregate.
 */
export interface StanceRow {
  text: string;
  cue: string;
  start: number;
  end: number;
  /** Null when the stance has no speaker, or one the analysis does not list among its actors. */
  speaker: { id: string; name: string } | null;
  /**
   * Who the article says takes the stance when no actor does: the description of an unnamed source ("officials",
   * analyses since chronicle-nlp/1.25.0). Null when an actor does, or nobody is named; absent from rows stored before.
   */
  unnamedSpeaker?: string | null;
  sentiment: { score: number; label: 'negative' | 'neutral' | 'positive' };
}

/** Everything one article adds to the read models: replaced as a whole, never added to. */
export interface ArticleContribution {
  articleId: string;
  outlet: string | null;
  seenAt: string;
  mentions: MentionRow[];
  statements: StatementRow[];
}

/** The analysis of one article version, ready to replace that article's contribution. */
export interface AnalyzedArticle extends ArticleContribution {
  /** Articles-topic offset of the analysed version ("-1" for analyses that predate `sourceOffset`). */
  analysisOffset: string;
  analysisEventId: string;
  analyzerVersion: string;
  analyzedAt: string;
  url: string | null;
  title: string;
  publishedAt: string | null;
  receivedAt: string;
  stances: StanceRow[];
}

/** What the store knows of an article when an analysis arrives. */
export interface ArticleProjectionState {
  id: string;
  analysisOffset: string | null;
  retractedOffset: string | null;
}

const LEGACY_OFFSET = '-1';

function byId<T extends { articleId: string }>(a: T, b: T): number {
  return a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : 0;
}

type AnalyzedActor = ArticleAnalyzedEvent['data']['analysis']['actors'][number];

/** Keeps the first actor of each id: a malformed analysis must not make one actor write a row twice. */
function uniqueActors(actors: readonly AnalyzedActor[]): AnalyzedActor[] {
  const seen = new Set<string>();
  return actors.filter((actor) => !seen.has(actor.id) && seen.add(actor.id) !== undefined);
}

/**
 * Keeps the first statement of each id, with its identity: the ids are hashes of normalised
 * text, the hottest part of the fold, so each is computed once.
 */
function uniqueStatements(
  articleId: string,
  statements: readonly AnalyzedStatement[],
): Array<{ statement: AnalyzedStatement; id: string; clusterId: string }> {
  const seen = new Set<string>();
  const unique: Array<{ statement: AnalyzedStatement; id: string; clusterId: string }> = [];
  for (const statement of statements) {
    const identity = statementIdentity(articleId, statement);
    if (seen.has(identity.id)) continue;
    seen.add(identity.id);
    unique.push({ statement, ...identity });
  }
  return unique;
}

/** Below this magnitude a score is stored as 0 (see {@link storableScore}). */
const SMALLEST_STORED_SCORE = 1e-30;

/**
 * A sentiment score as the `real` (float4) columns of mentions and statements take it. PostgreSQL refuses a float4
 * smaller than about 1.4e-45 in magnitude (22003, underflow), and a refused row dead-letters its whole article: an
 * analysis of hostile text scored an actor 2.7e-57. A score under 1e-30 says "neutral" as well as 0 does.
 */
export function storableScore(score: number): number {
  return Math.abs(score) < SMALLEST_STORED_SCORE ? 0 : score;
}

function toContribution(event: ArticleAnalyzedEvent): AnalyzedArticle {
  const { data } = event;
  const articleId = data.articleId;
  const seenAt = new Date(data.publishedAt ?? data.receivedAt).toISOString();
  const speakers = new Set(data.analysis.actors.map((a) => a.id));
  return {
    articleId,
    outlet: data.outlet,
    seenAt,
    analysisOffset: data.sourceOffset ?? LEGACY_OFFSET,
    analysisEventId: event.id,
    analyzerVersion: data.analysis.analyzerVersion,
    analyzedAt: data.analyzedAt,
    url: data.url,
    title: data.title,
    publishedAt: data.publishedAt,
    receivedAt: data.receivedAt,
    mentions: uniqueActors(data.analysis.actors).map((actor) => ({
      actorId: actor.id,
      articleId,
      outlet: data.outlet,
      name: actor.name,
      kind: actor.kind,
      role: actor.role ?? null,
      aliases: namesOf(actor.mentions),
      // An analysis cut to the message limit lists fewer mentions than it counts.
      count: actor.mentionCount ?? actor.mentions.length,
      sentimentScore: storableScore(actor.sentiment.score),
      sentimentLabel: actor.sentiment.label,
      seenAt,
    })),
    statements: uniqueStatements(articleId, data.analysis.statements).map(({ statement, id, clusterId }) => {
      // A speaker the analysis does not list as an actor cannot be counted for it; keep the name only.
      const speakerId = statement.speaker && speakers.has(statement.speaker.actorId) ? statement.speaker.actorId : null;
      return {
        id,
        articleId,
        outlet: data.outlet,
        speakerId,
        speakerName: statement.speaker?.name ?? null,
        kind: statement.kind,
        text: statement.text,
        cue: statement.cue ?? null,
        startOffset: statement.start,
        endOffset: statement.end,
        sentimentScore: storableScore(statement.sentiment.score),
        sentimentLabel: statement.sentiment.label,
        clusterId,
        saidAt: seenAt,
      };
    }),
    stances: (data.analysis.stances ?? []).map((stance) => ({
      text: stance.text,
      cue: stance.cue,
      start: stance.start,
      end: stance.end,
      speaker:
        stance.speaker && speakers.has(stance.speaker.actorId) ? { id: stance.speaker.actorId, name: stance.speaker.name } : null,
      // A speaker the analysis does not list as an actor cannot be counted for it; keep the name only, as statements do.
      unnamedSpeaker: stance.speaker && !speakers.has(stance.speaker.actorId) ? stance.speaker.name : null,
      sentiment: { score: stance.sentiment.score, label: stance.sentiment.label },
    })),
  };
}

/**
 * Folds a batch of ArticleAnalyzed events into one analysed version per article (sorted by id,
 * the lock order): the analysis of the newest version (highest `sourceOffset`) wins; between
 * analyses of the same version, the later in the log wins.
 */
export function foldAnalyses(events: readonly ArticleAnalyzedEvent[]): AnalyzedArticle[] {
  const latest = new Map<string, AnalyzedArticle>();
  for (const event of events) {
    const next = toContribution(event);
    const current = latest.get(next.articleId);
    if (!current || BigInt(next.analysisOffset) >= BigInt(current.analysisOffset)) latest.set(next.articleId, next);
  }
  return [...latest.values()].sort(byId);
}

/**
 * The analyses that replace their article's contribution: those of a version at least as new as
 * the one in place and newer than the article's last retraction. This makes the result the same
 * whichever of the two topics (articles: retractions; analyses: versions) is read first.
 */
export function selectEffectiveAnalyses(
  candidates: readonly AnalyzedArticle[],
  states: readonly ArticleProjectionState[],
): AnalyzedArticle[] {
  const known = new Map(states.map((s) => [s.id, s]));
  return candidates.filter((candidate) => {
    const state = known.get(candidate.articleId);
    const offset = BigInt(candidate.analysisOffset);
    if (state?.analysisOffset != null && offset < BigInt(state.analysisOffset)) return false;
    if (state?.retractedOffset != null && offset <= BigInt(state.retractedOffset)) return false;
    return true;
  });
}

/**
 * The spellings an article names an actor by: the texts of its name mentions (analyses before
 * chronicle-nlp/1.5.0 mark no kind, and hold only names). "he" or "the Republican nominee" is not
 * an alias, or a search for "he" would find everyone ever referred to by it.
 */
function namesOf(mentions: ReadonlyArray<{ text: string; kind?: string }>): string[] {
  const names = mentions.filter((m) => m.kind === undefined || m.kind === 'name').map((m) => m.text);
  return [...new Set(names)].sort(compareCodePoints);
}
