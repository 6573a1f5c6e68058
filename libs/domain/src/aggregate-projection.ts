import { ArticleContribution, MentionRow, StatementRow } from './analysis-projection';
import { codePointLength, compareCodePoints } from './code-point-order';

/**
 * Change to one actor row. Counts are deltas (integers, so any interleaving of batches sums to
 * the same value). Name, role, aliases and the seen window merge order-independently while rows
 * are only added; once any of the actor's rows is removed (`recompute`) they are recomputed
 * from the remaining mention rows instead.
 */
export interface ActorChange {
  id: string;
  name: string;
  kind: 'person' | 'organization';
  role: string | null;
  aliases: string[];
  firstSeen: string;
  lastSeen: string;
  mentions: number;
  articles: number;
  statements: number;
  recompute: boolean;
}

/**
 * Delta to one actor's UTC hour of sentiment: a row appended to `actor_sentiment_entries`, whose
 * sums per hour (and per day) are the `actor_sentiment` buckets. Scores are summed in
 * micro-units, so sums stay exact. Deltas are only ever added, so they take no lock.
 */
export interface SentimentBucketChange {
  actorId: string;
  /** Start of the UTC hour. */
  bucketStart: string;
  mentions: number;
  articles: number;
  positive: number;
  neutral: number;
  negative: number;
  scoreMicros: number;
}

export interface OutletActorChange {
  outlet: string;
  actorId: string;
  articles: number;
}

export interface OutletChange {
  outlet: string;
  articles: number;
}

/**
 * Change to one statement cluster's reach (first outlet and time, outlets carrying it). The
 * values describe the added statements only: exact for a cluster this change creates; a
 * cluster that already had statements, or lost some (`recompute`), is recounted from its rows.
 */
export interface ClusterChange {
  clusterId: string;
  speakerId: string | null;
  statements: number;
  outlets: number;
  firstStatementId: string | null;
  firstArticleId: string | null;
  firstOutlet: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  recompute: boolean;
}

/**
 * Aggregate changes for replacing some articles' contributions. The lists of rows that are
 * updated in place are sorted in lock order; sentiment deltas are appended and need none.
 */
export interface AggregateChanges {
  actors: ActorChange[];
  buckets: SentimentBucketChange[];
  clusters: ClusterChange[];
  outletActors: OutletActorChange[];
  outlets: OutletChange[];
}

/** The same rounding PostgreSQL applies when it stores a `real`, then micro-units. */
export function scoreMicros(score: number): number {
  return Math.round(Math.fround(score) * 1_000_000);
}

/** Start of the UTC hour an instant falls in, as an ISO string (days are summed from hours by the read model). */
export function hourStart(instant: string): string {
  // Rows carry normalised UTC instants; parse only what is not one already (hot path).
  const iso = instant.length === 24 && instant.endsWith('Z') ? instant : new Date(instant).toISOString();
  return `${iso.slice(0, 13)}:00:00.000Z`;
}

const compare = compareCodePoints;

function longerName(a: string, b: string): string {
  // Longest name, ties first in byte order: the same winner whatever order rows arrive in, and the
  // one the database's rebuild picks (it counts and compares code points, not UTF-16 units).
  const byLength = codePointLength(b) - codePointLength(a);
  return byLength > 0 || (byLength === 0 && compare(b, a) < 0) ? b : a;
}

function firstRole(a: string | null, b: string | null): string | null {
  return a === null || (b !== null && compare(b, a) < 0) ? b : a;
}

/** Composite keys joined by NUL, which sorts below every character ids and names can hold, so they sort like the tuple. */
const SEP = '\u0000';

class Deltas {
  readonly actors = new Map<string, ActorChange & { aliasSet: Set<string> }>();
  readonly buckets = new Map<string, SentimentBucketChange>();
  readonly clusters = new Map<string, ClusterChange & { outletSet: Set<string> }>();
  readonly outletActors = new Map<string, OutletActorChange>();
  readonly outlets = new Map<string, OutletChange>();

  add(contribution: ArticleContribution, sign: 1 | -1): void {
    const { outlet } = contribution;
    if (outlet !== null) this.outlet(outlet).articles += sign;
    const actorsHere = new Set<string>();
    for (const mention of contribution.mentions) {
      actorsHere.add(mention.actorId);
      const actor = this.actor(mention, sign);
      actor.mentions += sign * mention.count;
      actor.articles += sign;
      this.bucket(mention, sign);
      if (outlet !== null) this.outletActor(outlet, mention.actorId).articles += sign;
    }
    for (const statement of contribution.statements) {
      this.cluster(statement, sign);
      // Statements count only for a speaker that is an actor of the same contribution.
      if (statement.speakerId !== null && actorsHere.has(statement.speakerId))
        this.actors.get(statement.speakerId)!.statements += sign;
    }
  }

  private actor(mention: MentionRow, sign: 1 | -1): ActorChange & { aliasSet: Set<string> } {
    const existing = this.actors.get(mention.actorId);
    if (!existing) {
      const created = {
        id: mention.actorId,
        name: mention.name,
        kind: mention.kind,
        role: mention.role,
        aliases: [],
        aliasSet: new Set(mention.aliases),
        firstSeen: mention.seenAt,
        lastSeen: mention.seenAt,
        mentions: 0,
        articles: 0,
        statements: 0,
        recompute: sign < 0,
      };
      this.actors.set(mention.actorId, created);
      return created;
    }
    existing.recompute ||= sign < 0;
    existing.name = longerName(existing.name, mention.name);
    existing.role = firstRole(existing.role, mention.role);
    for (const alias of mention.aliases) existing.aliasSet.add(alias);
    if (mention.seenAt < existing.firstSeen) existing.firstSeen = mention.seenAt;
    if (mention.seenAt > existing.lastSeen) existing.lastSeen = mention.seenAt;
    return existing;
  }

  private bucket(mention: MentionRow, sign: 1 | -1): void {
    const start = hourStart(mention.seenAt);
    const key = mention.actorId + SEP + start;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = {
        actorId: mention.actorId,
        bucketStart: start,
        mentions: 0,
        articles: 0,
        positive: 0,
        neutral: 0,
        negative: 0,
        scoreMicros: 0,
      };
      this.buckets.set(key, bucket);
    }
    bucket.mentions += sign * mention.count;
    bucket.articles += sign;
    bucket[mention.sentimentLabel] += sign;
    bucket.scoreMicros += sign * scoreMicros(mention.sentimentScore);
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

  private outletActor(outlet: string, actorId: string): OutletActorChange {
    const key = outlet + SEP + actorId;
    let change = this.outletActors.get(key);
    if (!change) {
      change = { outlet, actorId, articles: 0 };
      this.outletActors.set(key, change);
    }
    return change;
  }

  private outlet(outlet: string): OutletChange {
    let change = this.outlets.get(outlet);
    if (!change) {
      change = { outlet, articles: 0 };
      this.outlets.set(outlet, change);
    }
    return change;
  }
}

/** First appearance: earliest time, then article id, then statement id (a total order). */
function precedes(statement: StatementRow, cluster: ClusterChange): boolean {
  return (
    (compare(statement.saidAt, cluster.firstSeen ?? '') ||
      compare(statement.articleId, cluster.firstArticleId ?? '') ||
      compare(statement.id, cluster.firstStatementId ?? '')) < 0
  );
}

/** The map's values in the order of its (composite) keys, which is the lock order. */
function sortedByKey<T>(entries: Map<string, T>, keep: (value: T) => boolean = () => true): T[] {
  // The default sort compares strings by UTF-16 code units, like `compare`, without a callback per comparison.
  const sorted: T[] = [];
  for (const key of [...entries.keys()].sort()) {
    const value = entries.get(key)!;
    if (keep(value)) sorted.push(value);
  }
  return sorted;
}

/**
 * The aggregate changes of replacing the `removed` contributions (as stored) with the `added`
 * ones: removed rows count negatively, added rows positively, and keys whose deltas cancel out
 * are dropped. Replaying a replacement against the rows it produced changes no count.
 */
export function aggregateChanges(
  removed: readonly ArticleContribution[],
  added: readonly ArticleContribution[],
): AggregateChanges {
  const deltas = new Deltas();
  // Added first, so merge fields (name, aliases, seen window) come from live rows where possible.
  for (const contribution of added) deltas.add(contribution, 1);
  for (const contribution of removed) deltas.add(contribution, -1);
  const bucketIsZero = (b: SentimentBucketChange) =>
    b.mentions === 0 && b.articles === 0 && b.positive === 0 && b.neutral === 0 && b.negative === 0 && b.scoreMicros === 0;
  return {
    actors: sortedByKey(deltas.actors).map(({ aliasSet, ...actor }) => ({ ...actor, aliases: [...aliasSet].sort(compare) })),
    buckets: [...deltas.buckets.values()].filter((b) => !bucketIsZero(b)),
    clusters: sortedByKey(deltas.clusters).map(({ outletSet, ...cluster }) => ({ ...cluster, outlets: outletSet.size })),
    outletActors: sortedByKey(deltas.outletActors, (c) => c.articles !== 0),
    outlets: sortedByKey(deltas.outlets),
  };
}
