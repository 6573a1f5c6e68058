/**
 * Learns the words that cue attributions ("said", "told", "according", "noted", "shows") from PolNeAR train and
 * writes libs/nlp/src/statements/model/attribution-cues.data.json: per word, the share of its occurrences that are
 * part of an annotated cue and the share of those whose content follows the cue.
 *
 * Run from the project root:
 *   npx vite-node libs/nlp/training/learn-attribution-cues.ts -- [--data DIR] [--min-count N] [--min-share X] [--no-write]
 * DIR defaults to $CHRONICLE_EVAL_DATA or ../shared/data. Only the train split is read; thresholds were chosen on dev
 * with `npm run eval`. Deterministic (counting only); the output lists no text of the articles, only single words.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scanTokens } from '../src/text/token-scanner';
import { readPolnearSplit } from '../scripts/eval/dev-split-readers';
import type { AttributionCuesJson } from '../src/statements/attribution-cues';
import { parseArgs } from 'node:util';

const ROOT = resolve(__dirname, '..', '..', '..');
const OUT_FILE = join(__dirname, '..', 'src', 'statements', 'model', 'attribution-cues.data.json');

interface WordCounts {
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

function main(): void {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      data: { type: 'string' },
      'min-count': { type: 'string', default: '15' },
      'min-share': { type: 'string', default: '0.2' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const dataDir = resolve(ROOT, values.data ?? process.env.CHRONICLE_EVAL_DATA ?? '../shared/data');
  const minCount = Number(values['min-count']);
  const minShare = Number(values['min-share']);
  const round = (x: number): number => Math.round(x * 100) / 100;
  const cues: AttributionCuesJson['cues'] = {};
  const kept = [...countCueWords(dataDir)]
    .filter(([, c]) => c.cue >= minCount && c.cue / c.seen >= minShare)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [word, c] of kept) cues[word] = { share: round(c.cue / c.seen), follows: round(c.contentFollows / c.cue) };
  const json: AttributionCuesJson = {
    format: 'chronicle-attribution-cues/1',
    trainedOn: 'PolNeAR train (networkdynamics/PolNeAR, data/train)',
    minCount,
    minShare,
    cues,
  };
  console.log(`${kept.length} cue words`);
  if (!values['no-write']) writeFileSync(OUT_FILE, `${JSON.stringify(json, null, 1)}\n`);
}

main();
