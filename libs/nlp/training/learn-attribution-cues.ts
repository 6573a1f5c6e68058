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
import { join, resolve } from 'node:path';
import { countCueWords } from './polnear-cue-counts';
import { writeModelFile } from './write-model-file';
import type { AttributionCuesJson } from '../src/statements/attribution-cues';
import { parseArgs } from 'node:util';

const ROOT = resolve(__dirname, '..', '..', '..');
const OUT_FILE = join(__dirname, '..', 'src', 'statements', 'model', 'attribution-cues.data.json');

async function main(): Promise<void> {
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
  if (!values['no-write']) await writeModelFile(OUT_FILE, json);
}

void main();
