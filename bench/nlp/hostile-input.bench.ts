/**
 * `npm run bench -- hostile [--kb N]`: how the extractor's time grows with the size of hostile bodies, shapes that
 * real news never has but an attacker or a broken scraper can send (one "sentence" of thousands of attributions, a
 * name on every line, a speaker repeated without end). Each shape is analysed at N KB (default 50) and at 4N KB in
 * process; `growth` is the time ratio, about 4 where the work is linear in the body and 16 where it is quadratic.
 * Prints one JSON line with every shape and the worst growth; the goal is growth below 6 for every shape.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { analyzeArticle } from '../../libs/nlp/src/article-analyzer';

const repeat = (unit: string) => (chars: number) => unit.repeat(Math.ceil(chars / unit.length));
const numbered = (make: (i: number) => string, joiner: string) => (chars: number) => {
  const parts: string[] = [];
  for (let i = 0, length = 0; length < chars; i += 1) length += (parts[parts.length] = make(i)).length + joiner.length;
  return parts.join(joiner);
};
/** A name-shaped word for the i-th actor, letters only ("Kxa", "Kxb", …, "Kxba"): digits would make it no name. */
const kx = (i: number): string => {
  let word = 'Kx';
  do {
    word += String.fromCharCode(97 + (i % 26));
    i = Math.floor(i / 26);
  } while (i > 0);
  return word;
};

const SHAPES: Record<string, (chars: number) => string> = {
  'one sentence of "X said"': repeat('Kiro said '),
  'one sentence of "X said,"': repeat('Kiro said, '),
  '"according to X" chained': repeat('according to Kiro '),
  'open quotes, never closed': repeat('"Yes, Kiro said '),
  'a name on every line': repeat('Kiro\n'),
  possessives: repeat("Kiro's "),
  dashes: repeat(' — Kiro'),
  initials: repeat('A. '),
  'relative clauses': repeat('Kiro, who said '),
  'stance cues': repeat('Kiro criticized the decision to '),
  'one verb coordinated without end': (chars) => `The aide ${repeat('refused and ')(chars)}said it works.`,
  'thousands of names': numbered((i) => `Dana K${i.toString(36)}x`, ' said '),
  'thousands of people with roles': numbered(
    (i) => `Dana K${i.toString(36)}x, the minister, arrived. The minister said no.`,
    ' ',
  ),
  'straight quotes only': repeat('"'),
  'one person described without end': (chars) => `Dana Kx, the minister, arrived. ${repeat('The minister said no. ')(chars)}`,
  'one speaker described in every attribution': (chars) =>
    `Dana Kx, the minister, arrived. ${repeat('"No," said the minister. ')(chars)}`,
  'thousands of organisations described': numbered((i) => `The ${kx(i)} Ministry said no. The ministry agreed.`, ' '),
  'thousands of organisations, a lone word after each': numbered(
    (i) => `The ${kx(i)} Commission said no. The Ministry agreed.`,
    ' ',
  ),
  'thousands of people sharing a surname': numbered((i) => `${kx(i)} Smith said no.`, ' '),
  'thousands of double surnames': numbered((i) => `Debbie ${kx(i)} Schultz spoke. ${kx(i)} Schultz said no.`, ' '),
  'thousands sharing a surname, each then named by it': numbered((i) => `${kx(i)} Smith said no. Smith agreed.`, ' '),
};

function millisToAnalyse(body: string): number {
  const started = performance.now();
  analyzeArticle({ id: 'hostile', title: 'Hostile', body });
  return performance.now() - started;
}

function main(): void {
  const { values } = parseArgs({ options: { kb: { type: 'string', default: '50' } } });
  const small = Number(values.kb) * 1000;
  if (!Number.isFinite(small) || small <= 0) throw new Error('--kb needs a positive number');
  millisToAnalyse(SHAPES['one sentence of "X said"']!(5000)); // loads the models
  const shapes = Object.entries(SHAPES).map(([shape, make]) => {
    const ms = millisToAnalyse(make(small));
    const msAt4x = millisToAnalyse(make(4 * small));
    return { shape, kb: small / 1000, ms: Math.round(ms), msAt4x: Math.round(msAt4x), growth: round1(msAt4x / ms) };
  });
  const worst = shapes.reduce((a, b) => (b.growth > a.growth ? b : a));
  console.log(JSON.stringify({ bench: 'hostile', worstGrowth: worst.growth, worstShape: worst.shape, shapes }));
}

const round1 = (x: number) => Math.round(x * 10) / 10;

main();
