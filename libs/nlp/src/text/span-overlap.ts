import { countBelow } from './count-below';

/** A character range [start, end) of a text. */
export interface CharSpan {
  start: number;
  end: number;
}

/**
 * The items that overlap none of `blockers`, in their order. Sorts the blockers once and answers each item by binary
 * search over their starts and the running maximum of their ends, so many items against many blockers stays
 * n log n (an article with thousands of attributions in one stage is hostile, but must not stall the monitor).
 */
export function clearOf<T extends CharSpan>(items: readonly T[], blockers: readonly CharSpan[]): T[] {
  if (blockers.length === 0) return [...items];
  const sorted = [...blockers].sort((a, b) => a.start - b.start);
  const reach = new Float64Array(sorted.length);
  let furthest = -Infinity;
  sorted.forEach((b, i) => (reach[i] = furthest = Math.max(furthest, b.end)));
  return items.filter((item) => {
    // Blockers starting before the item ends are sorted[0 .. n); one of them overlaps it iff the furthest end there
    // lies past the item's start.
    const n = countBelow(sorted, (b) => b.start, item.end);
    return n === 0 || reach[n - 1]! <= item.start;
  });
}
