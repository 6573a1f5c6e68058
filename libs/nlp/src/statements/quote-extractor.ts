import { isFiniteSpeechVerb, speechVerb } from '../lexicon/speech-verb-lexicon';
import { VERB_PADDING } from '../lexicon/word-lists';
import type { QuoteSpan } from '../text/quote-scanner';
import type { AnalysisContext } from './analysis-context';
import { mainSubject } from './salience-tracker';
import { subjectAfter, subjectBefore, type SubjectResolution } from './speaker-resolver';
import type { StatementDraft } from './statement-draft';

/** Direct statements plus the speech-verb tokens they consumed (so reported speech does not reuse them). */
export interface QuoteExtraction {
  statements: StatementDraft[];
  usedVerbs: Set<number>;
}

interface Attribution {
  subject: SubjectResolution;
  cueStart: number;
  cueEnd: number;
  verb: number;
}

const MAX_SCARE_WORDS = 3;
const ATTRIBUTION_WINDOW = 9;
const LEAD_WINDOW = 6;
const HARD_STOPS = new Set(['.', '!', '?', ';', '"', '“', '”', '«', '»', '„']);
const SENTENCE_END_RE = /[.!?…]$/;
const CLAUSE_END_MARKS = new Set([',', '—', '–', '-']);

/**
 * Turns quotations into direct statements, finding the attribution after the quote ("…," he said / "…," said X),
 * before it (X said: "…" / X said, "…" / ", asserting, "…"" / a colon-introduced lead), or by continuation
 * (a paragraph that is only a quote, right after a quote by a known speaker). Short unattributed quotes are
 * scare quotes and are skipped.
 */
export function extractQuotes(ctx: AnalysisContext): QuoteExtraction {
  const { doc } = ctx;
  const statements: StatementDraft[] = [];
  const usedVerbs = new Set<number>();
  let previous: { statement: StatementDraft; paragraph: number } | undefined;
  for (const q of doc.quotes) {
    if (doc.masked[q.open]) continue;
    const words = countWords(ctx, q);
    const attribution = attributeAfter(ctx, q) ?? attributeBefore(ctx, q);
    let statement: StatementDraft | undefined;
    const text = doc.body.slice(q.start, q.end);
    if (attribution) {
      const { subject } = attribution;
      usedVerbs.add(attribution.verb);
      statement = {
        kind: 'direct',
        start: q.start,
        end: q.end,
        text,
        cue: doc.body.slice(doc.tokens[attribution.cueStart]!.start, doc.tokens[attribution.cueEnd - 1]!.end),
        speaker: subject.actor,
        pronoun: subject.pronoun,
      };
    } else if (
      previous &&
      (isContinuation(ctx, q, previous.paragraph, previous.statement.end) || isSplitTail(ctx, q, previous.paragraph))
    ) {
      statement = { kind: 'direct', start: q.start, end: q.end, text, speaker: previous.statement.speaker };
    } else if (words > MAX_SCARE_WORDS && looksLikeSpeech(ctx, q)) {
      statement = { kind: 'direct', start: q.start, end: q.end, text, speaker: null };
    }
    if (statement) {
      statements.push(statement);
      if (statement.speaker !== null) previous = { statement, paragraph: doc.tokens[q.open]!.paragraph };
      else previous = undefined;
    }
  }
  return { statements, usedVerbs };
}

function countWords(ctx: AnalysisContext, q: QuoteSpan): number {
  const { tokens } = ctx.doc;
  const last = q.close === -1 ? tokens.length : q.close;
  let n = 0;
  for (let i = q.open + 1; i < last && tokens[i]!.end <= q.end; i += 1) if (tokens[i]!.isWord) n += 1;
  return n;
}

/**
 * A quote that opens a sentence or clause with a capital, as opposed to a phrase embedded in narration
 * (`said Republicans were "lying to the American people."`), which reported speech keeps in its content.
 */
export function looksLikeSpeech(ctx: AnalysisContext, q: QuoteSpan): boolean {
  const firstTok = ctx.doc.tokens[q.open + 1];
  return firstTok?.isCap === true && isSentenceStart(ctx, q.open);
}

function isSentenceStart(ctx: AnalysisContext, open: number): boolean {
  const prev = ctx.doc.tokens[open - 1];
  return !prev || prev.paragraph !== ctx.doc.tokens[open]!.paragraph || ['.', ':', ',', '!', '?'].includes(prev.text);
}

/** `"…," he said` / `"…," said Prime Minister Keir Starmer` / `"…," Zelenskyy expressed.` */
function attributeAfter(ctx: AnalysisContext, q: QuoteSpan): Attribution | null {
  const { tokens } = ctx.doc;
  if (q.close === -1) return null;
  let k = q.close + 1;
  const after = tokens[k];
  if (!after || after.paragraph !== tokens[q.close]!.paragraph) return null;
  if (after.text === ',') k += 1;
  const lastContent = tokens[q.close - 1]?.text ?? '';
  const endsSentence = SENTENCE_END_RE.test(lastContent);
  // An attribution after a quote is set off by punctuation: `"…," he said`, `"…?" she asked`.
  if (!endsSentence && after.text !== ',' && !CLAUSE_END_MARKS.has(lastContent)) return null;
  // After a full stop a capitalised word starts a new sentence, unless it is the attribution verb itself.
  if (endsSentence && tokens[k]?.isCap && !isFiniteSpeechVerb(tokens[k]!.lower)) return null;
  for (let v = k; v < tokens.length && v - k < ATTRIBUTION_WINDOW; v += 1) {
    const t = tokens[v]!;
    if (HARD_STOPS.has(t.text) || t.paragraph !== after.paragraph) return null;
    if (!isFiniteSpeechVerb(t.lower)) continue;
    if (v === k) {
      const subject = subjectAfter(ctx, v);
      return subject.found ? { subject, cueStart: v, cueEnd: subject.last, verb: v } : null;
    }
    const subject = subjectBefore(ctx, v);
    if (!subject.found || subject.first !== k) return null;
    return { subject, cueStart: subject.first, cueEnd: v + 1, verb: v };
  }
  return null;
}

/** `X said: "…"`, `he recently remarked, "…"`, `, asserting, "…"`, `X framed this as essential: "…"`. */
function attributeBefore(ctx: AnalysisContext, q: QuoteSpan): Attribution | null {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  const p = q.open - 1;
  const punct = tokens[p];
  if (!punct || punct.paragraph !== tokens[q.open]!.paragraph) return null;
  const sentence = sentenceOf[q.open];
  const leadEnd = punct.text === ',' || punct.text === ':' ? p : q.open;
  // Look back over a short object or adverbial ("told reporters", "said in a statement") for the verb.
  for (let v = leadEnd - 1; v >= 0 && leadEnd - v <= LEAD_WINDOW; v -= 1) {
    const t = tokens[v]!;
    if (sentenceOf[v] !== sentence) break;
    if (quoteOf[v] !== -1 || HARD_STOPS.has(t.text)) break;
    const verb = speechVerb(t.lower);
    if (!verb) continue;
    // Without a comma or colon the verb must touch the quote: `called the plan "a mistake"` is not attribution.
    if (leadEnd === q.open && v !== q.open - 1) break;
    if (verb.form === 'ing' && tokens[v - 1]?.text === ',') {
      const subject = mainSubject(ctx.doc, ctx.salience, v);
      const resolution: SubjectResolution = subject
        ? { found: true, actor: subject.actor, first: v, last: v + 1 }
        : { found: true, actor: null, first: v, last: v + 1 };
      return { subject: resolution, cueStart: v, cueEnd: v + 1, verb: v };
    }
    if (verb.form === 'past' || verb.form === 'third') {
      const subject = subjectBefore(ctx, v);
      if (subject.found) return { subject, cueStart: subject.first, cueEnd: v + 1, verb: v };
      const inverted = v === leadEnd - 1 ? null : subjectAfter(ctx, v);
      if (inverted?.found) return { subject: inverted, cueStart: v, cueEnd: inverted.last, verb: v };
    }
    break;
  }
  if (punct.text !== ':') return null;
  // A colon lead without a speech verb ("Zelenskyy framed this as essential: …") quotes the sentence subject.
  const subject = mainSubject(ctx.doc, ctx.salience, p);
  if (!subject) return null;
  let verbEnd = subject.token + 1;
  const mention = ctx.mentionStartingAt.get(subject.token);
  if (mention) verbEnd = mention.last;
  while (verbEnd < p && VERB_PADDING.has(tokens[verbEnd]!.lower)) verbEnd += 1;
  const cueStart = mention ? mention.lead : subject.token;
  return {
    subject: { found: true, actor: subject.actor, first: cueStart, last: verbEnd },
    cueStart,
    cueEnd: Math.min(verbEnd + 1, p),
    verb: -1,
  };
}

/**
 * A quote with no attribution that carries on the previous speaker: a paragraph made only of a quote right after
 * a paragraph whose quote had a known speaker, or a stand-alone quoted sentence later in that same paragraph.
 */
function isContinuation(ctx: AnalysisContext, q: QuoteSpan, previousParagraph: number, previousEnd: number): boolean {
  const { tokens } = ctx.doc;
  const open = tokens[q.open]!;
  const before = tokens[q.open - 1];
  if (open.paragraph === previousParagraph) {
    if (!before || !SENTENCE_END_RE.test(before.text) || before.start < previousEnd) return false;
    // Only the attribution sentence of the previous quote may stand between the two quotes.
    if (ctx.doc.sentences[ctx.doc.sentenceOf[q.open - 1]!]!.start >= previousEnd) return false;
  } else if (open.paragraph !== previousParagraph + 1 || (before && before.paragraph === open.paragraph)) {
    return false;
  }
  if (q.close === -1) return true;
  for (let k = q.close + 1; k < tokens.length && tokens[k]!.paragraph === tokens[q.close]!.paragraph; k += 1) {
    if (tokens[k]!.isWord) return false;
  }
  return true;
}

/**
 * `"…," said X, who farms near York, "and then …"`: the second half of a split quote opens lower-case right after a
 * comma, in the paragraph of the attributed first half, so it has the same speaker.
 */
function isSplitTail(ctx: AnalysisContext, q: QuoteSpan, previousParagraph: number): boolean {
  const { tokens } = ctx.doc;
  const first = tokens[q.open + 1];
  const before = tokens[q.open - 1];
  return (
    tokens[q.open]!.paragraph === previousParagraph && before?.text === ',' && first !== undefined && first.isWord && !first.isCap
  );
}
