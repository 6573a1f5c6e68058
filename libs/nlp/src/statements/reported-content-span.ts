import { isFiniteSpeechVerb, speechVerb } from '../lexicon/speech-verb-lexicon';
import { CLAUSE_BREAK_WORDS, SUBJECT_PRONOUN_KINDS, SUBORDINATORS, isLyAdverb } from '../lexicon/word-lists';
import { FINITE_WORDS } from './adverbial-phrases';
import type { AnalysisContext } from './analysis-context';
import { looksLikeSpeech } from './quote-extractor';
import { subjectBefore } from './speaker-resolver';

// Where reported content ends: the sentence end, a clause boundary, or a relative clause's closing comma.

/** Punctuation a content span never ends on. */
export const TRAILING_PUNCT = new Set([',', '.', '!', '?', ':', ';', '…']);
const ING_RE = /^[a-z]{2,}ing$/;
const PAST_RE = /^[a-z]{3,}ed$/;
const CONTENT_STOPS = new Set([';', '(', '—', '–', ':']);

/**
 * Clause words that, after a comma, go on with the reported content rather than end it: a relative clause on one of
 * its nouns ("said the bill, which passed Monday, would …"), a concession or a result ("…, even as …", "…, so he'll
 * have enough votes"). PolNeAR train annotates them inside the content.
 */
const CONTENT_CONTINUATIONS = new Set(['which', 'who', 'whom', 'whose', 'despite', 'even', 'yet', 'so']);

/** Exclusive end token of reported content starting at `first`: sentence end or the next clause boundary. */
export function contentEnd(ctx: AnalysisContext, first: number): number {
  const { tokens, sentenceOf, quoteOf, quotes } = ctx.doc;
  const subordinate = inOpeningSubordinateClause(ctx, first);
  let inRelative = false;
  let k = first;
  while (k < tokens.length && sentenceOf[k] === sentenceOf[first]) {
    if (quoteOf[k] !== -1) {
      // A quoted phrase inside reported speech belongs to it; a quoted utterance ends it.
      const q = quotes[quoteOf[k]!]!;
      if (k !== q.open || looksLikeSpeech(ctx, q) || q.close === -1) break;
      k = q.close + 1;
      // `called Cruz the "ultimate hypocrite," linking to …`: a comma inside the closing mark ends a clause as one after it.
      if (tokens[q.close - 1]?.text === ',' && clauseAfterComma(ctx, q.close)) break;
      // `says he's "excited where we stand" as he faces …`: a clause of the narration's own follows the quote.
      if (SCENE_OPENERS.has(tokens[k]?.lower ?? '') && SUBJECT_PRONOUN_KINDS.has(tokens[k + 1]?.lower ?? '')) break;
      continue;
    }
    const t = tokens[k]!;
    if (CONTENT_STOPS.has(t.text)) {
      const close = parentheticalClose(ctx, k);
      if (close < 0) break;
      k = close + 1;
      continue;
    }
    if (k > first && (coordinatedSpeechVerb(ctx, k) || namedSpeakerAfter(ctx, k))) break;
    if (t.text === ',') {
      const n = tokens[k + 1];
      // "Although Kessler said he'd hold a hearing, it's unlikely to …": the main clause follows the first comma that
      // closes no relative clause ("…said the tax, which passed in May, would fail, the …").
      if (subordinate && n?.isWord) {
        if (CONTENT_CONTINUATIONS.has(n.lower)) inRelative = true;
        else if (inRelative) inRelative = false;
        else break;
      }
      if (clauseAfterComma(ctx, k)) break;
    }
    k += 1;
  }
  while (k > first && TRAILING_PUNCT.has(tokens[k - 1]!.text)) k -= 1;
  return k;
}

/**
 * Whether what follows the comma at `k` is a clause of its own that ends the content: a clause word ("while", "but"), a
 * participle ("…, adding …"), or a coordinated attribution (", and he said he hoped …").
 */
function clauseAfterComma(ctx: AnalysisContext, k: number): boolean {
  const { tokens } = ctx.doc;
  const n = tokens[k + 1];
  if (!n) return false;
  const p = n.lower === 'and' || n.lower === 'but' ? k + 2 : k + 1;
  return (
    (CLAUSE_BREAK_WORDS.has(n.lower) && !CONTENT_CONTINUATIONS.has(n.lower)) ||
    ING_RE.test(n.text) ||
    (SUBJECT_PRONOUN_KINDS.has(tokens[p]?.lower ?? '') && speechVerb(tokens[p + 1]?.lower ?? '') !== undefined) ||
    (n.lower === 'and' && opensAttribution(ctx, p))
  );
}

/** Longest subject phrase of a coordinated attribution ("and other GOP leaders said", "and Senator Tom Reyes said"). */
const COORDINATED_SUBJECT_MAX = 6;

/**
 * Whether a clause that opens at `p` is an attribution of its own: a speech verb within a few words that has a subject
 * ("…, and Senator Tom Reyes said the vote is secure", "…, and other GOP leaders said …").
 */
function opensAttribution(ctx: AnalysisContext, p: number): boolean {
  const { tokens, sentenceOf } = ctx.doc;
  for (let v = p + 1; v <= p + COORDINATED_SUBJECT_MAX && sentenceOf[v] === sentenceOf[p]; v += 1) {
    if (!isFiniteSpeechVerb(tokens[v]!.lower)) continue;
    return subjectBefore(ctx, v).found;
  }
  return false;
}

/** Whether the content at `first` sits in a subordinate clause that opens its sentence, with no comma before it. */
function inOpeningSubordinateClause(ctx: AnalysisContext, first: number): boolean {
  const { tokens, sentenceOf } = ctx.doc;
  const sentence = ctx.doc.sentences[sentenceOf[first] ?? -1];
  if (!sentence) return false;
  let k = sentence.first;
  while (k < first && !tokens[k]!.isWord) k += 1;
  if (tokens[k]?.lower === 'but' || tokens[k]?.lower === 'and') k += 1;
  return SUBORDINATORS.has(tokens[k]?.lower ?? '') && !commaBetween(ctx, k + 1, first);
}

/** Whether a comma outside quotes sits in tokens [first, last). */
export function commaBetween(ctx: AnalysisContext, first: number, last: number): boolean {
  for (let k = first; k < last; k += 1) if (ctx.doc.tokens[k]!.text === ',' && ctx.doc.quoteOf[k] === -1) return true;
  return false;
}

/** Words that open the narration's own clause right after a quoted phrase ("as he faces …", "while she …"). */
const SCENE_OPENERS = new Set(['as', 'while', 'when', 'after', 'before']);

/** Closing marks of the parentheticals reported content runs through. */
const PARENTHETICAL_CLOSE = new Map([
  ['—', '—'],
  ['–', '–'],
  ['(', ')'],
]);

/** Longest parenthetical (in tokens) that reported content runs through. */
const PARENTHETICAL_MAX = 24;

/**
 * "571 of the 714 superdelegates — a group made up of party leaders — supported Clinton": the closing mark of a
 * parenthetical opened at `open` that the content goes on after, or -1 when the mark ends the content.
 */
function parentheticalClose(ctx: AnalysisContext, open: number): number {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  const closing = PARENTHETICAL_CLOSE.get(tokens[open]!.text);
  if (!closing) return -1;
  for (let k = open + 1; k < tokens.length && k - open <= PARENTHETICAL_MAX; k += 1) {
    if (sentenceOf[k] !== sentenceOf[open] || quoteOf[k] !== -1 || tokens[k]!.text === ';') return -1;
    if (tokens[k]!.text !== closing) continue;
    const next = tokens[k + 1];
    return next?.isWord && sentenceOf[k + 1] === sentenceOf[open] ? k : -1;
  }
  return -1;
}

/**
 * "Juanita Broaddrick, who said Clinton raped her in 1978, recounted …": reported speech in a relative clause set off
 * by commas ends at the comma that closes the clause, where the main clause's verb follows. `last` is the content's
 * end otherwise.
 */
export function relativeClauseEnd(ctx: AnalysisContext, v: number, first: number, last: number): number {
  const { tokens, quoteOf } = ctx.doc;
  let w = v - 1;
  while (w > 0 && isLyAdverb(tokens[w]!.lower) && !tokens[w]!.isCap) w -= 1;
  if (tokens[w]?.lower !== 'who' || tokens[w - 1]?.text !== ',') return last;
  for (let k = first + 1; k < last; k += 1) {
    if (tokens[k]!.text !== ',' || quoteOf[k] !== -1) continue;
    const next = tokens[k + 1];
    // The main clause's verb follows the closing comma ("…, recounted the incident", "…, will vote", "…, told").
    if (next && !next.isCap && (PAST_RE.test(next.lower) || FINITE_WORDS.has(next.lower) || isFiniteSpeechVerb(next.lower)))
      return k;
  }
  return last;
}

/**
 * Whether `and` at `k` opens a clause whose subject is a name and whose verb is a speech verb ("… “productive” and
 * Reyes calling it …", "… and Senator Tom Reyes said …").
 */
function namedSpeakerAfter(ctx: AnalysisContext, k: number): boolean {
  const { tokens } = ctx.doc;
  if (tokens[k]!.lower !== 'and') return false;
  // "said both he and Rubio promised …": names coordinated into one subject.
  const before = tokens[k - 1]?.lower ?? '';
  if (SUBJECT_PRONOUN_KINDS.has(before) || ctx.mentionEndingAt.has(k - 1)) return false;
  const named = ctx.mentionStartingAt.get(k + 1);
  return named !== undefined && speechVerb(tokens[named.last]?.lower ?? '') !== undefined;
}

/** Adverbs between a coordinating word and its verb ("and then said", "but also argued"). */
const COORDINATED_VERB_PADDING = new Set(['also', 'then', 'later', 'again', 'repeatedly', 'quickly', 'still']);

/**
 * Whether `and`/`but` at `k` coordinates a second speech verb with the attribution ("said the plan would fail and
 * called him a liar", "says she respects him but argues that …"): the reported content ends there, and the second
 * verb reports content of its own.
 */
function coordinatedSpeechVerb(ctx: AnalysisContext, k: number): boolean {
  const { tokens, sentenceOf } = ctx.doc;
  const t = tokens[k]!;
  if (t.lower !== 'and' && t.lower !== 'but') return false;
  let v = k + 1;
  while (COORDINATED_VERB_PADDING.has(tokens[v]?.lower ?? '')) v += 1;
  const n = tokens[v];
  return n !== undefined && !n.isCap && sentenceOf[v] === sentenceOf[k] && isFiniteSpeechVerb(n.lower);
}
