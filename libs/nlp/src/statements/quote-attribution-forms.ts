import { isFiniteSpeechVerb, speechVerb } from '../lexicon/speech-verb-lexicon';
import { PREPOSITIONS, SUBJECT_PRONOUN_KINDS, SUBORDINATORS, isLyAdverb } from '../lexicon/word-lists';
import type { Token } from '../text/token-scanner';
import type { AnalysisContext } from './analysis-context';
import { subjectAfter, subjectBefore, type SubjectResolution } from './speaker-resolver';

// How a quote is attributed where no speech verb of the lexicon heads the attribution ("according to CNN", "Donald
// Trump: …", "Hillary shot back"), and the clause shapes every quote attribution is checked against.

/** Who a quote is attributed to, the cue's token range, and the speech verb's token (-1 when none heads it). */
export interface Attribution {
  subject: SubjectResolution;
  cueStart: number;
  cueEnd: number;
  verb: number;
}

const ROLE_PREFIX_MAX = 4;

export const HARD_STOPS = new Set(['.', '!', '?', ';', "''", '"', '“', '”', '«', '»', '„']);

export const SENTENCE_END_RE = /[.!?…]$/;

const PAST_VERB_RE = /^[a-z]{3,}ed$/;

/**
 * `"…," according to CNN.`: a source named after "according to" attributes the quote before it (a quote that opens
 * its sentence; a quoted phrase inside narration leaves the whole sentence to reported speech).
 */
export function accordingToAfter(ctx: AnalysisContext, k: number, paragraph: number): Attribution | null {
  const { tokens } = ctx.doc;
  if (tokens[k]?.lower !== 'according' || tokens[k + 1]?.lower !== 'to' || tokens[k + 1]!.paragraph !== paragraph) return null;
  const subject = subjectAfter(ctx, k + 1);
  return subject.found && subject.actor !== null ? { subject, cueStart: k, cueEnd: subject.last, verb: -1 } : null;
}

/**
 * `Silverman interjected, "…"`, `Hillary shot back, "…"`: a named subject, then a past verb the lexicon lacks (with
 * an optional particle or -ly adverb) right before the comma that opens a quote.
 */
export function subjectThenUnlistedVerbBefore(ctx: AnalysisContext, comma: number): Attribution | null {
  const { tokens } = ctx.doc;
  let v = comma - 1;
  const after = tokens[v]?.lower ?? '';
  if (VERB_PARTICLES.has(after) || isLyAdverb(after)) v -= 1;
  const verb = tokens[v];
  if (!verb || verb.isCap || speechVerb(verb.lower) || !(PAST_VERB_RE.test(verb.lower) || IRREGULAR_PAST.has(verb.lower)))
    return null;
  const subject = subjectBefore(ctx, v);
  if (!subject.found || subject.actor === null || subject.last !== v) return null;
  return { subject, cueStart: subject.first, cueEnd: comma, verb: -1 };
}

/** `According to Woodward, "…"`: a sentence that opens with its source, then a comma and the quote. */
export function accordingToLead(ctx: AnalysisContext, comma: number): Attribution | null {
  const { tokens, sentences, sentenceOf } = ctx.doc;
  let first = sentences[sentenceOf[comma]!]!.first;
  while (first < comma && !tokens[first]!.isWord) first += 1;
  if (tokens[first]?.lower !== 'according' || tokens[first + 1]?.lower !== 'to') return null;
  const subject = subjectAfter(ctx, first + 1);
  return subject.found && subject.actor !== null && subject.last === comma
    ? { subject, cueStart: first, cueEnd: subject.last, verb: -1 }
    : null;
}

const CLOSING_ADVERBIAL_MAX = 4;

/** Words that open a clause of its own after a closing verb ("said as he left", "said before the vote began"). */
const CLOSING_SUBORDINATORS: ReadonlySet<string> = new Set([...SUBORDINATORS, 'as', 'before']);

/** Longest prepositional adverbial after a closing verb (`said to a crowd of about 500 in Portsmouth.`). */
const CLOSING_PREPOSITIONAL_MAX = 12;

/**
 * After the verb at `v` only a short adverbial ("on Friday", "in a statement"), or a longer one that opens with a
 * preposition ("about McCain's effort to downplay his ties"), comes before the clause ends.
 */
export function closesClause(ctx: AnalysisContext, v: number): boolean {
  const { tokens, quoteOf } = ctx.doc;
  // `"…?" Clinton asks as a maintenance man walks in`: a clause of its own may follow the verb.
  if (CLOSING_SUBORDINATORS.has(tokens[v + 1]?.lower ?? '')) return true;
  const max = PREPOSITIONS.has(tokens[v + 1]?.lower ?? '') ? CLOSING_PREPOSITIONAL_MAX : CLOSING_ADVERBIAL_MAX;
  let words = 0;
  for (let j = v + 1; j < tokens.length && tokens[j]!.paragraph === tokens[v]!.paragraph; j += 1) {
    const t = tokens[j]!;
    if (SENTENCE_END_RE.test(t.text) || t.text === ',' || t.text === ';') return true;
    if (quoteOf[j] !== -1 || t.lower === 'that' || HARD_STOPS.has(t.text)) return false;
    if (t.isWord && (words += 1) > max) return false;
  }
  return true;
}

/**
 * `"…," chief financial officer Yoichi Miyazaki told a briefing`: the subject phrase may start with role words the
 * name mention does not cover (a few words, no punctuation).
 */
export function isRolePrefix(ctx: AnalysisContext, from: number, to: number, max = ROLE_PREFIX_MAX): boolean {
  const { tokens } = ctx.doc;
  if (to < from) return false;
  let words = 0;
  for (let k = from; k < to; k += 1) {
    const t = tokens[k]!;
    if (!t.isWord || isFiniteSpeechVerb(t.lower)) return false;
    // `former George W. Bush speechwriter Noam Neusner`: a name that modifies the role counts as one word.
    const named = ctx.mentionStartingAt.get(k);
    if (named && !named.possessive && named.last < to) k = named.last - 1;
    words += 1;
  }
  return words <= max;
}

/** Longest role phrase an appositive name follows (`the senator's chief of staff, Joe Kasper,`). */
const APPOSITIVE_ROLE_MAX = 6;

/**
 * `"…," Tom Reyes's chief of staff, Joe Kasper, told reporters`: a role phrase (its owner's name or a description
 * and the role words), then the speaker's name set off by commas.
 */
export function isAppositiveRolePrefix(ctx: AnalysisContext, from: number, subject: SubjectResolution): boolean {
  const { tokens } = ctx.doc;
  const comma = subject.first - 1;
  if (subject.actor === null || tokens[comma]?.text !== ',' || tokens[subject.last]?.text !== ',') return false;
  return comma > from && isRolePrefix(ctx, from, comma, APPOSITIVE_ROLE_MAX);
}

/**
 * `Donald Trump: “…”`, `Former secretary of state Hillary Clinton: “…”`: a name that alone (after a few role words and
 * no other name) opens the sentence and ends at the colon signs the quote after it.
 */
export function nameSigningColon(ctx: AnalysisContext, colon: number): Attribution | null {
  const { doc } = ctx;
  const named = ctx.mentionEndingAt.get(beforeParenthetical(ctx, colon) - 1);
  if (!named || named.possessive) return null;
  const from = doc.sentences[doc.sentenceOf[colon]!]!.first;
  if (!isRolePrefix(ctx, from, named.lead)) return null;
  for (let k = from; k < named.lead; k += 1) if (ctx.mentionStartingAt.has(k)) return null;
  return {
    subject: nameSubject(named),
    cueStart: named.lead,
    cueEnd: colon,
    verb: -1,
  };
}

/** Longest parenthetical between a name and its colon (`Rep. Trey Gowdy (R-S.C.):`). */
const NAME_PARENTHETICAL_MAX = 6;

/** The token a short parenthetical that ends right before `k` opens at (`Gowdy (R-S.C.):`), or `k` when none does. */
function beforeParenthetical(ctx: AnalysisContext, k: number): number {
  const { tokens, sentenceOf } = ctx.doc;
  if (tokens[k - 1]?.text !== ')') return k;
  for (let j = k - 2; j >= 0 && k - j <= NAME_PARENTHETICAL_MAX; j -= 1) {
    if (sentenceOf[j] !== sentenceOf[k]) return k;
    if (tokens[j]!.text === '(') return j;
  }
  return k;
}

/**
 * `The surge doesn't surprise pollster Daron Shaw: “…”`: when the sentence has no named subject, a person named right
 * before the colon speaks the quote after it.
 */
export function personBeforeColon(ctx: AnalysisContext, colon: number): Attribution | null {
  const named = ctx.mentionEndingAt.get(beforeParenthetical(ctx, colon) - 1);
  if (!named || named.possessive || ctx.actors[named.actor]?.kind !== 'person') return null;
  // `Ann Carver on Tom Reyes: "…"`: a name a preposition governs is what the quote is about.
  if (PREPOSITIONS.has(ctx.doc.tokens[named.lead - 1]?.lower ?? '')) return null;
  return { subject: nameSubject(named), cueStart: named.lead, cueEnd: colon, verb: -1 };
}

/**
 * `“Would it be negotiable?” Hannity pressed.`, `“…,” Cruz quipped,`, `“…,” Bozell answers.`, `"…," Trump shot back.`,
 * `"…," he surmised.`: after a quote that ends on a comma, a question or an exclamation, a name or a subject pronoun
 * and one verb the lexicon lacks (past tense, or present after a comma), with at most a particle or an adverb after
 * it, closing the clause, attribute the quote. After a quoted sentence an adverbial may close it instead
 * (`"…," Bennett shot back with a laugh.`, `"…," Toomey fumed on Tuesday.`).
 */
export function subjectThenUnlistedVerb(
  ctx: AnalysisContext,
  k: number,
  lastContent: string,
  speech: boolean,
): Attribution | null {
  const { tokens } = ctx.doc;
  if (lastContent !== ',' && lastContent !== '?' && lastContent !== '!') return null;
  const named = ctx.mentionStartingAt.get(k);
  const pronoun = SUBJECT_PRONOUN_KINDS.has(tokens[k]?.lower ?? '') && tokens[k]!.lower !== 'it';
  if (!pronoun && (!named || named.possessive || named.lead !== k)) return null;
  const v = pronoun ? k + 1 : named!.last;
  if (!isUnlistedVerb(tokens[v], lastContent)) return null;
  // `"…," Trump barked and a security guard escorted Ramos out.`: a conjunction also ends the attribution's clause.
  const closesAt = (j: number): boolean => ['.', ',', 'and', 'as'].includes(tokens[j]?.lower ?? '');
  const opensAdverbial = (j: number): boolean => speech && PREPOSITIONS.has(tokens[j]?.lower ?? '') && closesClause(ctx, j - 1);
  const completed = VERB_PARTICLES.has(tokens[v + 1]?.lower ?? '') || isLyAdverb(tokens[v + 1]?.lower ?? '');
  let end: number;
  if (completed && (closesAt(v + 2) || opensAdverbial(v + 2))) end = v + 2;
  else if (closesAt(v + 1) || opensAdverbial(v + 1)) end = v + 1;
  else return null;
  const subject = pronoun ? subjectBefore(ctx, v) : nameSubject(named!);
  if (!subject.found || subject.first !== k) return null;
  return { subject, cueStart: k, cueEnd: end, verb: v };
}

/** A lower-case past tense the lexicon lacks, or after a comma quote its present tense. */
function isUnlistedVerb(verb: Token | undefined, lastContent: string): boolean {
  if (!verb || verb.isCap) return false;
  if (PAST_VERB_RE.test(verb.lower) || IRREGULAR_PAST.has(verb.lower)) return true;
  return lastContent === ',' && PRESENT_VERB_RE.test(verb.lower);
}

/** Irregular past tenses that close an attribution (`"…," Trump shot back.`). */
const IRREGULAR_PAST = new Set(['shot', 'hit', 'struck', 'spoke', 'swore']);

/** A present tense (`answers`, `notes`), not a plural noun's `-ss` (`press`). */
const PRESENT_VERB_RE = /^[a-z]{3,}[^s]s$/;

/** Words that complete an attribution verb (`shot back`, `wondered aloud`). */
const VERB_PARTICLES = new Set(['back', 'aloud', 'out', 'up', 'on', 'in', 'off']);

/**
 * `“…,” remembered Roy Verley, HP's former chief spokesman.`: the inverted form of `subjectThenUnlistedVerb`, a past-tense
 * verb the lexicon lacks and then a person's name that closes the clause or opens its appositive.
 */
export function pastVerbThenName(ctx: AnalysisContext, k: number, lastContent: string): Attribution | null {
  const { tokens } = ctx.doc;
  if (lastContent !== ',' && lastContent !== '?' && lastContent !== '!') return null;
  const verb = tokens[k];
  if (!verb || verb.isCap || !PAST_VERB_RE.test(verb.lower)) return null;
  const named = ctx.mentionStartingAt.get(k + 1);
  if (!named || named.possessive || named.lead !== k + 1 || ctx.actors[named.actor]!.kind !== 'person') return null;
  const closing = tokens[named.last];
  if (!closing || (closing.text !== '.' && closing.text !== ',')) return null;
  return { subject: nameSubject(named), cueStart: k, cueEnd: named.last, verb: k };
}

/** A name mention as the subject of an attribution. */
export function nameSubject(m: { actor: number; lead: number; last: number }): SubjectResolution {
  return { found: true, actor: m.actor, first: m.lead, last: m.last };
}
