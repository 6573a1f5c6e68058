/**
 * Trains the name tagger's document pass (names/document-tagger.ts) on CoNLL-2003 eng.train and writes
 * libs/nlp/src/names/model/document-tagger.model.json.
 *
 * Run from the project root, after train-name-tagger.ts:
 *   npx vite-node libs/nlp/training/train-document-tagger.ts -- [--data DIR] [--epochs N] [--seed S] [--folds K] [--no-write]
 * DIR defaults to $CHRONICLE_EVAL_DATA or ../shared/data. The shipped model was produced with the defaults.
 *
 * The document features (names/document-features.ts) read the first pass's tags of the other sentences of a document.
 * Read off a model trained on the same sentences, those tags would be nearly all right, and the second pass would learn
 * to trust them more than it should on new text. So the first pass here is cross-validated: the train documents are
 * split into K folds by their index and each fold is tagged by a sentence model trained on the other folds (the
 * settings of train-name-tagger.ts). The second pass then learns, by an averaged perceptron over those fixed sentence
 * scores and the shipped model's transitions, one weight per document feature and tag.
 * eng.testa (dev) is read only to print the shipped tagger's entity F1 with and without the document pass (the
 * runtime classes, on the shipped sentence model). Chosen on dev: 2 epochs, seed 5 (1-3 epochs and seeds 1, 2 and 5
 * gave PER / ORG / LOC 95.8-95.9 / 89.4-89.6 / 95.6-95.7 against 94.5 / 88.1 / 95.2 without the pass); and features
 * that only name a reading other than the token's own (see document-features.ts: with confirming readings too,
 * 96.4 / 89.2 / 95.3, but forty agreeing readings of an unknown person could be overturned).
 * Retrained for 1.30.0, when the sentence models read the frozen lexicon (names/model/name-tagger.lexicon.json) instead
 * of the live one: 154 features, dev with the pass 95.9 / 89.6 / 95.8 (the 1.29.0 file, whose folds read the live
 * lexicon, gave 95.8 / 89.5 / 95.7 and could not be rebuilt).
 * Deterministic: seeded shuffles and no other randomness.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { documentFeatureName, documentFeatures } from '../src/names/document-features';
import { DocumentTagger, type DocumentTaggerModelJson } from '../src/names/document-tagger';
import { TAG_COUNT, viterbi } from '../src/names/name-tagger';
import { nameTagger } from '../src/names/name-tagger.model';
import sentenceModelJson from '../src/names/model/name-tagger.model.json';
import { readConll, type ConllDocument } from '../scripts/eval/dev-split-readers';
import { emissions, encode, entityF1, SENTENCE_MODEL_SETTINGS, toIob2, trainPerceptron } from './name-tagger-perceptron';
import { writeModelFile } from './write-model-file';
// Relative import: this script runs under vite-node, outside the @chronicle/* path aliases.
import { seededRandom } from '../../domain/src/seeded-random';

const ROOT = resolve(__dirname, '..', '..', '..');
const MODEL_FILE = join(__dirname, '..', 'src', 'names', 'model', 'document-tagger.model.json');
const T = TAG_COUNT;

/** One train sentence for the second pass: the first pass's scores, the document feature ids and the gold tags. */
interface SecondPassExample {
  scores: Float64Array;
  features: number[][];
  gold: Uint8Array;
}

/** First-pass scores and tags of every train sentence, each from a sentence model that never saw its document. */
function crossValidatedFirstPass(
  docs: readonly ConllDocument[],
  folds: number,
): { scores: Float64Array[]; tags: Uint8Array[] }[] {
  const out = docs.map((d) => ({
    scores: new Array<Float64Array>(d.sentences.length),
    tags: new Array<Uint8Array>(d.sentences.length),
  }));
  for (let fold = 0; fold < folds; fold += 1) {
    const vocab = new Map<string, number>();
    const train = encode(
      docs.filter((_, d) => d % folds !== fold).flatMap((d) => d.sentences),
      vocab,
      true,
    );
    const model = trainPerceptron(train, vocab.size, SENTENCE_MODEL_SETTINGS);
    docs.forEach((doc, d) => {
      if (d % folds !== fold) return;
      encode(doc.sentences, vocab, false).forEach((e, s) => {
        out[d]!.scores[s] = emissions(e, model.emissions);
        out[d]!.tags[s] = viterbi(out[d]!.scores[s]!, e.gold.length, model.transitions);
      });
    });
    console.log(`fold ${fold + 1} of ${folds} tagged`);
  }
  return out;
}

function trainSecondPass(
  examples: readonly SecondPassExample[],
  featureCount: number,
  transitions: ArrayLike<number>,
  { epochs, seed }: { epochs: number; seed: number },
): Float64Array {
  const w = new Float64Array(featureCount * T);
  const u = new Float64Array(featureCount * T);
  let c = 1;
  const random = seededRandom(seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 1; epoch <= epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const k of order) {
      const e = examples[k]!;
      const n = e.gold.length;
      const scores = e.scores.slice();
      e.features.forEach((ids, i) => {
        for (const f of ids) for (let t = 0; t < T; t += 1) scores[i * T + t]! += w[f * T + t]!;
      });
      const pred = viterbi(scores, n, transitions);
      for (let i = 0; i < n; i += 1) {
        const g = e.gold[i]!;
        const p = pred[i]!;
        if (g === p) continue;
        for (const f of e.features[i]!) {
          w[f * T + g]! += 1;
          u[f * T + g]! += c;
          w[f * T + p]! -= 1;
          u[f * T + p]! -= c;
        }
      }
      c += 1;
    }
  }
  return w.map((x, i) => x - u[i]! / c);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      data: { type: 'string' },
      epochs: { type: 'string', default: '2' },
      seed: { type: 'string', default: '5' },
      folds: { type: 'string', default: '5' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const dataDir = resolve(ROOT, values.data ?? process.env.CHRONICLE_EVAL_DATA ?? '../shared/data');
  const epochs = Number(values.epochs);
  const seed = Number(values.seed);
  const folds = Number(values.folds);

  const trainDocs = readConll(join(dataDir, 'conll2003', 'eng.train'));
  const firstPass = crossValidatedFirstPass(trainDocs, folds);
  const gold = trainDocs.flatMap((d) => d.sentences.map((s) => toIob2(s.tags)));
  console.log(
    `first pass on train (cross-validated): ${JSON.stringify(
      entityF1(
        gold,
        firstPass.flatMap((d) => d.tags),
      ),
    )}`,
  );

  /** Model row of each document feature number, in the order first seen. */
  const rowOf = new Map<number, number>();
  const examples: SecondPassExample[] = trainDocs.flatMap((doc, d) => {
    const features = doc.sentences.map((s) => s.words.map((): number[] => []));
    documentFeatures(
      doc.sentences.map((s) => s.words),
      firstPass[d]!.tags,
      (s, i, feature) => {
        if (!rowOf.has(feature)) rowOf.set(feature, rowOf.size);
        features[s]![i]!.push(rowOf.get(feature)!);
      },
    );
    return doc.sentences.map((s, i) => ({ scores: firstPass[d]!.scores[i]!, features: features[i]!, gold: toIob2(s.tags) }));
  });
  const weights = trainSecondPass(examples, rowOf.size, sentenceModelJson.transitions, { epochs, seed });
  const model: DocumentTaggerModelJson = {
    format: 'chronicle-document-tagger/1',
    features: [...rowOf.keys()].map((f) => documentFeatureName(f)!),
    weights: [...weights].map((x) => Math.round(x * 1000) / 1000),
  };

  const devDocs = readConll(join(dataDir, 'conll2003', 'eng.testa'));
  const devGold = devDocs.flatMap((d) => d.sentences.map((s) => toIob2(s.tags)));
  const sentenceOnly = devDocs.flatMap((d) => d.sentences.map((s) => nameTagger().tag(s.words)));
  const documentTagger = DocumentTagger.fromJson(nameTagger(), model);
  const withDocument = devDocs.flatMap((d) => documentTagger.tagSentences(d.sentences.map((s) => s.words)).map((s) => s.tags));
  console.log(`${rowOf.size} document features`);
  console.log(`dev, sentence model alone:  ${JSON.stringify(entityF1(devGold, sentenceOnly))}`);
  console.log(`dev, with the document pass: ${JSON.stringify(entityF1(devGold, withDocument))}`);
  if (!values['no-write']) await writeModelFile(MODEL_FILE, model);
}

void main();
