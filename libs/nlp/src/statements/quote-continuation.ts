import { isFiniteSpeechVerb } from '../lexicon/speech-verb-lexicon';
import type { QuoteSpan } from '../text/quote-scanner';
import type { AnalysisContext } from './analysis-context';
import { mainSubject } from './salience-tracker';
import { subjectBefore } from './speaker-resolver';

/** A direct statement as the paragraph rules see it. */
export interface SpokenQuote {
  /** Paragraph of the opening mark and of the last quoted word. */
  paragraph: number;
  lastParagraph: number;
  /** Token index just past the statement and its attribution. */
  endToken: number;
  speaker: number | null;
  /** The quote mark is the first token of its paragraph. */
  opensParagraph: boolean;
}

/** First and last token of every non-empty paragraph, in order. */
export interface ParagraphIndex {
  ids: number[];
  first: Map<number, number>;
  last: Map<number, number>;
}

const QUESTION_SKIPS = 2;
/** Narration verbs that set up the quote after them ("Asked about her plans, she smiled. '…'"). */
const EXPRESSION_VERBS = new Set(
  `laughed smiled grinned shrugged sighed nodded paused laughs smiles grins shrugs sighs nods pauses recalled recalls
  answered answers replied replies continued continues explained explains joked jokes admitted admits`.split(/\s+/),
);
const ASK_VERBS = new Set(['asked', 'questioned', 'pressed']);

/** Indexes paragraphs by their token ranges (line breaks can leave paragraph numbers with no tokens). */
export function indexParagraphs(ctx: AnalysisContext): ParagraphIndex {
  const ids: number[] = [];
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  ctx.doc.tokens.forEach((t, i) => {
    if (!first.has(t.paragraph)) {
      first.set(t.paragraph, i);
      ids.push(t.paragraph);
    }
    last.set(t.paragraph, i);
  });
  return { ids, first, last };
}

/** A quote that opens its paragraph and leaves no words after it there: a paragraph that is only speech. */
export function fillsParagraph(ctx: AnalysisContext, q: QuoteSpan, paragraphs: ParagraphIndex): boolean {
  const { tokens } = ctx.doc;
  if (paragraphs.first.get(tokens[q.open]!.paragraph) !== q.open) return false;
  if (q.close === -1) return true;
  const end = paragraphs.last.get(tokens[q.close]!.paragraph)!;
  for (let k = q.close + 1; k <= end; k += 1) if (tokens[k]!.isWord) return false;
  return true;
}

/**
 * Who speaks an unattributed paragraph of speech, from the paragraphs before it, or null when unclear:
 * - dialogue: after two quote paragraphs by different speakers A then B, the next one is A's again;
 * - a question put right after B's answer goes to whoever "asked" in the paragraph before that answer;
 * - continuation: the previous paragraph ended with a quote (or its attribution) by a known speaker;
 * - Q&A: interviewer questions (short paragraphs ending in "?", naming nobody) are skipped;
 * - introduction: the previous paragraph is narration about exactly one person, or the subject of its last sentence
 *   is a person.
 */
export function paragraphSpeaker(
  ctx: AnalysisContext,
  q: QuoteSpan,
  spoken: readonly SpokenQuote[],
  paragraphs: ParagraphIndex,
): number | null {
  const here = ctx.doc.tokens[q.open]!.paragraph;
  const at = paragraphs.ids.indexOf(here);
  const p1 = paragraphs.ids[at - 1];
  const p2 = paragraphs.ids[at - 2];
  if (p1 === undefined) return null;
  const s1 = lastSpokenIn(spoken, p1);
  const s2 = p2 === undefined ? undefined : lastSpokenIn(spoken, p2);
  if (s1?.speaker != null && s1.opensParagraph && s2?.speaker != null && s2.opensParagraph) {
    if (s2.speaker !== s1.speaker && onlyVoiceAfter(ctx, s1, paragraphs)) return s2.speaker;
  }
  if (s1?.speaker != null && s1.opensParagraph && s2 === undefined && p2 !== undefined && endsWithQuestion(ctx, q)) {
    const asker = askerIn(ctx, p2, paragraphs);
    if (asker !== null && asker !== s1.speaker) return asker;
  }
  if (s1) return s1.speaker !== null && onlyVoiceAfter(ctx, s1, paragraphs) ? s1.speaker : null;
  let p = p1;
  for (let skip = 0; skip < QUESTION_SKIPS && isQuestionParagraph(ctx, p, paragraphs); skip += 1) {
    const prev = paragraphs.ids[paragraphs.ids.indexOf(p) - 1];
    if (prev === undefined) return null;
    p = prev;
    const answered = lastSpokenIn(spoken, p);
    if (answered) return answered.opensParagraph ? answered.speaker : null;
  }
  return soleSubject(ctx, p, paragraphs) ?? closingSubject(ctx, p, paragraphs);
}

/**
 * `Valastro praised Christie's leadership …¶"We need someone who's going to cut through …"`: the person who is the
 * subject of a narrative paragraph's last sentence, for a paragraph that is about no one person (it names several,
 * or quotes a phrase).
 */
function closingSubject(ctx: AnalysisContext, paragraph: number, paragraphs: ParagraphIndex): number | null {
  const subject = mainSubject(ctx.doc, ctx.salience, paragraphs.last.get(paragraph)!);
  return subject && ctx.actors[subject.actor]!.kind === 'person' ? subject.actor : null;
}

function lastSpokenIn(spoken: readonly SpokenQuote[], paragraph: number): SpokenQuote | undefined {
  for (let i = spoken.length - 1; i >= 0; i -= 1) {
    const s = spoken[i]!;
    if (s.lastParagraph === paragraph || s.paragraph === paragraph) return s;
    if (s.lastParagraph < paragraph) return undefined;
  }
  return undefined;
}

/**
 * Nobody else is named in narration between the previous statement and the end of its paragraph. Names in the rest of
 * the attribution's own sentence describe the speaker (`said Harry J. Kazianis, director of defence studies at the
 * Center for the National Interest`) and do not count.
 */
function onlyVoiceAfter(ctx: AnalysisContext, s: SpokenQuote, paragraphs: ParagraphIndex): boolean {
  const end = paragraphs.last.get(s.lastParagraph)!;
  const { sentenceOf, sentences } = ctx.doc;
  const attribution = sentences[sentenceOf[Math.max(0, s.endToken - 1)]!]!;
  for (let k = Math.max(s.endToken, attribution.last); k <= end; k += 1) {
    if (ctx.doc.quoteOf[k] !== -1) continue;
    const m = ctx.mentionStartingAt.get(k);
    if (m && m.actor !== s.speaker) return false;
  }
  return true;
}

function endsWithQuestion(ctx: AnalysisContext, q: QuoteSpan): boolean {
  return ctx.doc.body.slice(q.start, q.end).trimEnd().endsWith('?');
}

/** The person who "asked" in a narrative paragraph ("Counsel, Louise Barr, asked him about …"). */
function askerIn(ctx: AnalysisContext, paragraph: number, paragraphs: ParagraphIndex): number | null {
  const { tokens, quoteOf } = ctx.doc;
  for (let k = paragraphs.first.get(paragraph)!; k <= paragraphs.last.get(paragraph)!; k += 1) {
    if (quoteOf[k] !== -1 || !ASK_VERBS.has(tokens[k]!.lower)) continue;
    const subject = subjectBefore(ctx, k);
    if (subject.actor !== null && ctx.actors[subject.actor]!.kind === 'person') return subject.actor;
  }
  return null;
}

/** An interviewer's question: narration that ends in "?", names nobody and quotes nothing. */
function isQuestionParagraph(ctx: AnalysisContext, paragraph: number, paragraphs: ParagraphIndex): boolean {
  const { tokens, quoteOf } = ctx.doc;
  const first = paragraphs.first.get(paragraph)!;
  const last = paragraphs.last.get(paragraph)!;
  if (tokens[last]!.text !== '?') return false;
  for (let k = first; k <= last; k += 1) if (quoteOf[k] !== -1 || ctx.mentionStartingAt.has(k)) return false;
  return true;
}

/** The one person a quote-free narrative paragraph is about, or null when it names none or several. */
function soleSubject(ctx: AnalysisContext, paragraph: number, paragraphs: ParagraphIndex): number | null {
  const { quoteOf } = ctx.doc;
  let found: number | null = null;
  for (let k = paragraphs.first.get(paragraph)!; k <= paragraphs.last.get(paragraph)!; k += 1) {
    if (quoteOf[k] !== -1) return null;
    const m = ctx.mentionStartingAt.get(k);
    if (!m || ctx.actors[m.actor]!.kind !== 'person') continue;
    if (found !== null && found !== m.actor) return null;
    found = m.actor;
  }
  return found;
}

/**
 * `Asked what comes next, he laughed. "A long holiday."`: a quote that closes its paragraph right after a
 * narrative sentence belongs to that sentence's subject, when the subject is a person who has already been
 * quoted or the sentence sets the quote up with an expression verb or a speech verb of its own ("Ford said the
 * province would not budge. '…'"). Null otherwise.
 */
export function leadSentenceSpeaker(ctx: AnalysisContext, q: QuoteSpan, spoken: readonly SpokenQuote[]): number | null {
  const { tokens, sentenceOf, quoteOf, sentences } = ctx.doc;
  const before = tokens[q.open - 1];
  if (!before || before.paragraph !== tokens[q.open]!.paragraph || !/^[.!:]$/.test(before.text)) return null;
  const sentence = sentences[sentenceOf[q.open - 1]!]!;
  let expressive = false;
  for (let k = sentence.first; k < q.open; k += 1) {
    if (quoteOf[k] !== -1) return null;
    if (EXPRESSION_VERBS.has(tokens[k]!.lower) || isFiniteSpeechVerb(tokens[k]!.lower)) expressive = true;
  }
  const subject = mainSubject(ctx.doc, ctx.salience, q.open - 1);
  if (!subject || ctx.actors[subject.actor]!.kind !== 'person') return null;
  if (expressive || spoken.some((s) => s.speaker === subject.actor)) return subject.actor;
  return null;
}
