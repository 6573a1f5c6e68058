/**
 * Prints extraction quality on the evaluation snippets.
 * Run from the project root: npx vite-node libs/nlp/test/eval/evaluate-extraction.ts [-- --errors dev|dev2|quotes-dev]
 * Tune only against the dev splits (dev, dev2, quotes-dev); heldout2 and quotes-heldout measure generalisation and its errors are not for tuning.
 */
import dev from './dev.gold.json';
import dev2 from './dev2.gold.json';
import heldout2 from './heldout2.gold.json';
import quotesDev from './quotes-dev.gold.json';
import quotesHeldout from './quotes-heldout.gold.json';
import { formatScore, scoreSplit, type GoldSplit } from './extraction-scorer';

const args = process.argv.slice(2).filter((a) => a !== '--');
const errorsFor = args[0] === '--errors' ? args[1] : undefined;
const splits: Record<string, GoldSplit> = {
  dev: dev as GoldSplit,
  dev2: dev2 as GoldSplit,
  heldout2: heldout2 as GoldSplit,
  'quotes-dev': quotesDev as GoldSplit,
  'quotes-heldout': quotesHeldout as GoldSplit,
};

for (const [name, split] of Object.entries(splits)) {
  const score = scoreSplit(split);
  console.log(formatScore(name, score));
  if (errorsFor === name) for (const e of score.errors) console.log(`    ${e}`);
}
