import { speechVerb } from '../lexicon/speech-verb-lexicon';
import { attributionCue } from './attribution-cues';
import type { AnalysisContext } from './analysis-context';
import { countWords, isDemonstrativeThat } from './adverbial-phrases';
import { subjectAfter, subjectBefore } from './speaker-resolver';
import { indirectDraft, type StatementDraft } from './statement-draft';

/** A word must be part of a cue in at least this share of its PolNeAR train occurrences; chosen on PolNeAR dev. */
export const MIN_CUE_SHARE = 0.5;
/**
 * The same for a cue whose content opens with "that" ("Trump tweeted that …"), a strong sign of reported content by
 * itself; chosen on PolNeAR dev (0.2: F1 51.7, 0.3: 51.5, 0.5: 51.3).
 */
export const MIN_THAT_CUE_SHARE = 0.2;

/** Which clauses the learned cues report: only that-clauses (the default stage), or also bare and trailing ones. */
export interface CueClauseOptions {
  thatOnly: boolean;
}
/** Longest subject between a comma and a trailing cue (", a senior official with the group said"). */
const MAX_TRAILING_SUBJECT = 6;
const MIN_CONTENT_WORDS = 4;
const CLAUSE_STOPS = new Set([';', '(', '—', '–', ':']);
const EDGE_PUNCT = new Set([',', '.', '!', '?', ':', ';', '…', '"', '“', '”', "''", '(', ')', '-', '—', '–']);
const THAT_LOOKAHEAD = 5;
/** Words after a trailing cue ("he said in a June report"); more means a clause follows the cue instead. */
const MAX_TRAILING_TAIL = 6;
const NOT_CONTENT_OPENERS = new Set([
  'by',
  'for',
  'him',
  'her',
  'them',
  'me',
  'us',
  'reporters',
  'it',
  'on',
  'of',
  'to',
  'at',
  'as',
  'in',
  'from',
  'with',
  'about',
]);

/**
 * Reported speech the rule extractor left out, found from cue words learned on PolNeAR train. With `thatOnly` (the
 * default stage of the analyzer) only a cue followed within a few words by "that" counts, its content the rest of the
 * clause. Otherwise (opt-in) also: a trailing
 * attribution ("…, the agency said in a report.") takes the clause before its comma as content; any other cue takes
 * the rest of its clause (after "that" when it comes within a few words; without "that" only for cue words the rule
 * lexicon lacks). Only cues whose subject names an actor
 * count. Tokens already inside a statement, a quotation or furniture are skipped.
 */
export function extractCueClauses(
  ctx: AnalysisContext,
  taken: Uint8Array,
  { thatOnly }: CueClauseOptions = { thatOnly: false },
): StatementDraft[] {
  const minShare = thatOnly ? MIN_THAT_CUE_SHARE : MIN_CUE_SHARE;
  const { tokens, quoteOf, masked, sentenceOf } = ctx.doc;
  const out: StatementDraft[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (!t.isWord || t.isCap || quoteOf[i] !== -1 || masked[i] || taken[i]) continue;
    const cue = attributionCue(t.lower);
    if (!cue || cue.share < minShare) continue;
    const sentence = ctx.doc.sentences[sentenceOf[i]!]!;
    const comma = thatOnly ? -1 : trailingComma(ctx, i, sentence.first, sentence.last);
    const follow = comma < 0 ? contentStart(ctx, i, sentence.last, thatOnly) : -1;
    if (comma < 0 && follow < 0) continue;
    const [first, last] = comma >= 0 ? [sentence.first, comma] : [follow, clauseEnd(ctx, follow, sentence.last)];
    const [from, to] = trimmed(ctx, first, last);
    if (countWords(ctx, from, to) < MIN_CONTENT_WORDS || anyTaken(taken, quoteOf, from, to)) continue;
    // Without a named speaker these clauses were wrong more often than right on PolNeAR dev; the rules keep the
    // unnamed-speaker cases they can delimit.
    const subject = comma === i - 1 ? subjectAfter(ctx, i) : subjectBefore(ctx, i);
    if (!subject.found || subject.actor === null) continue;
    const start = tokens[from]!.start;
    const end = tokens[to - 1]!.end;
    out.push(indirectDraft(ctx.doc.body, start, end, t.start, t.end, subject));
    if (comma < 0) i = to;
  }
  return out;
}

/**
 * Token index of the comma that closes the content before a trailing cue, or -1: "…, he said." and "…, said Mr. Kamin,
 * an economist" trail; "At a rally in Ohio, Trump said the …" does not, as a clause follows the cue.
 */
function trailingComma(ctx: AnalysisContext, cue: number, sentenceFirst: number, sentenceLast: number): number {
  const { tokens } = ctx.doc;
  for (let k = cue - 1; k >= Math.max(sentenceFirst, cue - 1 - MAX_TRAILING_SUBJECT); k -= 1) {
    const text = tokens[k]!.text;
    if (text === ',') return k === cue - 1 || countWords(ctx, cue + 1, sentenceLast) <= MAX_TRAILING_TAIL ? k : -1;
    if (CLAUSE_STOPS.has(text) || text === '.') return -1;
  }
  return -1;
}

/**
 * First token of the content after a cue: after "that" when it comes within a few words; right after the cue unless
 * an object or agent sits there ("told reporters", "endorsed by", "called him"), in which case -1.
 */
function contentStart(ctx: AnalysisContext, cue: number, sentenceLast: number, thatOnly: boolean): number {
  const { tokens } = ctx.doc;
  for (let k = cue + 1; k < Math.min(sentenceLast, cue + 1 + THAT_LOOKAHEAD); k += 1) {
    if (tokens[k]!.lower === 'that') return isDemonstrativeThat(ctx, k) ? -1 : k + 1;
    if (CLAUSE_STOPS.has(tokens[k]!.text)) break;
  }
  if (thatOnly) return -1;
  // A verb the rule extractor knows was already judged there ("announced the merger" is an event, not speech).
  const next = tokens[cue + 1];
  if (speechVerb(tokens[cue]!.lower) || !next || NOT_CONTENT_OPENERS.has(next.lower) || ctx.mentionStartingAt.has(cue + 1))
    return -1;
  return cue + 1;
}

function clauseEnd(ctx: AnalysisContext, first: number, sentenceLast: number): number {
  let k = first;
  while (k < sentenceLast && !CLAUSE_STOPS.has(ctx.doc.tokens[k]!.text)) k += 1;
  return k;
}

function trimmed(ctx: AnalysisContext, first: number, last: number): [number, number] {
  const { tokens } = ctx.doc;
  let from = first;
  let to = last;
  while (from < to && EDGE_PUNCT.has(tokens[from]!.text)) from += 1;
  while (to > from && EDGE_PUNCT.has(tokens[to - 1]!.text)) to -= 1;
  return [from, to];
}

function anyTaken(taken: Uint8Array, quoteOf: Int32Array, first: number, last: number): boolean {
  for (let k = first; k < last; k += 1) if (taken[k] || quoteOf[k] !== -1) return true;
  return false;
}
