/**
 * Scores `analyzeArticle` against the hand-annotated evaluation snippets: entity mentions (PER/ORG, exact and
 * lenient span match), direct and reported statements (character overlap of at least half the longer span) and
 * speaker accuracy on matched statements. Pure: the caller supplies the gold documents.
 */
import { analyzeArticle } from '../../src/article-analyzer';
import type { ArticleAnalysis } from '../../src/analysis.types';
import { foldDiacritics } from '../../src/text/name-normalizer';
import { UNNAMED_SPEAKER_PREFIX } from '../../src/statements/unnamed-source';

export type GoldEntityType = 'PER' | 'ORG' | 'LOC' | 'MISC';

export interface GoldEntity {
  type: GoldEntityType;
  start: number;
  end: number;
  text: string;
}

export interface GoldQuote {
  kind: 'direct' | 'indirect';
  start: number;
  end: number;
  text: string;
  /** Canonical speaker name, or null when the text names nobody. */
  speaker: string | null;
}

export interface GoldDocument {
  id: string;
  style: string;
  annotated: string;
  body: string;
  entities: GoldEntity[];
  quotes: GoldQuote[];
}

export interface GoldSplit {
  split: string;
  documents: GoldDocument[];
}

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface SplitScore {
  documents: number;
  words: number;
  entities: Record<'PER' | 'ORG', { exact: Prf; lenient: Prf }>;
  /** Same as `entities` but ignoring pronoun and description mentions (those starting lower-case). */
  namesOnly: Record<'PER' | 'ORG', Prf>;
  direct: Prf;
  indirect: Prf;
  directSpeaker: { correct: number; total: number; accuracy: number };
  indirectSpeaker: { correct: number; total: number; accuracy: number };
  /** Human-readable error lines, for tuning on the dev split. */
  errors: string[];
}

interface Span {
  start: number;
  end: number;
  text: string;
  type: string;
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** One-to-one greedy matching of predicted to gold spans by largest overlap satisfying `ok`. */
function match<G extends { start: number; end: number }, P extends { start: number; end: number }>(
  gold: readonly G[],
  pred: readonly P[],
  ok: (g: G, p: P) => boolean,
): Array<[number, number]> {
  const pairs: Array<[number, number, number]> = [];
  gold.forEach((g, gi) =>
    pred.forEach((p, pi) => {
      if (ok(g, p)) pairs.push([gi, pi, overlap(g, p)]);
    }),
  );
  pairs.sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const out: Array<[number, number]> = [];
  for (const [gi, pi] of pairs) {
    if (usedG.has(gi) || usedP.has(pi)) continue;
    usedG.add(gi);
    usedP.add(pi);
    out.push([gi, pi]);
  }
  return out;
}

function speakerKey(name: string): string[] {
  return foldDiacritics(name)
    .toLowerCase()
    .replace(/["“”][^"“”]*["“”]/g, ' ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && !NAME_SUFFIXES.has(w));
}

// "Chris Eubank Jr" and "Eubank" are the same speaker: generational suffixes are not surnames.
const NAME_SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii']);

/** A predicted speaker name denotes the gold speaker when the surnames agree and the given names do not clash. */
export function sameSpeaker(gold: string | null, predicted: string | null): boolean {
  if (gold === null || predicted === null) return gold === predicted;
  const g = speakerKey(gold);
  const p = speakerKey(predicted);
  if (g.join(' ') === p.join(' ')) return true;
  if (g.length === 0 || p.length === 0 || g[g.length - 1] !== p[p.length - 1]) return false;
  return g.length === 1 || p.length === 1 || g[0] === p[0];
}

/**
 * The extractor's name and description mentions. The snippets annotate names only, so pronoun mentions (every
 * resolved pronoun since 1.15.0; before, only pronouns that named a speaker) are not scored against them.
 */
function predictedEntities(analysis: ArticleAnalysis): Span[] {
  const out: Span[] = [];
  for (const a of analysis.actors) {
    const type = a.kind === 'person' ? 'PER' : 'ORG';
    for (const m of a.mentions) if (m.kind !== 'pronoun') out.push({ start: m.start, end: m.end, text: m.text, type });
  }
  return out.sort((x, y) => x.start - y.start);
}

/** Runs the extractor over every document of a split and scores it. */
export function scoreSplit(split: GoldSplit): SplitScore {
  const counts = {
    exact: { PER: [0, 0, 0], ORG: [0, 0, 0] },
    lenient: { PER: [0, 0, 0], ORG: [0, 0, 0] },
    names: { PER: [0, 0, 0], ORG: [0, 0, 0] },
  } as Record<'exact' | 'lenient' | 'names', Record<'PER' | 'ORG', [number, number, number]>>;
  const q = { direct: [0, 0, 0], indirect: [0, 0, 0] } as Record<'direct' | 'indirect', [number, number, number]>;
  const spk = { direct: [0, 0], indirect: [0, 0] } as Record<'direct' | 'indirect', [number, number]>;
  const errors: string[] = [];
  let words = 0;
  for (const doc of split.documents) {
    words += doc.body.split(/\s+/).filter(Boolean).length;
    // The snippets annotate the pieces of a split quote (“A,” X said. “B.”) apart, as the extractor reported them
    // before 1.14.0; the joined statement has its own specs (split-quote-joiner.unit.spec.ts).
    const analysis = analyzeArticle({ id: doc.id, body: doc.body }, { joinSplitQuotes: false });
    const pred = predictedEntities(analysis);
    const gold: Span[] = doc.entities.map((e) => ({ ...e }));
    for (const type of ['PER', 'ORG'] as const) {
      const g = gold.filter((e) => e.type === type);
      const p = pred.filter((e) => e.type === type);
      const exact = match(g, p, (a, b) => a.start === b.start && a.end === b.end);
      const lenient = match(g, p, (a, b) => overlap(a, b) > 0);
      counts.exact[type][0] += exact.length;
      counts.exact[type][1] += p.length - exact.length;
      counts.exact[type][2] += g.length - exact.length;
      counts.lenient[type][0] += lenient.length;
      counts.lenient[type][1] += p.length - lenient.length;
      counts.lenient[type][2] += g.length - lenient.length;
      const pn = p.filter((e) => /^\P{Ll}/u.test(e.text));
      const named = match(g, pn, (a, b) => a.start === b.start && a.end === b.end);
      counts.names[type][0] += named.length;
      counts.names[type][1] += pn.length - named.length;
      counts.names[type][2] += g.length - named.length;
      const mg = new Set(exact.map(([gi]) => gi));
      const mp = new Set(exact.map(([, pi]) => pi));
      g.forEach((e, i) => {
        if (!mg.has(i)) errors.push(`${doc.id}: missed ${type} "${e.text}"@${e.start}`);
      });
      p.forEach((e, i) => {
        if (mp.has(i)) return;
        const other = gold.find((x) => overlap(x, e) > 0);
        const why = other
          ? other.start === e.start && other.end === e.end
            ? `gold ${other.type}`
            : `gold ${other.type} "${other.text}"`
          : 'not an entity';
        errors.push(`${doc.id}: spurious ${type} "${e.text}"@${e.start} (${why})`);
      });
    }
    for (const kind of ['direct', 'indirect'] as const) {
      const g = doc.quotes.filter((x) => x.kind === kind);
      const p = analysis.statements.filter((s) => s.kind === kind);
      const pairs = match(g, p, (a, b) => overlap(a, b) * 2 >= Math.max(a.end - a.start, b.end - b.start));
      q[kind][0] += pairs.length;
      q[kind][1] += p.length - pairs.length;
      q[kind][2] += g.length - pairs.length;
      const mg = new Set(pairs.map(([gi]) => gi));
      const mp = new Set(pairs.map(([, pi]) => pi));
      g.forEach((x, i) => {
        if (!mg.has(i)) errors.push(`${doc.id}: missed ${kind} "${x.text.slice(0, 50)}"`);
      });
      p.forEach((x, i) => {
        if (!mp.has(i)) errors.push(`${doc.id}: spurious ${kind} "${x.text.slice(0, 50)}" [${x.speaker?.name ?? '-'}]`);
      });
      for (const [gi, pi] of pairs) {
        const gs = g[gi]!.speaker;
        // An unnamed source ("officials", since 1.25.0) names nobody, as the gold's null says.
        const named = p[pi]!.speaker && !p[pi]!.speaker!.actorId.startsWith(UNNAMED_SPEAKER_PREFIX) ? p[pi]!.speaker : null;
        const ps = named?.name ?? null;
        spk[kind][1] += 1;
        if (sameSpeaker(gs, ps)) spk[kind][0] += 1;
        else errors.push(`${doc.id}: wrong speaker for ${kind} "${g[gi]!.text.slice(0, 40)}": ${ps ?? '-'} (gold ${gs ?? '-'})`);
      }
    }
  }
  const acc = ([c, t]: [number, number]): { correct: number; total: number; accuracy: number } => ({
    correct: c,
    total: t,
    accuracy: t === 0 ? 1 : c / t,
  });
  const ent = (type: 'PER' | 'ORG'): { exact: Prf; lenient: Prf } => ({
    exact: prf(...counts.exact[type]),
    lenient: prf(...counts.lenient[type]),
  });
  return {
    documents: split.documents.length,
    words,
    entities: { PER: ent('PER'), ORG: ent('ORG') },
    namesOnly: { PER: prf(...counts.names.PER), ORG: prf(...counts.names.ORG) },
    direct: prf(...q.direct),
    indirect: prf(...q.indirect),
    directSpeaker: acc(spk.direct),
    indirectSpeaker: acc(spk.indirect),
    errors,
  };
}

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);

/** A compact multi-line report of one split's scores. */
export function formatScore(name: string, s: SplitScore): string {
  const row = (label: string, p: Prf): string =>
    `  ${label.padEnd(22)} P ${pct(p.precision)}  R ${pct(p.recall)}  F1 ${pct(p.f1)}   (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;
  return [
    `${name}: ${s.documents} documents, ${s.words} words`,
    row('PER exact', s.entities.PER.exact),
    row('PER lenient', s.entities.PER.lenient),
    row('ORG exact', s.entities.ORG.exact),
    row('ORG lenient', s.entities.ORG.lenient),
    row('PER exact, names only', s.namesOnly.PER),
    row('ORG exact, names only', s.namesOnly.ORG),
    row('direct quotes', s.direct),
    `  ${'direct speaker acc'.padEnd(22)} ${pct(s.directSpeaker.accuracy)}  (${s.directSpeaker.correct}/${s.directSpeaker.total})`,
    row('reported speech', s.indirect),
    `  ${'reported speaker acc'.padEnd(22)} ${pct(s.indirectSpeaker.accuracy)}  (${s.indirectSpeaker.correct}/${s.indirectSpeaker.total})`,
  ].join('\n');
}
