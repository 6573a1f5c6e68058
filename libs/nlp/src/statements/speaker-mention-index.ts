import type { MentionRef } from '../actors/actor-model';
import { countBelow } from '../text/count-below';

interface Entry {
  mention: MentionRef;
  /** Its place in the actor's list: where several mentions qualify equally, the first listed wins. */
  order: number;
}

const byStart = (a: Entry, b: Entry) => a.mention.start - b.mention.start || a.order - b.order;
const byFirstToken = (a: Entry, b: Entry) => a.mention.first - b.mention.first || a.order - b.order;

/**
 * One actor's mentions, sorted by character and by token offset, so that finding the mention a statement hangs on
 * (speaker-mentions.ts, `speakerMention`) takes logarithmic time instead of a pass over every mention: an article
 * that names one speaker thousands of times must not take the square of that to attribute.
 */
export class SpeakerMentionIndex {
  private readonly byStart: Entry[];
  private readonly byFirstToken: Entry[];
  /** The mentions that are not pronouns, by start. */
  private readonly named: Entry[];
  private readonly longestChars: number;
  private readonly longestTokens: number;

  constructor(mentions: readonly MentionRef[]) {
    const entries = mentions.map((mention, order) => ({ mention, order }));
    this.byStart = [...entries].sort(byStart);
    this.byFirstToken = [...entries].sort(byFirstToken);
    this.named = this.byStart.filter((e) => e.mention.kind !== 'pronoun');
    // A loop, not Math.max(...spread): an article can name an actor more times than a call takes arguments.
    let longestChars = 0;
    let longestTokens = 0;
    for (const m of mentions) {
      longestChars = Math.max(longestChars, m.end - m.start);
      longestTokens = Math.max(longestTokens, m.last - m.first);
    }
    this.longestChars = longestChars;
    this.longestTokens = longestTokens;
  }

  /** The first listed mention whose tokens [first, last) overlap tokens [from, to). */
  overlappingTokens(from: number, to: number): MentionRef | undefined {
    const lo = countBelow(this.byFirstToken, (e) => e.mention.first, from - this.longestTokens + 1);
    const hi = countBelow(this.byFirstToken, (e) => e.mention.first, to);
    return firstListed(this.byFirstToken, lo, hi, (m) => m.first < to && from < m.last);
  }

  /** The first listed mention starting within [from, to) (characters) that `accept` takes. */
  startingWithin(from: number, to: number, accept: (m: MentionRef) => boolean): MentionRef | undefined {
    const lo = countBelow(this.byStart, (e) => e.mention.start, from);
    const hi = countBelow(this.byStart, (e) => e.mention.start, to);
    return firstListed(this.byStart, lo, hi, accept);
  }

  /** The most characters one mention spans. */
  get longestMention(): number {
    return this.longestChars;
  }

  /** The non-pronoun mention ending by `offset` that starts last (the first listed among equals). */
  namedEndingBy(offset: number): MentionRef | undefined {
    let k = countBelow(this.named, (e) => e.mention.start, offset) - 1;
    while (k >= 0 && this.named[k]!.mention.end > offset) k -= 1;
    if (k < 0) return undefined;
    const start = this.named[k]!.mention.start;
    let best = this.named[k]!;
    for (let j = k - 1; j >= 0 && this.named[j]!.mention.start === start; j -= 1) {
      if (this.named[j]!.mention.end <= offset) best = this.named[j]!;
    }
    return best.mention;
  }

  /** The non-pronoun mention starting at or after `offset` that starts first (the first listed among equals). */
  namedStartingFrom(offset: number): MentionRef | undefined {
    return this.named[countBelow(this.named, (e) => e.mention.start, offset)]?.mention;
  }
}

/** Among sorted[lo, hi), the mention listed first that `accept` takes. */
function firstListed(
  sorted: readonly Entry[],
  lo: number,
  hi: number,
  accept: (m: MentionRef) => boolean,
): MentionRef | undefined {
  let best: Entry | undefined;
  for (let k = lo; k < hi; k += 1) {
    const e = sorted[k]!;
    if ((!best || e.order < best.order) && accept(e.mention)) best = e;
  }
  return best?.mention;
}
