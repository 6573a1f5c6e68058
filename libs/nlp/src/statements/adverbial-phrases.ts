import { speechVerb } from '../lexicon/speech-verb-lexicon';
import {
  BE_FORMS,
  CLAUSE_OPENERS,
  DETERMINERS,
  OCCASION_NOUNS,
  PREPOSITIONS,
  TIME_WORDS,
  isLyAdverb,
} from '../lexicon/word-lists';
import type { AnalysisContext } from './analysis-context';

/**
 * Adverbial phrases around attributions: the occasion after a speech verb ("said on Thursday", "said this week"), the
 * setting after a trailing attribution, fronted scene-setters that are no content ("During his attack, …"), and a
 * "that" that is a determiner or a pronoun rather than a complementizer ("announced that same day").
 */

/** Marks after a trailing attribution that end it; a colon instead opens the cue's own content. */
export const TAIL_STOPS = new Set([';', '—', '–']);
/** Words that open an adverbial phrase as prepositions do ("Earlier this year", "Since last November"). */
const ADVERBIAL_OPENERS = new Set([
  'earlier',
  'later',
  'since',
  'until',
  'meanwhile',
  // "Then, last week, Eric Trump called.", "Shortly after my sentence, Eric Holder announced his resignation."
  'then',
  'now',
  'soon',
  'once',
  'yesterday',
  'today',
  'tonight',
  'last',
  'next',
]);
/** Words that show a finite clause ("In Iowa, Trump is in first"). */
export const FINITE_WORDS = new Set([
  ...BE_FORMS,
  'has',
  'have',
  'had',
  'will',
  'would',
  'can',
  'could',
  'should',
  'may',
  'might',
  'must',
]);
/** Longest run of fronted adverbials that cannot be content ("In January, in his final State of the Union address"). */
const MAX_ADVERBIAL_WORDS = 12;

/** Prepositions that open where or when something was said, not what about. */
const SETTING_PREPOSITIONS = new Set(['at', 'in', 'during', 'after', 'before', 'outside', 'inside', 'near']);
const PERIOD_DEICTICS = new Set(['this', 'last', 'next', 'earlier', 'later']);
const PERIODS = new Set(['week', 'month', 'year', 'weekend', 'spring', 'summer', 'fall', 'autumn', 'winter']);

/** Words after "that" that make it a determiner ("announced that same day", "said that week"). */
const DETERMINED_BY_THAT = new Set([
  'same',
  'day',
  'week',
  'month',
  'year',
  'time',
  'night',
  'morning',
  'evening',
  'moment',
  'point',
]);
/** Words before "that" that make it a pronoun ("proposed just that in 2013", "said exactly that"). */
const PRONOUN_THAT_AFTER = new Set(['just', 'exactly', 'precisely', 'all', 'like']);

/** Words (not punctuation) among tokens [first, last). */
export function countWords(ctx: AnalysisContext, first: number, last: number): number {
  let n = 0;
  for (let k = first; k < last; k += 1) if (ctx.doc.tokens[k]!.isWord) n += 1;
  return n;
}

/** Skips "on Thursday", "late Sunday", "in a statement" between a say-verb and its bare clause. */
export function skipOccasion(ctx: AnalysisContext, k: number, inSentence: (k: number) => boolean): number {
  const { tokens } = ctx.doc;
  let j = k;
  for (let guard = 0; guard < 3 && inSentence(j); guard += 1) {
    const lower = tokens[j]!.lower;
    if (PERIOD_DEICTICS.has(lower) && PERIODS.has(tokens[j + 1]?.lower ?? '')) {
      // "said this week …", "said last month …".
      j += 2;
    } else if (
      (lower === 'on' || lower === 'late' || lower === 'early' || lower === 'last' || lower === 'this') &&
      TIME_WORDS.has(tokens[j + 1]?.lower ?? '')
    ) {
      j += 2;
      if (TIME_WORDS.has(tokens[j]?.lower ?? '')) j += 1;
    } else if (
      (lower === 'in' || lower === 'during') &&
      DETERMINERS.has(tokens[j + 1]?.lower ?? '') &&
      OCCASION_NOUNS.has(tokens[j + 2]?.lower ?? '')
    ) {
      j += 3;
    } else if (TIME_WORDS.has(lower)) {
      j += 1;
    } else {
      break;
    }
  }
  return j;
}

/**
 * Whether what follows a trailing attribution's verb, up to the sentence end or a dash, is only its occasion and
 * adverbial phrases ("said this week at an event in Wyoming"), however long, rather than an object or a clause.
 */
export function isAdverbialTail(ctx: AnalysisContext, v: number, first: number, sentenceLast: number): boolean {
  const { tokens, sentenceOf } = ctx.doc;
  let end = first;
  while (end < sentenceLast && !TAIL_STOPS.has(tokens[end]!.text) && tokens[end]!.text !== '.') end += 1;
  const from = skipOccasion(ctx, first, (k) => k < end && sentenceOf[k] === sentenceOf[first]);
  if (from >= end) return true;
  // A place or a time ("at an event in Wyoming", "in a column"); "pointed to …", "called on … to …", "reported at least
  // six planes …" and "responded … as he live-tweeted" go on with an argument or a clause of the verb's.
  const opener = tokens[from]!.lower;
  if (!SETTING_PREPOSITIONS.has(opener) || (opener === 'at' && tokens[from + 1]?.lower === 'least')) return false;
  if (speechVerb(tokens[v]!.lower)?.preps.includes(opener) || countWords(ctx, first, end) > MAX_ADVERBIAL_WORDS) return false;
  for (let k = from; k < end; k += 1) if (CLAUSE_OPENERS.has(tokens[k]!.lower) || tokens[k]!.lower === 'to') return false;
  return isFrontedAdverbial(ctx, from, end);
}

/**
 * Whether tokens [first, last) are only adverbial phrases, each opened by a preposition or a time adverb ("During his
 * attack", "In January, in his final State of the Union address", "Earlier this year"): short and with no finite verb
 * a clause would have.
 */
export function isFrontedAdverbial(ctx: AnalysisContext, first: number, last: number): boolean {
  const { tokens } = ctx.doc;
  if (countWords(ctx, first, last) > MAX_ADVERBIAL_WORDS) return false;
  let opensPhrase = true;
  for (let k = first; k < last; k += 1) {
    const t = tokens[k]!;
    if (t.text === ',') {
      opensPhrase = true;
      continue;
    }
    if (!t.isWord) continue;
    if (opensPhrase && !PREPOSITIONS.has(t.lower) && !ADVERBIAL_OPENERS.has(t.lower) && !isLyAdverb(t.lower)) return false;
    if (FINITE_WORDS.has(t.lower)) return false;
    opensPhrase = false;
  }
  return true;
}

/**
 * Whether the "that" at `k` is a determiner or a pronoun rather than the complementizer of reported content: "Lynch
 * announced that same day", "Sanders proposed just that in 2013".
 */
export function isDemonstrativeThat(ctx: AnalysisContext, k: number): boolean {
  const { tokens } = ctx.doc;
  return DETERMINED_BY_THAT.has(tokens[k + 1]?.lower ?? '') || PRONOUN_THAT_AFTER.has(tokens[k - 1]?.lower ?? '');
}

/** Token index just past a demonstrative "that" and the words it determines ("that same day", "that night", "just that"). */
export function demonstrativePhraseEnd(ctx: AnalysisContext, that: number): number {
  const next = ctx.doc.tokens[that + 1]?.lower ?? '';
  if (next === 'same') return that + 3;
  return DETERMINED_BY_THAT.has(next) ? that + 2 : that + 1;
}
