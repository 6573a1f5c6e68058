/**
 * Copies the small public samples that the tests score (tests never read ../shared): the GUM dev documents whose
 * texts are CC BY (academic, court, interview genres), with their named person, organisation and place mentions; and
 * the NewsMTSC dev-rw targets (MIT), which the sentiment encoder's integration test scores.
 * Run from the project root: npx vite-node libs/nlp/scripts/copy-public-samples.ts -- [--data DIR]
 * Writes libs/nlp/test/eval/public/gum-dev-sample.json and newsmtsc-dev-rw.json (see NOTICE.md there for sources
 * and licences).
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readSplit } from '../training/newsmtsc-data';
import { readGumSplit } from './eval/dev-split-readers';
import { isNamedGum, placeTokens } from './eval/span-scoring';

const ROOT = resolve(__dirname, '..', '..', '..');
const OUT = join(__dirname, '..', 'test', 'eval', 'public', 'gum-dev-sample.json');
const CC_BY_GENRES = /^GUM_(academic|court|interview)_/;
const TYPES: Record<string, string> = { person: 'PER', organization: 'ORG', place: 'LOC' };

const args = process.argv.slice(2).filter((a) => a !== '--');
const i = args.indexOf('--data');
const dataDir = resolve(ROOT, i >= 0 ? args[i + 1]! : (process.env.CHRONICLE_EVAL_DATA ?? '../shared/data'));

const documents = readGumSplit(join(dataDir, 'gum'), 'dev')
  .filter((d) => CC_BY_GENRES.test(d.name))
  .map((d) => {
    const { tokens } = placeTokens(d.sentences);
    const mentions = d.mentions
      .filter((m) => TYPES[m.type] && isNamedGum(tokens, m.start, m.end))
      .map((m) => [m.start, m.end, TYPES[m.type]!] as const);
    return { name: d.name, sentences: d.sentences.map((s) => s.map((t) => t.text)), mentions };
  });
writeFileSync(
  OUT,
  `${JSON.stringify({
    about:
      'GUM dev documents with CC BY texts (academic, court, interview). sentences: tokens; mentions: [first token, end token (exclusive), type] over the document token sequence, for named person (PER), organization (ORG) and place (LOC) mentions (last token and first non-determiner token tagged NNP/NNPS). See NOTICE.md.',
    documents,
  })}\n`,
);
console.log(`wrote ${documents.length} documents to ${OUT}`);

const targets = readSplit(join(dataDir, 'newsmtsc'), 'dev-rw.jsonl').map((e) => [e.sentence, e.from, e.to, e.polarity] as const);
const NEWSMTSC_OUT = join(__dirname, '..', 'test', 'eval', 'public', 'newsmtsc-dev-rw.json');
writeFileSync(
  NEWSMTSC_OUT,
  `${JSON.stringify({
    about:
      'NewsMTSC dev-rw: [sentence, target start, target end (UTF-16 offsets), polarity -1 / 0 / 1] per target. See NOTICE.md.',
    targets,
  })}\n`,
);
console.log(`wrote ${targets.length} targets to ${NEWSMTSC_OUT}`);
