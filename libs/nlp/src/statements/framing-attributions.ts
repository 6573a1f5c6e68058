import { speechVerb, type SpeechVerb } from '../lexicon/speech-verb-lexicon';
import {
  CLAUSE_OPENERS,
  DETERMINERS,
  HUMAN_GROUP_NOUNS,
  PREPOSITIONS,
  SUBORDINATORS,
  TIME_WORDS,
  TITLE_WORDS,
  isLyAdverb,
} from '../lexicon/word-lists';
import { countWords, FINITE_WORDS, isAdverbialTail, isFrontedAdverbial, TAIL_STOPS } from './adverbial-phrases';
import type { AnalysisContext } from './analysis-context';
import { looksLikeSpeech } from './quote-extractor';
import { commaBetween, contentEnd, TRAILING_PUNCT } from './reported-content-span';
import { subjectAfter, VOICE_NOUNS, type SubjectResolution } from './speaker-resolver';
import { indirectDraft, type StatementDraft } from './statement-draft';

// Attributions that frame their content rather than take it as a complement: "according to X" before or after it,
// "As X noted, …" before it, and "…, X said." after it.

const OWNER_DETERMINERS = new Set(['his', 'her', 'their', 'its']);
const ARTICLES = new Set(['a', 'an', 'the']);
/** A subject pronoun, alone or with its auxiliary ("he", "she's", "it's", "they'll"), that opens a clause of its own. */
const TAIL_SUBJECT_RE = /^(?:he|she|we|they|i|(?:he|she|it|we|they|you|i)['’](?:s|re|ll|d|ve|m))$/;

/** Words between a parenthetical attribution's verb and its closing comma ("Mr. Bush said on Friday,"). */
const PARENTHETICAL_TAIL = 3;

/** Words that make an unnamed source someone who knows: "a person familiar with …", "people briefed on …". */
const ANONYMOUS_SOURCE_WORDS = new Set(['person', 'source', 'familiar', 'briefed', 'knowledgeable']);

/** "according to a study": an unnamed source must at least be a person or an official body. */
export function isPersonLikeSource(ctx: AnalysisContext, s: SubjectResolution): boolean {
  if (s.actor !== null || s.pronoun !== undefined) return true;
  // "according to the campaign": a body's voice speaks for it.
  if (VOICE_NOUNS.has(ctx.doc.tokens[s.last - 1]?.lower ?? '')) return true;
  for (let k = s.first; k < s.last; k += 1) {
    const lower = ctx.doc.tokens[k]!.lower;
    if (ANONYMOUS_SOURCE_WORDS.has(lower)) return true;
    if (HUMAN_GROUP_NOUNS.has(lower) || TITLE_WORDS.has(lower)) return true;
  }
  return false;
}

/**
 * "According to Woodward, the plan failed." / "The plan failed, according to CNN.": the clause after the source's comma
 * when the attribution opens the sentence, else the sentence before it (resuming after the source when the attribution
 * sits inside its content).
 */
export function accordingTo(ctx: AnalysisContext, i: number): StatementDraft | null {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  const subject = subjectAfter(ctx, i + 1);
  if (!subject.found || !isPersonLikeSource(ctx, subject)) return null;
  const sentence = ctx.doc.sentences[sentenceOf[i]!]!;
  let first: number;
  let last: number;
  const opensSentence = i === sentence.first || tokens[i - 1]?.paragraph !== tokens[i]!.paragraph;
  if (opensSentence) {
    let k = subject.last;
    while (k < sentence.last && tokens[k]!.text !== ',') k += 1;
    first = k + 1;
    last = contentEnd(ctx, first);
  } else {
    first = sentence.first;
    let afterQuote = false;
    while (first < i && (quoteOf[first] !== -1 || !tokens[first]!.isWord || ctx.doc.masked[first])) {
      if (quoteOf[first] !== -1) afterQuote = true;
      first += 1;
    }
    // "“You've been very critical of me,” he told Sen. Jeff Flake, according to officials": what is left between a
    // quote and the attribution is the quote's own attribution.
    if (afterQuote) return null;
    last = i;
    while (last > first && TRAILING_PUNCT.has(tokens[last - 1]!.text)) last -= 1;
    // "At the heart of the trouble, according to Dennis B. Ross, an envoy, was a decision …": set off by commas, the
    // attribution sits inside its content, which resumes after it.
    const resume = resumeAfterSource(ctx, subject.last, sentence.last);
    if (resume >= 0) {
      // "While most were marked confidential, according to an official, two were upgraded": the main clause after the
      // attribution is what the source says; the subordinate clause before it only sets it up.
      if (SUBORDINATORS.has(tokens[first]!.lower) && !commaBetween(ctx, first, i - 1)) first = resume;
      last = contentEnd(ctx, resume);
    }
  }
  if (last - first < 2 || first >= sentence.last) return null;
  const start = tokens[first]!.start;
  const end = tokens[last - 1]!.end;
  return indirectDraft(ctx.doc.body, start, end, tokens[i]!.start, tokens[subject.last - 1]!.end, subject);
}

/** Words a source phrase may run past the name it holds ("a State Department official"). */
const SOURCE_TAIL = 3;

/**
 * After `according to X,` inside a sentence: the first token of the content that resumes after the source (past its
 * appositive, if any), or -1 when the attribution closes its clause.
 */
function resumeAfterSource(ctx: AnalysisContext, sourceLast: number, sentenceLast: number): number {
  const { tokens, quoteOf } = ctx.doc;
  // "according to a State Department official, …": the source phrase may run past the name it holds.
  let comma = sourceLast;
  while (comma < sentenceLast && comma - sourceLast < SOURCE_TAIL && tokens[comma]!.isWord) comma += 1;
  if (tokens[comma]?.text !== ',' || quoteOf[comma] !== -1) return -1;
  const afterAppositive = resumeAfterAppositive(ctx, comma, sentenceLast);
  if (afterAppositive >= 0) return afterAppositive;
  return opensContentAfter(ctx, comma, sentenceLast) ? comma + 1 : -1;
}

const APPOSITIVE_OPENERS = new Set(['who', 'which', 'whose', 'whom', 'and', 'or', 'a', 'an', 'the']);

/**
 * After `said Michael Kofman, an expert on Russia at the Wilson Center, would read this as …`: the first token of
 * the content that resumes after the appositive opened by the comma at `comma`, or -1 when the appositive runs to the
 * sentence end.
 */
function resumeAfterAppositive(ctx: AnalysisContext, comma: number, sentenceLast: number): number {
  const { tokens, quoteOf } = ctx.doc;
  for (let k = sentenceLast - 1; k > comma; k -= 1) {
    if (tokens[k]!.text !== ',' || quoteOf[k] !== -1) continue;
    return opensContentAfter(ctx, k, sentenceLast) ? k + 1 : -1;
  }
  return -1;
}

/** Whether the comma at `comma` is followed by content (three words or more) rather than an appositive or a phrase. */
function opensContentAfter(ctx: AnalysisContext, comma: number, sentenceLast: number): boolean {
  const next = ctx.doc.tokens[comma + 1];
  return (
    next?.isWord === true &&
    !APPOSITIVE_OPENERS.has(next.lower) &&
    !TITLE_WORDS.has(next.lower) &&
    !PREPOSITIONS.has(next.lower) &&
    countWords(ctx, comma + 1, sentenceLast) >= 3
  );
}

/** Words an "as" attribution may follow at the start of its sentence ("But as Clyburn noted, …"). */
const AS_LEAD_CONJUNCTIONS = new Set(['and', 'but', 'yet', 'so']);

/** Longest setting between an "as" attribution's verb and its comma ("As Comey noted in July, …"). */
const AS_LEAD_TAIL = 4;

const FIRST_PERSON = new Set(['i', 'we']);

/**
 * "As Clyburn noted, those voters will give Sanders a second look": an attribution opened by "as" at the start of a
 * sentence (or of its clause after a conjunction) reports the clause after its comma.
 */
export function asAttribution(
  ctx: AnalysisContext,
  v: number,
  subject: SubjectResolution,
  verb: SpeechVerb,
): { draft: StatementDraft; contentLast: number } | null {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  // A capitalised "As" opening the sentence may be read into the subject phrase ("As Clyburn").
  let as = tokens[subject.first]?.lower === 'as' && subject.last - subject.first > 1 ? subject.first : subject.first - 1;
  if (DETERMINERS.has(tokens[as]?.lower ?? '')) as -= 1;
  if (subject.first > v || tokens[as]?.lower !== 'as' || sentenceOf[as] !== sentenceOf[v]) return null;
  // "As Blumenthal spoke, …" and "as Centerview continues gaining …" tell when; "As I mentioned above" is the writer's.
  if (
    verb.thatOnly ||
    verb.lemma === 'speak' ||
    (subject.pronoun !== undefined && FIRST_PERSON.has(tokens[subject.pronoun]!.lower))
  )
    return null;
  const sentence = ctx.doc.sentences[sentenceOf[v]!]!;
  let lead = as - 1;
  if (lead >= sentence.first && tokens[lead]!.text === ',') lead -= 1;
  if (lead >= sentence.first && AS_LEAD_CONJUNCTIONS.has(tokens[lead]!.lower)) lead -= 1;
  if (lead >= sentence.first && tokens[lead]!.text !== ',') return null;
  // Only a setting may follow the verb ("noted in July", "said previously"): "As Trump demands wall, …" and "As Soviet
  // states and neighbors, …" are no attributions.
  const tail = tokens[v + 1];
  if (tail?.isWord && !PREPOSITIONS.has(tail.lower) && !TIME_WORDS.has(tail.lower) && !isLyAdverb(tail.lower)) return null;
  let comma = v + 1;
  while (comma < sentence.last && comma - v <= AS_LEAD_TAIL && tokens[comma]!.isWord) comma += 1;
  if (tokens[comma]?.text !== ',' || quoteOf[comma] !== -1) return null;
  const first = comma + 1;
  const opener = tokens[first];
  if (!opener?.isWord || quoteOf[first] !== -1 || PREPOSITIONS.has(opener.lower) || CLAUSE_OPENERS.has(opener.lower)) return null;
  const contentLast = contentEnd(ctx, first);
  if (countWords(ctx, first, contentLast) < 3) return null;
  const start = tokens[first]!.start;
  const end = tokens[contentLast - 1]!.end;
  return { draft: indirectDraft(ctx.doc.body, start, end, tokens[as]!.start, tokens[v]!.end, subject), contentLast };
}

/**
 * "Rail workers will strike again, the union said." / "…, said the company." — the attribution closes the
 * sentence and the content is everything before its comma.
 */
export function trailingAttribution(
  ctx: AnalysisContext,
  v: number,
  subject: SubjectResolution,
  cueFirst: number,
  verb: SpeechVerb,
): StatementDraft | null {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  // "…, his top aide, Tad Devine, told The Huffington Post": a possessive determiner opens the subject phrase; so may
  // an article before the subject of a verb that reports ("…, a spokeswoman, Anna White, said", "…, the AP reported").
  const before = tokens[cueFirst - 1]?.lower ?? '';
  const opensSubject = OWNER_DETERMINERS.has(before) || (ARTICLES.has(before) && (verb.bareClause || verb.lemma === 'report'));
  const owner = opensSubject && cueFirst < v ? 1 : 0;
  const comma = cueFirst - 1 - owner;
  if (tokens[comma]?.text !== ',' || sentenceOf[comma] !== sentenceOf[v]) return null;
  const sentence = ctx.doc.sentences[sentenceOf[v]!]!;
  const cueLast = Math.max(v, subject.last - 1);
  // Only a short adverbial may follow ("said on Monday", "said in a statement"), or, set off by a comma, the rest of
  // the content ("The museum, Mr. Bush said, celebrated …").
  let tail = 0;
  let resume = -1;
  // "…, said Orla Veyne, the chief economist …": a comma right after an inverted named subject opens its appositive.
  const inverted = subject.first > v && subject.pronoun === undefined && tokens[subject.last]?.text === ',';
  for (let k = cueLast + 1; k < sentence.last; k += 1) {
    const t = tokens[k]!;
    if (inverted && k === subject.last) {
      resume = resumeAfterAppositive(ctx, k, sentence.last);
      break;
    }
    // "…, said this week in Wyoming — an apparent reversal …": what a dash or a semicolon adds is not the cue's.
    if (TAIL_STOPS.has(t.text) && quoteOf[k] === -1) break;
    if (t.text === ',' && tail <= PARENTHETICAL_TAIL && resume < 0 && quoteOf[k] === -1) {
      // "…, Hollande said Tuesday in Paris, noting the nominee …": a participle after the comma opens a clause of its own.
      if (speechVerb(tokens[k + 1]?.lower ?? '')?.form !== 'ing') resume = k + 1;
      break;
    }
    // "Speaking to reporters, Kessler said the bill will pass": a finite verb after the cue's is its own content's, and
    // so is a subject pronoun ("As for Trump, he said he's not worried").
    if (t.lower === 'that' || t.text === ',' || quoteOf[k] !== -1 || FINITE_WORDS.has(t.lower) || TAIL_SUBJECT_RE.test(t.lower))
      return null;
    if (t.isWord) tail += 1;
  }
  if (resume < 0 && !inverted && tail > 5 && !isAdverbialTail(ctx, v, cueLast + 1, sentence.last)) return null;
  let first = sentence.first;
  while (first < comma && (!tokens[first]!.isWord || ctx.doc.masked[first])) first += 1;
  if (quoteOf[first] !== -1) return null;
  for (let k = first; k < comma; k += 1) {
    if (quoteOf[k] !== -1 && looksLikeSpeech(ctx, ctx.doc.quotes[quoteOf[k]!]!)) return null;
  }
  // "During his attack, Mateen also posted messages …": a fronted adverbial sets the scene of the clause it opens, and so
  // does a subordinate clause ("While Kessler waited in Ohio, Reyes spoke in Iowa").
  if (resume < 0 && isFrontedAdverbial(ctx, first, comma)) return null;
  if (resume < 0 && SUBORDINATORS.has(tokens[first]!.lower) && !commaBetween(ctx, first, comma)) return null;
  let last = comma;
  if (resume >= 0) {
    last = contentEnd(ctx, resume);
    if (countWords(ctx, first, comma) + countWords(ctx, resume, last) < 4 || countWords(ctx, resume, last) < 2) return null;
  } else if (countWords(ctx, first, comma) < 3) return null;
  const start = tokens[first]!.start;
  const end = tokens[last - 1]!.end;
  return indirectDraft(ctx.doc.body, start, end, tokens[comma + 1]!.start, tokens[cueLast]!.end, subject);
}
