import { countBelow } from '../text/count-below';

/**
 * Every mention of the people listed under one surname, ascending by start offset, so that "who was mentioned last
 * before here" is a binary search rather than a pass over everyone of that surname. Mentions arrive in text order
 * within each pass over the candidates and are appended; the few that come earlier are inserted in place.
 */
export class MentionTimeline<T> {
  private readonly starts: number[] = [];
  private readonly items: T[] = [];

  add(start: number, item: T): void {
    const last = this.starts[this.starts.length - 1];
    if (last === undefined || last <= start) {
      this.starts.push(start);
      this.items.push(item);
      return;
    }
    const at = countBelow(this.starts, (s) => s, start);
    this.starts.splice(at, 0, start);
    this.items.splice(at, 0, item);
  }

  /**
   * The accepted item with the latest mention before `offset`; of several mentioned at that same start, the one of
   * lowest rank. None when no accepted item was mentioned before `offset`.
   */
  latestBefore(offset: number, accept: (item: T) => boolean, rank: (item: T) => number): T | undefined {
    let i = countBelow(this.starts, (s) => s, offset) - 1;
    while (i >= 0 && !accept(this.items[i]!)) i -= 1;
    if (i < 0) return undefined;
    const start = this.starts[i]!;
    let best = this.items[i]!;
    for (i -= 1; i >= 0 && this.starts[i] === start; i -= 1) {
      const item = this.items[i]!;
      if (accept(item) && rank(item) < rank(best)) best = item;
    }
    return best;
  }
}
