import type { PolnearDocument } from './dev-split-readers';

type Span = { start: number; end: number };

/** Characters two ranges share. */
export function overlap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}

/**
 * Greedy one-to-one matching of predicted statements to a document's gold contents, in the statements' order: each
 * takes the unused gold content it overlaps most, if that overlap is more than 30 % of both spans. Returns the gold
 * index of each statement, or -1; the indexes taken are added to `used`.
 */
export function matchContents(statements: readonly Span[], doc: PolnearDocument, used: Set<number>): number[] {
  return statements.map((s) => {
    let best = -1;
    let bestOverlap = 0;
    doc.statements.forEach((g, gi) => {
      if (used.has(gi)) return;
      const o = overlap(s.start, s.end, g.contentStart, g.contentEnd);
      if (o > 0.3 * (g.contentEnd - g.contentStart) && o > 0.3 * (s.end - s.start) && o > bestOverlap) {
        best = gi;
        bestOverlap = o;
      }
    });
    if (best >= 0) used.add(best);
    return best;
  });
}

/**
 * Whether a predicted speaker is a gold content's source: one of the speaker's `spans` (its mentions, and whatever
 * else the caller counts as naming it) overlaps a source span, or the last word of `speakerName` is a word of one.
 */
export function speakerMatchesSource(
  doc: PolnearDocument,
  gi: number,
  spans: ReadonlyArray<readonly [number, number]>,
  speakerName: string,
): boolean {
  const lastWord = speakerName.split(/\s+/).pop()!.toLowerCase();
  return doc.statements[gi]!.sources.some(
    (src) =>
      spans.some(([a, b]) => overlap(a, b, src.start, src.end) > 0) ||
      doc.text
        .slice(src.start, src.end)
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .includes(lastWord),
  );
}
