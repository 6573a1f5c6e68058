/**
 * Scores the extractor on every public dev split and prints ONE JSON line; rewrites the generated table in
 * libs/nlp/EVALUATION.md.
 *
 * Run from the project root (vite-node ships with vitest):
 *   npx vite-node libs/nlp/scripts/evaluate-dev-splits.ts -- [--data DIR] [--compare 1.3] [--record-baseline] [--no-write] [--errors] [--polnear-errors]
 *     [--learned-cues] [--split-quote-pieces] [--only polnear] [--polnear-split train]
 * DIR defaults to $CHRONICLE_EVAL_DATA or ../shared/data (relative to the project root). Only this script reads it:
 * tests never do.
 * --compare 1.3 prints the frozen 1.3 figures (libs/nlp/test/eval/dev-splits-1.3.json) next to today's.
 * --errors prints CoNLL dev misses and false spans to stderr.
 * --polnear-errors prints PolNeAR dev missed contents, false statements and wrong sources to stderr (tab-separated); a
 *   false one ends with `partial` and the gold content it overlaps (too little to match), or with `none`.
 * --learned-cues scores with the opt-in `learnedCueClauses` stage (and, with it, leaves EVALUATION.md alone).
 * --split-quote-pieces scores with `joinSplitQuotes` off (the pieces of a split quote reported apart, as before 1.14.0),
 *   and leaves EVALUATION.md alone.
 * --only CORPUS (conll, gum, polnear or newsmtsc) scores that corpus alone, prints its figures and leaves
 *   EVALUATION.md alone: a quick loop for error analysis.
 * --polnear-split train scores PolNeAR train instead of dev (with --only polnear): error analysis and tuning happen on
 *   train, dev only reports.
 * --record-baseline writes today's figures as that frozen file (done once, on the unchanged 1.3 extractor).
 *
 * Metrics (all in percent):
 * - CoNLL-2003 eng.testa: entity F1 per type, exact token-span match (conlleval). person -> PER, organization -> ORG,
 *   places -> LOC. Only name mentions count (pronoun and description mentions are dropped); MISC is not predicted.
 *   Each CoNLL article is one body: tokens joined by spaces, sentences by newlines.
 * - GUM dev (the openly licensed documents kept in the data folder): exact-span mention F1 for person and organization,
 *   against all gold mentions ("all") and against named gold mentions ("named": last token and first non-determiner
 *   token are proper nouns); predicted pronoun/description mentions count only in "all".
 * - GUM dev coreference of people and organisations: MUC and B³ F1 (eval/coreference-scoring.ts), the key being the gold
 *   person and organisation mentions of every kind grouped by GUM entity, the response every actor's mentions grouped
 *   by actor, mentions matched by exact token span (a mention only one side has is a singleton on the other). The
 *   1.3 figures in the frozen baseline were added in stop 47 by running this scorer on the 1.3 extractor (a38d28a7c5a1).
 * - PolNeAR dev: a predicted attribution (a statement or, since 1.23.0, a stance: PolNeAR annotates both) matches a
 *   gold content (one-to-one, greedy) when their character overlap is more than 30 % of both the gold and the predicted
 *   span; "statements only" scores the statements alone, as every version before 1.23.0 was scored. Content P/R/F1, and source accuracy: among matched contents with
 *   a gold source, the share whose predicted speaker has a mention overlapping the gold source span or whose name's
 *   last word occurs in the source text. "By speaker.mention span" (since 1.15.0) is stricter: the share whose
 *   statement's `speaker.mention` (the one span the attribution hangs on) overlaps a gold source span. A gold content
 *   is the range from its first to its last piece, a split quote's second piece (`Content2`) included since stop 57
 *   (64 train and 3 dev events have one; the 1.3 extractor scores the same either way, 771 matched on dev).
 * - NewsMTSC dev-rw and dev-mt: 3-class macro-F1 of the sentiment toward the target span, as the services and
 *   `chronicle analyze` judge it (the linear target model mixed with the sentiment encoder, since 1.37.0), and with the
 *   linear model alone (`analyzeArticle`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeArticle as analyzeWithOptions, ANALYZER_VERSION, type AnalyzeOptions } from '../src/article-analyzer';
import { classOf, macroF1, readSplit } from '../training/newsmtsc-data';
import { analyzeArticleWithEncoder, encoderAnalyzerVersion } from '../src/article-analyzer-with-encoder';
import { shippedEncoderHead } from '../src/sentiment/encoder/shipped-encoder-head';
import headJson from '../src/sentiment/encoder/model/target-encoder-head.model.json';
// Relative import: this script runs under vite-node, outside the @chronicle/* path aliases.
import { OnnxSentenceEncoder } from '../../sentence-encoder/src/onnx-sentence-encoder';
import {
  countMatches,
  isNamedGum,
  placeTokens,
  predictedSpans,
  toTokenSpan,
  prf,
  type PlacedToken,
  type Prf,
  type TokenSpan,
} from './eval/span-scoring';
import { iobSpans, readConll, readGumSplit, readPolnearSplit } from './eval/dev-split-readers';
import { matchContents, speakerMatchesSource } from './eval/polnear-matching';
import { addCounts, bcubedCounts, corefPrf, emptyCounts, mucCounts } from './eval/coreference-scoring';
import { parseArgs } from 'node:util';

const ROOT = resolve(__dirname, '..', '..', '..');
type CorefPrf = ReturnType<typeof corefPrf>;
const BASELINE_FILE = join(__dirname, '..', 'test', 'eval', 'dev-splits-1.3.json');
const EVALUATION_MD = join(__dirname, '..', 'EVALUATION.md');

/** Prints missed and spurious spans to stderr (`--errors`), for error analysis on dev. */
function reportSpanErrors(tokens: readonly PlacedToken[], gold: readonly TokenSpan[], pred: readonly TokenSpan[]): void {
  const text = (s: TokenSpan): string =>
    s.start < 0
      ? '(off token edges)'
      : tokens
          .slice(s.start, s.end)
          .map((t) => t.text)
          .join(' ');
  const key = (s: TokenSpan): string => `${s.start}:${s.end}:${s.type}`;
  const goldKeys = new Set(gold.map(key));
  const predKeys = new Set(pred.map(key));
  for (const g of gold) if (!predKeys.has(key(g)) && g.type !== 'MISC') console.error(`miss\t${g.type}\t${text(g)}`);
  for (const p of pred) if (!goldKeys.has(key(p))) console.error(`false\t${p.type}\t${text(p)}`);
}

let showErrors = false;
let showPolnearErrors = false;
let polnearSplit: 'train' | 'dev' = 'dev';

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
let analyzeOptions: AnalyzeOptions = {};

function analyzeArticle(input: Parameters<typeof analyzeWithOptions>[0]): ReturnType<typeof analyzeWithOptions> {
  return analyzeWithOptions(input, analyzeOptions);
}

function scoreConll(dataDir: string): Record<string, Prf> {
  const totals: Record<string, [number, number, number]> = { PER: [0, 0, 0], ORG: [0, 0, 0], LOC: [0, 0, 0] };
  readConll(join(dataDir, 'conll2003', 'eng.testa')).forEach((doc, i) => {
    const { body, tokens } = placeTokens(doc.sentences.map((s) => s.words.map((w, j) => ({ text: w, tag: s.tags[j]! }))));
    // Entities never cross sentence breaks, so spans are read per sentence and shifted to document token indices.
    let offset = 0;
    const gold = doc.sentences.flatMap((sentence) => {
      const spans = iobSpans(sentence.tags).map((g) => ({ ...g, start: g.start + offset, end: g.end + offset }));
      offset += sentence.words.length;
      return spans;
    });
    const pred = predictedSpans(analyzeArticle({ id: `conll-dev-${i}`, body }), tokens, true);
    if (showErrors) reportSpanErrors(tokens, gold, pred);
    for (const type of Object.keys(totals)) {
      const [tp, g, p] = countMatches(gold, pred, type);
      const t = totals[type]!;
      t[0] += tp;
      t[1] += g;
      t[2] += p;
    }
  });
  return Object.fromEntries(Object.entries(totals).map(([k, [tp, g, p]]) => [k, prf(tp, g, p)]));
}

/**
 * Coreference of people and organisations on GUM dev: the key partition is the gold person and organisation mentions
 * (names, descriptions and pronouns) grouped by their GUM entity, the response the extractor's actors' mentions of
 * every kind grouped by actor, mentions identified by exact token span. MUC and B³, pooled over documents.
 */
function scoreGumCoreference(dataDir: string): { muc: CorefPrf; b3: CorefPrf } {
  const muc = emptyCounts();
  const b3 = emptyCounts();
  for (const doc of readGumSplit(join(dataDir, 'gum'), 'dev')) {
    const { body, tokens } = placeTokens(doc.sentences);
    const analysis = analyzeArticle({ id: doc.name, body });
    const entities = new Map<string, string[]>();
    for (const m of doc.mentions) {
      if (m.type !== 'person' && m.type !== 'organization') continue;
      entities.set(m.cluster, [...(entities.get(m.cluster) ?? []), `${m.start}:${m.end}`]);
    }
    const key = [...entities.values()];
    const response = analysis.actors.map((a) =>
      a.mentions.flatMap((m) => {
        const span = toTokenSpan(tokens, m.start, m.end, a.kind);
        return span ? [`${span.start}:${span.end}`] : [];
      }),
    );
    addCounts(muc, mucCounts(key, response));
    addCounts(b3, bcubedCounts(key, response));
  }
  return { muc: corefPrf(muc), b3: corefPrf(b3) };
}

function scoreGum(dataDir: string): Record<string, Prf> {
  const totals: Record<string, [number, number, number]> = {
    'PER all': [0, 0, 0],
    'ORG all': [0, 0, 0],
    'PER named': [0, 0, 0],
    'ORG named': [0, 0, 0],
  };
  const typeOf: Record<string, string> = { person: 'PER', organization: 'ORG' };
  for (const doc of readGumSplit(join(dataDir, 'gum'), 'dev')) {
    const { body, tokens } = placeTokens(doc.sentences);
    const analysis = analyzeArticle({ id: doc.name, body });
    const goldAll = doc.mentions.filter((m) => typeOf[m.type]).map((m) => ({ ...m, type: typeOf[m.type]! }));
    const goldNamed = goldAll.filter((m) => isNamedGum(tokens, m.start, m.end));
    const predAll = predictedSpans(analysis, tokens, false);
    const predNamed = predictedSpans(analysis, tokens, true);
    for (const type of ['PER', 'ORG']) {
      for (const [variant, gold, pred] of [
        ['all', goldAll, predAll],
        ['named', goldNamed, predNamed],
      ] as const) {
        const [tp, g, p] = countMatches(gold, pred, type);
        const t = totals[`${type} ${variant}`]!;
        t[0] += tp;
        t[1] += g;
        t[2] += p;
      }
    }
  }
  return Object.fromEntries(Object.entries(totals).map(([k, [tp, g, p]]) => [k, prf(tp, g, p)]));
}

function scorePolnear(dataDir: string): PolnearScores {
  let tp = 0;
  let statementTp = 0;
  let statementCount = 0;
  let mentionRight = 0;
  let goldCount = 0;
  let predCount = 0;
  let judged = 0;
  let right = 0;
  for (const doc of readPolnearSplit(join(dataDir, 'polnear'), polnearSplit)) {
    const analysis = analyzeArticle({ id: doc.name, body: doc.text });
    goldCount += doc.statements.length;
    statementCount += analysis.statements.length;
    statementTp += matchContents(analysis.statements, doc, new Set()).filter((best) => best >= 0).length;
    const attributions = [...analysis.statements, ...analysis.stances].sort((a, b) => a.start - b.start || a.end - b.end);
    predCount += attributions.length;
    const used = new Set<number>();
    const matched = matchContents(attributions, doc, used);
    for (const [k, s] of attributions.entries()) {
      const kind = 'kind' in s ? s.kind : 'stance';
      const best = matched[k]!;
      if (best < 0) {
        if (showPolnearErrors) {
          const near = doc.statements.find((g) => g.contentStart < s.end && s.start < g.contentEnd);
          const nearText = near ? oneLine(doc.text.slice(near.contentStart, near.contentEnd)) : '';
          console.error(
            `false\t${doc.name}\t${oneLine(s.text)}\t[${s.speaker?.name ?? '-'}]\t${near ? 'partial' : 'none'}\t${nearText}`,
          );
        }
        continue;
      }
      tp += 1;
      const gold = doc.statements[best]!;
      if (!gold.sources.length) continue;
      judged += 1;
      if (!s.speaker) {
        if (showPolnearErrors) {
          const src = gold.sources.map((g) => doc.text.slice(g.start, g.end)).join(' … ');
          console.error(`source\t${doc.name}\t${kind}\tpred=[-]\tgold=[${oneLine(src)}]\t${oneLine(s.text)}`);
        }
        continue;
      }
      const m = s.speaker.mention;
      if (m && gold.sources.some((g) => g.start < m.end && m.start < g.end)) mentionRight += 1;
      const actor = analysis.actors.find((a) => a.id === s.speaker!.actorId);
      // An unnamed source ("officials said", since 1.25.0) is no actor: its one span is the speaker's mention.
      const mentions = [...(actor?.mentions ?? []), ...(m ? [m] : [])].map((x) => [x.start, x.end] as const);
      const hit = speakerMatchesSource(doc, best, mentions, s.speaker.name);
      if (hit) right += 1;
      else if (showPolnearErrors) {
        const src = gold.sources.map((g) => doc.text.slice(g.start, g.end)).join(' … ');
        console.error(
          `source\t${doc.name}\t${kind}\tpred=[${s.speaker?.name ?? '-'}]\tgold=[${oneLine(src)}]\t${oneLine(s.text)}`,
        );
      }
    }
    if (showPolnearErrors)
      doc.statements.forEach((g, gi) => {
        if (used.has(gi)) return;
        const cue = g.cues.map((c) => doc.text.slice(c.start, c.end)).join(' … ');
        const src = g.sources.map((c) => doc.text.slice(c.start, c.end)).join(' … ');
        const where = g.cues[0] ? (g.cues[0].start < g.contentStart ? 'cue-before' : 'cue-after') : 'no-cue';
        console.error(
          `miss\t${doc.name}\t${where}\tcue=[${oneLine(cue)}]\tsrc=[${oneLine(src)}]\t${oneLine(doc.text.slice(g.contentStart, g.contentEnd))}`,
        );
      });
  }
  return {
    content: prf(tp, goldCount, predCount),
    statementContent: prf(statementTp, goldCount, statementCount),
    sourceAccuracy: judged ? Math.round((right / judged) * 1000) / 10 : 0,
    sourceMentionAccuracy: judged ? Math.round((mentionRight / judged) * 1000) / 10 : 0,
    sourcesJudged: judged,
  };
}

/**
 * NewsMTSC dev macro-F1 as the services and `chronicle analyze` judge targets (with the sentiment encoder stage), and
 * with the extractor's linear model alone.
 */
async function scoreNewsMtsc(dataDir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const labelClass = { negative: 0, neutral: 1, positive: 2 } as const;
  const stage = await sentimentEncoderStage();
  for (const [name, file] of [
    ['dev-rw', 'dev-rw.jsonl'],
    ['dev-mt', 'dev-mt.jsonl'],
  ] as const) {
    const examples = readSplit(join(dataDir, 'newsmtsc'), file);
    const gold = examples.map((e) => classOf(e.polarity));
    const inputs = examples.map((e, i) => ({ id: `${name}-${i}`, body: e.sentence, targets: [{ start: e.from, end: e.to }] }));
    const linear = inputs.map((input) => labelClass[analyzeArticle(input).targets[0]!.sentiment.label]);
    const mixed: number[] = [];
    for (const input of inputs)
      mixed.push(labelClass[(await analyzeArticleWithEncoder(input, stage)).targets[0]!.sentiment.label]);
    out[name] = Math.round(macroF1(gold, mixed) * 10) / 10;
    out[`${name}, linear model alone`] = Math.round(macroF1(gold, linear) * 10) / 10;
  }
  await stage.encoder.close();
  // The model-selection figure, as train-encoder-sentiment.ts measured it when it trained the shipped head (this script
  // does not retrain): sentence-grouped 5-fold CV on train-rw, at the mixture weight it chose.
  const { cv, mix } = headJson as unknown as { cv: { linearMacroF1: number; mixedMacroF1: Record<string, number> }; mix: number };
  out['train-rw 5-fold CV (recorded when the head was trained)'] = Math.round(cv.mixedMacroF1[String(mix)]! * 10) / 10;
  out['train-rw 5-fold CV, linear model alone (recorded)'] = Math.round(cv.linearMacroF1 * 10) / 10;
  return out;
}

async function sentimentEncoderStage() {
  return { encoder: await OnnxSentenceEncoder.load({ threads: 2 }), head: shippedEncoderHead() };
}

export interface DevScores {
  analyzerVersion: string;
  commit: string;
  conll: Record<string, Prf>;
  gum: Record<string, Prf>;
  /** Absent from baselines recorded before stop 47. */
  gumCoreference?: { muc: CorefPrf; b3: CorefPrf };
  polnear: PolnearScores;
  newsmtsc: Record<string, number>;
}

interface PolnearScores {
  /** Statements and stances together: PolNeAR annotates both as attributions. */
  content: Prf;
  /** Statements alone (before 1.23.0 there were no stances, and `content` counted statements only). */
  statementContent?: Prf;
  sourceAccuracy: number;
  /** Absent from baselines recorded before 1.15.0. */
  sourceMentionAccuracy?: number;
  sourcesJudged: number;
}

/** Flat "metric -> value" rows for the table and the comparison. */
function rows(s: DevScores): Array<[string, number]> {
  return [
    ...Object.entries(s.conll).map(([k, v]): [string, number] => [`CoNLL-2003 dev ${k} F1`, v.f1]),
    ...Object.entries(s.gum).map(([k, v]): [string, number] => [`GUM dev ${k} mention F1`, v.f1]),
    ...(s.gumCoreference
      ? ([
          ['GUM dev person/org coreference MUC F1', s.gumCoreference.muc.f1],
          ['GUM dev person/org coreference B³ F1', s.gumCoreference.b3.f1],
        ] as Array<[string, number]>)
      : []),
    ['PolNeAR dev content F1 (>30% overlap)', s.polnear.content.f1],
    ['PolNeAR dev content precision', s.polnear.content.p],
    ['PolNeAR dev content recall', s.polnear.content.r],
    // Before 1.23.0 there were no stances: the content figures counted statements only.
    ['PolNeAR dev content F1, statements only (no stances)', (s.polnear.statementContent ?? s.polnear.content).f1],
    ['PolNeAR dev source accuracy on found contents', s.polnear.sourceAccuracy],
    ...(s.polnear.sourceMentionAccuracy !== undefined
      ? ([['PolNeAR dev source accuracy by speaker.mention span', s.polnear.sourceMentionAccuracy]] as Array<[string, number]>)
      : []),
    ...Object.entries(s.newsmtsc).map(([k, v]): [string, number] => [`NewsMTSC ${k} macro-F1`, v]),
  ];
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function writeEvaluationMd(current: DevScores, baseline: DevScores | null): void {
  const base = new Map(baseline ? rows(baseline) : []);
  const lines = [
    '# libs/nlp evaluation on public dev splits',
    '',
    '<!-- Generated by libs/nlp/scripts/evaluate-dev-splits.ts (npm run eval). Do not edit by hand. -->',
    '',
    `Current: \`${current.analyzerVersion}\`${baseline ? `; baseline: \`${baseline.analyzerVersion}\` at commit ${baseline.commit.slice(0, 12)}` : ''}.`,
    'Metric definitions are in the header of the script. All figures are percentages.',
    '',
    `| metric | ${baseline ? `${baseline.analyzerVersion} | ` : ''}${current.analyzerVersion} |`,
    `|---|${baseline ? '---:|' : ''}---:|`,
    ...rows(current).map(([k, v]) => `| ${k} | ${baseline ? `${base.get(k)?.toFixed(1) ?? '-'} | ` : ''}${v.toFixed(1)} |`),
    '',
  ];
  writeFileSync(EVALUATION_MD, lines.join('\n'));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      data: { type: 'string' },
      compare: { type: 'string' },
      errors: { type: 'boolean', default: false },
      'polnear-errors': { type: 'boolean', default: false },
      'learned-cues': { type: 'boolean', default: false },
      'split-quote-pieces': { type: 'boolean', default: false },
      'record-baseline': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      only: { type: 'string' },
      'polnear-split': { type: 'string', default: 'dev' },
    },
  });
  const dataDir = resolve(ROOT, values.data ?? process.env.CHRONICLE_EVAL_DATA ?? '../shared/data');
  const compare = values.compare;
  showErrors = values.errors;
  showPolnearErrors = values['polnear-errors'];
  if (values['polnear-split'] !== 'train' && values['polnear-split'] !== 'dev')
    throw new Error(`--polnear-split: train or dev, not ${values['polnear-split']}`);
  polnearSplit = values['polnear-split'];
  if (polnearSplit === 'train' && values.only !== 'polnear') throw new Error('--polnear-split train needs --only polnear');
  if (values['learned-cues']) analyzeOptions = { learnedCueClauses: true };
  if (values['split-quote-pieces']) analyzeOptions = { ...analyzeOptions, joinSplitQuotes: false };
  if (compare !== undefined && compare !== '1.3') throw new Error(`--compare: only 1.3 is recorded, not ${compare}`);
  if (values.only !== undefined) {
    const scorers: Record<string, (dir: string) => unknown> = {
      conll: scoreConll,
      gum: (dir) => ({ mentions: scoreGum(dir), coreference: scoreGumCoreference(dir) }),
      polnear: scorePolnear,
      newsmtsc: scoreNewsMtsc,
    };
    const scorer = scorers[values.only];
    if (!scorer) throw new Error(`--only: one of ${Object.keys(scorers).join(', ')}, not ${values.only}`);
    console.log(JSON.stringify({ analyzerVersion: ANALYZER_VERSION, [values.only]: await scorer(dataDir) }));
    return;
  }

  const current: DevScores = {
    // The NewsMTSC figures include the sentiment encoder stage; the other corpora do not depend on it.
    analyzerVersion: encoderAnalyzerVersion(shippedEncoderHead()),
    commit: gitCommit(),
    conll: scoreConll(dataDir),
    gum: scoreGum(dataDir),
    gumCoreference: scoreGumCoreference(dataDir),
    polnear: scorePolnear(dataDir),
    newsmtsc: await scoreNewsMtsc(dataDir),
  };
  if (values['record-baseline']) writeFileSync(BASELINE_FILE, `${JSON.stringify(current, null, 2)}\n`);
  const baseline = existsSync(BASELINE_FILE) ? (JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as DevScores) : null;
  const optIn = values['learned-cues'] || values['split-quote-pieces'];
  if (!values['no-write'] && !optIn) writeEvaluationMd(current, baseline);

  const flat = Object.fromEntries(rows(current));
  if (compare && baseline) {
    const old = new Map(rows(baseline));
    console.log(
      JSON.stringify({
        analyzerVersion: current.analyzerVersion,
        baselineVersion: baseline.analyzerVersion,
        baselineCommit: baseline.commit,
        metrics: Object.fromEntries(Object.entries(flat).map(([k, v]) => [k, { '1.3': old.get(k) ?? null, current: v }])),
      }),
    );
  } else {
    console.log(JSON.stringify({ analyzerVersion: current.analyzerVersion, commit: current.commit, metrics: flat }));
  }
}

void main();
