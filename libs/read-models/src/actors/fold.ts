import { codePointLength, compareCodePoints } from '@chronicle/domain';
import { ArticleContribution, MentionRow } from '../contributions/fold';
import { ContributionFold } from '../read-model-slice';
import { sortedByKey } from '../sorted-by-key';

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

type ActorDelta = ActorChange & { aliasSet: Set<string> };

/** Actor deltas, sorted by id (the lock order). */
export class ActorsFold implements ContributionFold<ActorChange[]> {
  private readonly actors = new Map<string, ActorDelta>();

  add(contribution: ArticleContribution, sign: 1 | -1): void {
    const actorsHere = new Set<string>();
    for (const mention of contribution.mentions) {
      actorsHere.add(mention.actorId);
      const actor = this.actor(mention, sign);
      actor.mentions += sign * mention.count;
      actor.articles += sign;
    }
    for (const statement of contribution.statements) {
      // Statements count only for a speaker that is an actor of the same contribution.
      if (statement.speakerId !== null && actorsHere.has(statement.speakerId))
        this.actors.get(statement.speakerId)!.statements += sign;
    }
  }

  changes(): ActorChange[] {
    return sortedByKey(this.actors).map(({ aliasSet, ...actor }) => ({ ...actor, aliases: [...aliasSet].sort(compare) }));
  }

  private actor(mention: MentionRow, sign: 1 | -1): ActorDelta {
    const existing = this.actors.get(mention.actorId);
    if (!existing) {
      const created: ActorDelta = {
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
}
