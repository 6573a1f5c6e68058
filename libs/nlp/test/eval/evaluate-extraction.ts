/**
 * Prints extraction quality on the evaluation snippets.
 * Run from the project root: npx vite-node libs/nlp/test/eval/evaluate-extraction.ts [-- --errors dev|heldout]
 * Tune only against the dev split; the heldout split measures generalisation.
 */
import dev from './dev.gold.json';
import heldout from './heldout.gold.json';
import { formatScore, scoreSplit, type GoldSplit } from './extraction-scorer';

const args = process.argv.slice(2).filter((a) => a !== '--');
const errorsFor = args[0] === '--errors' ? args[1] : undefined;
const splits: Record<string, GoldSplit> = { dev: dev as GoldSplit, heldout: heldout as GoldSplit };

for (const [name, split] of Object.entries(splits)) {
  const score = scoreSplit(split);
  console.log(formatScore(name, score));
  if (errorsFor === name) for (const e of score.errors) console.log(`    ${e}`);
}
