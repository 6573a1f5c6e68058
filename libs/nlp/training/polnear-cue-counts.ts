/**
 * Per-word cue counts on PolNeAR train, shared by the trainers that learn cue words (learn-attribution-cues.ts,
 * train-cue-proposals.ts). Deterministic (counting only).
 */
import { join } from 'node:path';
import { scanTokens } from '../src/text/token-scanner';
import { readPolnearSplit } from '../scripts/eval/dev-split-readers';

export interface WordCounts {
  seen: number;
  cue: number;
  contentFollows: number;
}

/** Counts, per lower-cased word, its occurrences, its occurrences inside a cue, and cues whose content follows. */
export function countCueWords(dataDir: string): Map<string, WordCounts> {
  const counts = new Map<string, WordCounts>();
  for (const doc of readPolnearSplit(join(dataDir, 'polnear'), 'train')) {
    const cueAt = new Map<number, boolean>();
    for (const s of doc.statements) {
      for (const piece of s.cues) {
        for (const t of scanTokens(doc.text.slice(piece.start, piece.end)))
          if (t.isWord) cueAt.set(piece.start + t.start, s.contentStart > piece.start);
      }
    }
    for (const t of scanTokens(doc.text)) {
      if (!t.isWord) continue;
      const c = counts.get(t.lower) ?? { seen: 0, cue: 0, contentFollows: 0 };
      c.seen += 1;
      const follows = cueAt.get(t.start);
      if (follows !== undefined) {
        c.cue += 1;
        if (follows) c.contentFollows += 1;
      }
      counts.set(t.lower, c);
    }
  }
  return counts;
}
