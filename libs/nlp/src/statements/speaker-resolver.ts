import type { MentionRef } from '../actors/actor-model';
import { resolveDescription } from '../actors/description-resolver';
import { isFiniteSpeechVerb, speechVerb } from '../lexicon/speech-verb-lexicon';
import {
  DETERMINERS,
  HUMAN_GROUP_NOUNS,
  ORG_DESCRIPTOR_NOUNS,
  PARENTHETICAL_DASHES,
  PREPOSITIONS,
  QUANTIFIERS,
  SUBJECT_PRONOUN_KINDS,
  SUBORDINATORS,
  TIME_WORDS,
  TITLE_WORDS,
  VERB_PADDING,
  isLyAdverb,
} from '../lexicon/word-lists';
import type { AnalysisContext } from './analysis-context';
import { FINITE_WORDS } from './adverbial-phrases';
import { descriptionAntecedent } from './description-antecedent';
import { shareStart } from './share-of-respondents';
import { lastEventBefore, mainSubject, pronounFit, type SubjectEvent } from './salience-tracker';

/** Who a speech verb's subject is. `found` is false when the words there are not a plausible speaker at all. */
export interface SubjectResolution {
  found: boolean;
  actor: number | null;
  /** Token range [first, last) of the subject phrase. */
  first: number;
  last: number;
  /** Token index of the pronoun, when the subject is one. */
  pronoun?: number;
  /** Token range of a description no actor stands for, away from the verb (the opening subject a coordinated verb shares). */
  source?: readonly [number, number];
}

const NOT_FOUND: SubjectResolution = { found: false, actor: null, first: -1, last: -1 };
const BARE_APOSTROPHES = new Set(["'", '’']);
const DASH_PARENTHETICAL_MAX = 24;
const SPOKESPERSON_WORDS = new Set(['spokesperson', 'spokesman', 'spokeswoman', 'representative']);
/** Nouns that speak for the name whose possessive they follow. */
export const VOICE_NOUNS: ReadonlySet<string> = new Set([...SPOKESPERSON_WORDS, 'campaign', 'camp', 'office']);
/**
 * Words that open a description of a source: a determiner, or a count ("one Democrat familiar with the discussion",
 * "two officials", "several aides", "another person").
 */
const DESCRIPTION_OPENERS: ReadonlySet<string> = new Set([...DETERMINERS, ...QUANTIFIERS, 'one', 'another']);
const DESCRIPTION_STOP = new Set([',', ';', ':', '.', "''", '"', '“', '”', '(', ')', '—', '–']);

/** Words that open a time adverbial before its day or time word: "on Thursday", "late Sunday", "this morning". */
const TIME_LEADS = new Set(['on', 'late', 'early', 'last', 'this']);
const PERIOD_WORDS = new Set(['week', 'month', 'year']);
const PERIOD_LEADS = new Set(['last', 'this', 'next']);

/**
 * The last token before a time adverbial of sentence `sentence` that ends at `k` ("Sean Spicer on Thursday evening
 * said"), or `k` when none does.
 */
function timeAdverbialStart(ctx: AnalysisContext, k: number, sentence: number | undefined): number {
  const { tokens, sentenceOf } = ctx.doc;
  const inSentence = (j: number): boolean => j >= 0 && sentenceOf[j] === sentence;
  let j = k;
  // "last week", "this month", "earlier this year": a period needs a lead of its own.
  if (inSentence(j - 1) && PERIOD_WORDS.has(tokens[j]!.lower) && PERIOD_LEADS.has(tokens[j - 1]!.lower)) {
    j -= 2;
    return inSentence(j) && tokens[j]!.lower === 'earlier' ? j - 1 : j;
  }
  while (inSentence(j) && TIME_WORDS.has(tokens[j]!.lower)) j -= 1;
  if (j === k) return k;
  return inSentence(j) && TIME_LEADS.has(tokens[j]!.lower) ? j - 1 : j;
}

/** The subject phrase ending right before `verb` (skipping adverbs and auxiliaries) and the actor it denotes. */
export function subjectBefore(ctx: AnalysisContext, verb: number): SubjectResolution {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  const sentence = sentenceOf[verb];
  const skipPadding = (from: number): number => {
    let j = from;
    while (
      j >= 0 &&
      sentenceOf[j] === sentence &&
      !tokens[j]!.isCap &&
      (VERB_PADDING.has(tokens[j]!.lower) || isLyAdverb(tokens[j]!.lower))
    )
      j -= 1;
    return j;
  };
  let k = skipPadding(verb - 1);
  k = skipPadding(timeAdverbialStart(ctx, k, sentence));
  if (k < 0 || sentenceOf[k] !== sentence) return NOT_FOUND;
  // "Rep. Gwen Moore (D-Wis.) said": a short parenthetical between the subject and its verb is skipped, with the
  // stray comma some writers set after it ("Sen. Jack Reed (D-R.I.), said").
  if (tokens[k]!.text === ',' && tokens[k - 1]?.text === ')') k -= 1;
  if (tokens[k]!.text === ')') {
    let open = k - 1;
    while (open > 0 && k - open < 8 && sentenceOf[open] === sentence && tokens[open]!.text !== '(' && tokens[open]!.text !== ')')
      open -= 1;
    if (tokens[open]?.text === '(' && ctx.mentionEndingAt.has(open - 1)) k = open - 1;
  }
  const t = tokens[k]!;
  if (quoteOf[k] !== -1 && t.isWord) return NOT_FOUND;
  // `Humphrey, who calls Trump a “sociopath,” said …`: the comma that closes the appositive sits inside the quote marks.
  if (quoteOf[k] !== -1 && tokens[k - 1]?.text === ',' && quoteOf[k - 1] === quoteOf[k]) return appositiveSubject(ctx, k - 1);
  if (PARENTHETICAL_DASHES.has(t.text)) return subjectBeforeDashes(ctx, k);
  if (SUBJECT_PRONOUN_KINDS.has(t.lower)) {
    return { found: true, actor: pronounSpeaker(ctx, k), first: k, last: k + 1, pronoun: k };
  }
  const itsOrganisation = t.lower === 'it' ? organisationForIt(ctx, k, verb) : null;
  if (itsOrganisation !== null) return { found: true, actor: itsOrganisation, first: k, last: k + 1, pronoun: k };
  // "from Mike Lee, who declared in the spin room, …": a relative "who" after a name set off by a comma is that name,
  // and the pronoun the attribution hangs on.
  if (t.lower === 'who' && tokens[k - 1]?.text === ',') {
    const antecedent = ctx.mentionEndingAt.get(k - 2);
    if (antecedent && !antecedent.possessive && sentenceOf[k - 2] === sentence)
      return { found: true, actor: antecedent.actor, first: antecedent.lead, last: k + 1, pronoun: k };
  }
  // "critics who say", "the 30 percent who say": a group or a share of those polled right before "who" is its subject.
  if (t.lower === 'who' && sentenceOf[k - 1] === sentence) {
    const head = tokens[k - 1]!;
    const share = shareStart(tokens, k - 1, (i) => i >= 0 && sentenceOf[i] === sentence);
    const first = share >= 0 ? share : HUMAN_GROUP_NOUNS.has(head.lower) ? groupStart(ctx, k - 1) : -1;
    // "Voters who said the economy mattered most were evenly divided": a group that opens its sentence is the main
    // clause's subject, whose verb would end the reported words at a point no rule here finds.
    if (first >= 0 && !opensClauseAt(ctx, first)) return { found: true, actor: null, first, last: k, source: [first, k] };
  }
  const affiliated = actorBeforeAffiliation(ctx, k);
  if (affiliated) return { found: true, actor: affiliated.actor, first: affiliated.lead, last: k + 1 };
  const mention = ctx.mentionEndingAt.get(k);
  if (mention) {
    if (mention.possessive) return NOT_FOUND;
    // "China's mission to the EU said": a name governed by a preposition is not the subject ("for"/"of" name
    // the owner of a spokesperson and are handled as such).
    if (isComplement(ctx, mention.lead))
      return { found: true, actor: null, first: complementedHeadStart(ctx, mention.lead), last: k + 1 };
    return { found: true, actor: mention.actor, first: mention.lead, last: k + 1 };
  }
  if (ctx.placeTokens[k]) return NOT_FOUND;
  if (t.lower === 'and' || t.lower === 'but') {
    // "Cook called the quarter extraordinary and said …": a coordinated verb shares the sentence subject.
    const main = coordinatedSubject(ctx, k);
    return main ? mainSubjectResolution(ctx, main, k + 1, k + 1) : openingSubject(ctx, k);
  }
  if (t.text === ',') {
    // "His lawyer, Daniel Reyes, said": the name set off by commas right before the verb is the subject.
    const named = ctx.mentionEndingAt.get(k - 1);
    if (
      named &&
      !named.possessive &&
      (tokens[named.lead - 1]?.text === ',' || tokens[named.first - 1]?.text === ',') &&
      sentenceOf[k - 1] === sentence
    )
      return { found: true, actor: named.actor, first: named.lead, last: k };
    return appositiveSubject(ctx, k);
  }
  // "Twenty-four percent said", "nearly half say", "Six in 10 said": a share of those polled (share-of-respondents.ts).
  const share = shareStart(tokens, k, (i) => i >= 0 && sentenceOf[i] === sentence);
  if (share >= 0) return { found: true, actor: null, first: share, last: k + 1 };
  if (!t.isWord) return NOT_FOUND;
  if (HUMAN_GROUP_NOUNS.has(t.lower)) return { found: true, actor: null, first: descriptionStart(ctx, k), last: k + 1 };
  if (t.isCap) {
    // "the Spaniard said", "the 30-year-old American said": a capitalised head after a determiner is a description.
    const first = descriptionStart(ctx, k);
    if (first < k) return { found: true, actor: describedActor(ctx, first, k + 1), first, last: k + 1 };
    return { found: !ctx.doc.initial[k] || tokens[k + 1]?.isCap === true, actor: null, first: k, last: k + 1 };
  }
  // "Hillary Clinton's campaign said", "Bernie Sanders' campaign says": a name's voice speaks for it.
  const voiceOf = VOICE_NOUNS.has(t.lower) ? voiceOwnerBefore(ctx, k) : undefined;
  if (voiceOf) return { found: true, actor: voiceOf.actor, first: voiceOf.lead, last: k + 1 };
  // "her campaign said", "his spokesman said": the voice of whoever the possessive pronoun refers to.
  const pronounOwner =
    VOICE_NOUNS.has(t.lower) && sentenceOf[k - 1] === sentence ? ctx.salience.otherPronouns.get(k - 1) : undefined;
  if (pronounOwner !== undefined && pronounOwner !== null) return { found: true, actor: pronounOwner, first: k - 1, last: k + 1 };
  const first = descriptionStart(ctx, k);
  const owner = ownerBefore(ctx, first, k + 1);
  if (owner) return owner;
  if (PREPOSITIONS.has(tokens[first - 1]?.lower ?? '') && sentenceOf[first - 1] === sentence) {
    // "Jeb Bush in a Medium post said": a setting between a name and its verb.
    const setting = SETTING_PREPOSITIONS.has(tokens[first - 1]!.lower) && !RELATIVE_OR_SUBORDINATE_OPENERS.has(t.lower);
    const named = setting ? ctx.mentionEndingAt.get(first - 2) : undefined;
    if (named && !named.possessive && startsClause(ctx, named.lead))
      return { found: true, actor: named.actor, first: named.lead, last: k + 1 };
    // "a source close to the presenter said", "people familiar with the matter said": the description is a
    // complement; its head names nobody. The subject runs back over its head to the clause's start.
    return { found: true, actor: null, first: complementedHeadStart(ctx, first), last: k + 1 };
  }
  const actor = describedActor(ctx, first, k + 1);
  const determined = DESCRIPTION_OPENERS.has(tokens[first]!.lower);
  if (actor === null && !determined) return NOT_FOUND;
  return { found: true, actor, first, last: k + 1 };
}

/**
 * The token at `k` opens its clause: the sentence, or after a comma, a conjunction ("while Jeb Bush …") or a
 * sentence-initial adverb ("Meanwhile Jeb Bush …").
 */
function startsClause(ctx: AnalysisContext, k: number): boolean {
  const { tokens, sentenceOf, initial } = ctx.doc;
  const prev = tokens[k - 1];
  if (!prev || sentenceOf[k - 1] !== sentenceOf[k]) return true;
  if (prev.text === ',' || CLAUSE_CONJUNCTIONS.has(prev.lower)) return true;
  return initial[k - 1] === 1 && prev.isWord && !ctx.mentionEndingAt.has(k - 1);
}

/** Prepositions that open the setting of a statement (`in a Medium post`, `on Twitter`). */
const SETTING_PREPOSITIONS = new Set(['in', 'on', 'at', 'via', 'during', 'through']);

const CONTRAST_OPENERS = new Set(['while', 'whereas']);
const CLAUSE_CONJUNCTIONS = new Set([...CONTRAST_OPENERS, 'and', 'but']);
const CONTRAST_LEAD_MAX = 4;

/** "while Mike Huckabee", "while former Gov. Mike Huckabee": a contrasting clause opens a few words before `token`. */
function opensContrast(ctx: AnalysisContext, token: number): boolean {
  const { tokens } = ctx.doc;
  for (let j = token - 1; j >= 0 && token - j <= CONTRAST_LEAD_MAX; j -= 1) {
    if (CONTRAST_OPENERS.has(tokens[j]!.lower)) return true;
    if (!tokens[j]!.isWord) return false;
  }
  return false;
}

/**
 * The subject a verb coordinated at `and` shares: that of the nearest clause before it ("Jindal signed an order, while
 * Huckabee proposed … and said …"), else the sentence's main subject.
 */
function coordinatedSubject(ctx: AnalysisContext, and: number): SubjectEvent | undefined {
  const { events } = ctx.salience;
  const sentence = ctx.doc.sentenceOf[and];
  for (let e = lastEventBefore(events, and); e >= 0 && events[e]!.sentence === sentence; e -= 1) {
    const ev = events[e]!;
    // Only a contrasting clause has a subject of its own that the verb may share; "that", "when" and "as" clauses do not.
    if (ev.weight >= 2 && opensContrast(ctx, ev.token)) return ev;
    if (ev.weight >= 2) break;
  }
  return mainSubject(ctx.doc, ctx.salience, and);
}

/**
 * How far into its sentence the first verb of an opening subject may stand ("A spokesman for Mayor Frank G. Jackson of
 * Cleveland defended").
 */
const OPENING_SUBJECT_MAX = 14;

/** Irregular past forms common after a subject in news copy ("met", "took", "won"). */
const IRREGULAR_PASTS = new Set(
  'met took made won lost kept gave went came ran began held left led sent spent thought brought bought sought felt got built paid sat stood fought became'.split(
    ' ',
  ),
);

/** "refused", "runs", "said", "met", "is": a word that may be the finite verb after a sentence's subject. */
function mayBeFiniteVerb(lower: string): boolean {
  if (FINITE_WORDS.has(lower) || IRREGULAR_PASTS.has(lower) || isFiniteSpeechVerb(lower)) return true;
  return lower.length > 3 && (lower.endsWith('ed') || (lower.endsWith('s') && !lower.endsWith('ss')));
}

/**
 * "The spokesman refused to answer questions but said …", "Some senators vented about Sanders and said …": when no
 * actor is the sentence's subject, a verb coordinated at `and` shares the description that opens the sentence, the
 * subject of its first verb.
 */
function openingSubject(ctx: AnalysisContext, and: number): SubjectResolution {
  const { tokens, sentenceOf } = ctx.doc;
  // `they want “justice for Terrence,” but pledged …`: after a quote the verb may open another clause.
  const before = tokens[and - 1]?.text === ',' ? and - 2 : and - 1;
  if (!tokens[before]?.isWord) return NOT_FOUND;
  let start = and;
  while (start > 0 && sentenceOf[start - 1] === sentenceOf[and]) start -= 1;
  for (let j = start + 1; j < and && j - start <= OPENING_SUBJECT_MAX; j += 1) {
    const w = tokens[j]!;
    const prev = tokens[j - 1]!.lower;
    // A verb after "and" is no first verb (and its subject would be looked for here again).
    if (!w.isWord || w.isCap || DETERMINERS.has(prev) || prev === 'and' || prev === 'but' || !mayBeFiniteVerb(w.lower)) continue;
    const subject = subjectBefore(ctx, j);
    if (!subject.found || subject.last !== j) continue;
    // "The crowd cheered when Trump spotted a sign and asked …", "… a focal point for demonstrators, who have taken to
    // the streets and called for …": a later clause's subject is the nearer one.
    if (subjectEventBetween(ctx, j, and) || opensClauseBetween(ctx, j, and)) return NOT_FOUND;
    const described = subject.actor === null && subject.pronoun === undefined;
    // "A spokesman for the mayor defended": a description's subject may be the complement of the opening words.
    if (subject.first !== start && !(described && complementOfOpening(ctx, start, subject.first))) continue;
    return { ...subject, first: and + 1, last: and + 1, ...(described ? { source: [start, j] as const } : {}) };
  }
  return NOT_FOUND;
}

/**
 * Where the group whose head noun is at `head` starts: "critics", "Republican voters", "many Democratic voters", "the
 * critics" (a capitalised modifier inside the sentence, then a determiner or quantifier), never the verb before it.
 */
function groupStart(ctx: AnalysisContext, head: number): number {
  const { tokens, sentenceOf, initial } = ctx.doc;
  const inSentence = (k: number) => k >= 0 && sentenceOf[k] === sentenceOf[head];
  let first = head;
  if (inSentence(first - 1) && tokens[first - 1]!.isCap && !initial[first - 1]) first -= 1;
  const before = tokens[first - 1]?.lower ?? '';
  if (inSentence(first - 1) && (DETERMINERS.has(before) || QUANTIFIERS.has(before))) first -= 1;
  return first;
}

/** Whether a clause subject the salience tracker saw stands in tokens [first, last) of one sentence. */
function subjectEventBetween(ctx: AnalysisContext, first: number, last: number): boolean {
  const { events } = ctx.salience;
  for (let e = lastEventBefore(events, last); e >= 0 && events[e]!.token >= first; e -= 1)
    if (events[e]!.weight >= 2) return true;
  return false;
}

/** Whether a relative or subordinate clause opens in tokens [first, last) ("who", "which", "when"). */
function opensClauseBetween(ctx: AnalysisContext, first: number, last: number): boolean {
  for (let k = first; k < last; k += 1) {
    const lower = ctx.doc.tokens[k]!.lower;
    if (RELATIVE_OR_SUBORDINATE_OPENERS.has(lower) || lower.startsWith('who') || SUBORDINATORS.has(lower)) return true;
  }
  return false;
}

/** Whether the words [start, complement) open a description whose complement starts at `complement` ("A spokesman for"). */
function complementOfOpening(ctx: AnalysisContext, start: number, complement: number): boolean {
  const { tokens } = ctx.doc;
  if (!PREPOSITIONS.has(tokens[complement - 1]?.lower ?? '')) return false;
  for (let k = start; k < complement - 1; k += 1) {
    const t = tokens[k]!;
    if (!t.isWord || PREPOSITIONS.has(t.lower) || MODIFIER_STOPS.has(t.lower)) return false;
  }
  return true;
}

/**
 * The sentence's main subject as the speaker of a verb that has none of its own ("He then defended the remark,
 * saying, …"); a pronoun subject is kept, so that it is recorded as a mention of the speaker.
 */
export function mainSubjectResolution(ctx: AnalysisContext, main: SubjectEvent, first: number, last: number): SubjectResolution {
  const isPronoun = SUBJECT_PRONOUN_KINDS.has(ctx.doc.tokens[main.token]!.lower);
  return { found: true, actor: main.actor, first, last, ...(isPronoun ? { pronoun: main.token } : {}) };
}

/** "said commuter Sarah Malik": lower-case role words a name may follow. */
const LOWER_WORDS_BEFORE_NAME = 3;

/** Subject after an inverted attribution: `said Prime Minister Keir Starmer`, `said a spokesperson for X`. */
export function subjectAfter(ctx: AnalysisContext, verb: number): SubjectResolution {
  const { tokens, sentenceOf } = ctx.doc;
  const k = verb + 1;
  const t = tokens[k];
  if (!t || sentenceOf[k] !== sentenceOf[verb]) return NOT_FOUND;
  if (SUBJECT_PRONOUN_KINDS.has(t.lower))
    return { found: true, actor: pronounSpeaker(ctx, k), first: k, last: k + 1, pronoun: k };
  const direct = ctx.mentionStartingAt.get(k);
  if (direct) return { found: true, actor: direct.actor, first: k, last: direct.last };
  // A description, possibly naming its organisation: "a spokesperson for the Kremlin".
  let e = k;
  while (e < tokens.length && e - k < 8 && sentenceOf[e] === sentenceOf[verb] && !DESCRIPTION_STOP.has(tokens[e]!.text)) e += 1;
  if (e === k) return NOT_FOUND;
  const owner = ownerInside(ctx, k, e);
  if (owner) return owner;
  // "said commuter Sarah Malik", "said Republican political consultant Chris Russell", "said Florida's Rick Wilson",
  // "according to a Congressional Budget Office estimate": a name after a few role words is the source.
  for (let j = k; j < e && j - k <= LOWER_WORDS_BEFORE_NAME; j += 1) {
    const m = ctx.mentionStartingAt.get(j);
    if (m && !m.possessive) return { found: true, actor: m.actor, first: k, last: Math.max(m.last, j + 1) };
    if (m) j = m.last - 1;
    else if (!tokens[j]!.isWord) break;
  }
  let headEnd = e;
  for (let j = k; j < e; j += 1) if (ctx.mentionStartingAt.has(j)) headEnd = Math.min(headEnd, j);
  const actor = describedActor(ctx, k, headEnd);
  const found = DESCRIPTION_OPENERS.has(t.lower) || actor !== null || tokensMatch(ctx, k, headEnd, HUMAN_GROUP_NOUNS);
  // "said his best friend at Lehigh, Bruce Turry, who …": a person named in apposition to the description is the speaker.
  const named = found && actor === null ? appositiveName(ctx, e) : undefined;
  if (named) return { found: true, actor: named.actor, first: k, last: named.last };
  return { found, actor, first: k, last: e };
}

/**
 * The person named right after the comma at `comma` and closed by a comma or the sentence's end ("said his friend,
 * Bruce Turry, who …"), if any; a name that goes on into a clause ("According to a poll, Tom Reyes leads …") is none.
 */
function appositiveName(ctx: AnalysisContext, comma: number): ReturnType<typeof ctx.mentionStartingAt.get> {
  const { tokens, sentenceOf } = ctx.doc;
  if (tokens[comma]?.text !== ',') return undefined;
  const named = ctx.mentionStartingAt.get(comma + 1);
  if (!named || named.possessive || ctx.actors[named.actor]!.kind !== 'person') return undefined;
  const after = tokens[named.last];
  const closes = !after || after.text === ',' || after.text === '.' || sentenceOf[named.last] !== sentenceOf[comma];
  return closes ? named : undefined;
}

function tokensMatch(ctx: AnalysisContext, first: number, last: number, words: ReadonlySet<string>): boolean {
  for (let j = first; j < last; j += 1) if (words.has(ctx.doc.tokens[j]!.lower)) return true;
  return false;
}

/** Narrative sentences back that a speaking pronoun may reach for its most recent fitting subject. */
const PRONOUN_SPEAKER_REACH = 4;

/**
 * The actor a speaking pronoun ("…," she said) denotes: the salience winner, else, when salience found the passage
 * ambiguous, the most recent subject the pronoun fits (speech verbs mostly follow their speaker's own sentence).
 */
function pronounSpeaker(ctx: AnalysisContext, k: number): number | null {
  const resolved = ctx.salience.pronouns.get(k);
  if (resolved !== undefined && resolved !== null) return resolved;
  const kind = SUBJECT_PRONOUN_KINDS.get(ctx.doc.tokens[k]!.lower);
  if (!kind) return null;
  const { events } = ctx.salience;
  const here = ctx.doc.narrativeIndex[ctx.doc.sentenceOf[k]!]!;
  for (let e = lastEventBefore(events, k); e >= 0; e -= 1) {
    const ev = events[e]!;
    if (here - ctx.doc.narrativeIndex[ev.sentence]! > PRONOUN_SPEAKER_REACH) break;
    if (pronounFit(kind, ctx.actors[ev.actor]!) > 0) return ev.actor;
  }
  return null;
}

/** Words before an "it" that is a relative clause's subject ("what it calls"), which refers to the clause's antecedent. */
const IT_RELATIVES = new Set(['what', 'which', 'that', 'whom']);

/** Words between "it" and its speech verb that keep the verb active ("it also said", "it has said"). */
const IT_VERB_PADDING = new Set(['also', 'has', 'had', 'previously', 'then', 'later', 'further']);

/**
 * "Twitter suspended 125,000 accounts. It said …": "it" right before a speech verb is the organisation that was the
 * subject of this or the previous sentence; not "it is said", "it appears" or "it seems", nor an "it" whose passage is
 * about a person.
 */
function organisationForIt(ctx: AnalysisContext, k: number, verb: number): number | null {
  const { tokens } = ctx.doc;
  const lexicon = speechVerb(tokens[verb]?.lower ?? '');
  // "several included on it told POLITICO" (an object), "a company … building what it calls …" (the relative clause's
  // own antecedent): no organisation the passage is about.
  const before = tokens[k - 1]?.lower ?? '';
  if (!lexicon || lexicon.thatOnly || PREPOSITIONS.has(before) || IT_RELATIVES.has(before)) return null;
  for (let j = k + 1; j < verb; j += 1) if (!IT_VERB_PADDING.has(tokens[j]!.lower)) return null;
  const { events } = ctx.salience;
  const here = ctx.doc.narrativeIndex[ctx.doc.sentenceOf[k]!]!;
  for (let e = lastEventBefore(events, k); e >= 0; e -= 1) {
    const ev = events[e]!;
    if (here - ctx.doc.narrativeIndex[ev.sentence]! > 1) break;
    if (ev.weight < 2) continue;
    return ctx.actors[ev.actor]!.kind === 'organization' ? ev.actor : null;
  }
  return null;
}

const NON_OWNER_PREPOSITIONS = new Set(['to', 'with', 'in', 'on', 'from', 'near', 'about', 'against', 'into', 'by']);

function isComplement(ctx: AnalysisContext, lead: number): boolean {
  const { tokens, sentenceOf } = ctx.doc;
  const k = DETERMINERS.has(tokens[lead - 1]?.lower ?? '') ? lead - 2 : lead - 1;
  return k >= 0 && sentenceOf[k] === sentenceOf[lead] && NON_OWNER_PREPOSITIONS.has(tokens[k]!.lower);
}

/** The actor a description denotes: by the role it names, else by what it says about someone named earlier. */
function describedActor(ctx: AnalysisContext, first: number, last: number): number | null {
  return resolveDescription(ctx.doc, ctx.descriptionIndex(), first, last) ?? descriptionAntecedent(ctx, first, last);
}

/**
 * "the RMT union said" and "a spokesperson for the RMT union said": an organisation named right before an
 * organisation noun is the speaker, and so is the organisation a spokesperson speaks for.
 */
function ownerBefore(ctx: AnalysisContext, first: number, last: number): SubjectResolution | null {
  const { tokens } = ctx.doc;
  const inner = ctx.mentionEndingAt.get(last - 2);
  if (!inner || inner.lead < first || inner.possessive || ctx.actors[inner.actor]!.kind !== 'organization') return null;
  if (!ORG_DESCRIPTOR_NOUNS.has(tokens[last - 1]!.lower)) return null;
  const via = tokens[first - 1];
  if (via && (via.lower === 'for' || via.lower === 'of') && SPOKESPERSON_WORDS.has(tokens[first - 2]?.lower ?? '')) {
    const lead = DETERMINERS.has(tokens[first - 3]?.lower ?? '') ? first - 3 : first - 2;
    return { found: true, actor: inner.actor, first: lead, last };
  }
  return { found: true, actor: inner.actor, first, last };
}

function descriptionStart(ctx: AnalysisContext, k: number): number {
  const { tokens, sentenceOf } = ctx.doc;
  let j = k;
  while (j - 1 >= 0 && k - j < 5 && sentenceOf[j - 1] === sentenceOf[k]) {
    const p = tokens[j - 1]!;
    const inner = ctx.mentionEndingAt.get(j - 1);
    if (inner) {
      // "the RMT union said": an organisation named inside the description only modifies it; so does a person named
      // right after its opener ("a Warren adviser said", "one Trump campaign source said").
      if (inner.possessive) break;
      const modifier =
        ctx.actors[inner.actor]!.kind === 'organization' ||
        (!tokens[k]!.isCap && DESCRIPTION_OPENERS.has(tokens[inner.lead - 1]?.lower ?? ''));
      if (!modifier) break;
      j = inner.lead;
      continue;
    }
    if (!p.isWord) break;
    j -= 1;
    if (DESCRIPTION_OPENERS.has(p.lower)) break;
  }
  if (DESCRIPTION_OPENERS.has(tokens[j]!.lower) || j === k) return j;
  return modifiedHeadStart(ctx, k);
}

const MODIFIERS_MAX = 3;

/**
 * "…, senior officials said", "Federal officials said": up to three words from the clause's start that are no
 * conjunction, preposition or helper verb and name nobody modify the head at `k`; the first of them, or `k` when the
 * words before it do not open a clause.
 */
function modifiedHeadStart(ctx: AnalysisContext, k: number): number {
  const { tokens } = ctx.doc;
  for (let j = k; j > 0 && k - j <= MODIFIERS_MAX; j -= 1) {
    if (opensClauseAt(ctx, j)) return j;
    const p = tokens[j - 1]!;
    if (!p.isWord || MODIFIER_STOPS.has(p.lower) || ctx.mentionEndingAt.has(j - 1)) return k;
  }
  return k;
}

/** Adjectives that take a complement naming whom an unnamed source knows: "familiar with", "close to". */
const SOURCE_COMPLEMENT_ADJECTIVES = new Set([
  'familiar',
  'close',
  'briefed',
  'knowledgeable',
  'involved',
  'informed',
  'privy',
  'loyal',
  'allied',
  'near',
]);

/**
 * "people familiar with the matter", "a person briefed on the talks", "aides close to Mr. Biden": where the subject
 * starts whose complement starts at `complement` (after its preposition), or `complement` when the words before are no
 * such head.
 */
function complementedHeadStart(ctx: AnalysisContext, complement: number): number {
  const { tokens } = ctx.doc;
  const adjective = complement - 2;
  if (!SOURCE_COMPLEMENT_ADJECTIVES.has(tokens[adjective]?.lower ?? '')) return complement;
  const head = adjective - 1;
  const t = tokens[head];
  if (!t?.isWord || ctx.doc.sentenceOf[head] !== ctx.doc.sentenceOf[complement]) return complement;
  const start = descriptionStart(ctx, head);
  return start < head || opensClauseAt(ctx, head) ? start : complement;
}

/** Words no modifier of a description's head is: conjunctions, relatives, verbs' helpers, prepositions. */
const MODIFIER_STOPS: ReadonlySet<string> = new Set([
  ...'and or but nor so yet that which who whom whose than as'.split(' '),
  ...VERB_PADDING,
  ...PREPOSITIONS,
  ...SUBORDINATORS,
]);

/** Token `j` opens its clause: the sentence, or right after a comma, a colon or a dash. */
function opensClauseAt(ctx: AnalysisContext, j: number): boolean {
  const { tokens, sentenceOf } = ctx.doc;
  const prev = tokens[j - 1];
  return (
    !prev || sentenceOf[j - 1] !== sentenceOf[j] || prev.text === ',' || prev.text === ':' || PARENTHETICAL_DASHES.has(prev.text)
  );
}

const APPOSITIVE_MAX = 32;

/** "Smith, the company's chief executive, said": the name before the appositive is the subject. */
function appositiveSubject(ctx: AnalysisContext, comma: number): SubjectResolution {
  const { tokens, sentenceOf } = ctx.doc;
  for (let j = comma - 1; j > 0 && comma - j < APPOSITIVE_MAX && sentenceOf[j] === sentenceOf[comma]; j -= 1) {
    if (tokens[j]!.text !== ',') continue;
    // "When arguments resonate with voters, candidates have more room, said …": a clause is no appositive.
    if (opensClause(ctx, j + 1, comma)) return NOT_FOUND;
    const m =
      ctx.mentionEndingAt.get(j - 1) ??
      mentionBeforeParenthetical(ctx, j - 1) ??
      actorBeforeAffiliation(ctx, j - 1) ??
      mentionBeforeAge(ctx, j - 1);
    if (m && !m.possessive) return { found: true, actor: m.actor, first: m.lead, last: comma };
    if (SUBJECT_PRONOUN_KINDS.has(tokens[j - 1]!.lower)) {
      return { found: true, actor: pronounSpeaker(ctx, j - 1), first: j - 1, last: comma, pronoun: j - 1 };
    }
    // "A senior official, who asked not to be named, said": a described speaker before the appositive.
    const head = tokens[j - 1]!;
    if (head.isWord && !head.isCap && (TITLE_WORDS.has(head.lower) || HUMAN_GROUP_NOUNS.has(head.lower))) {
      const first = descriptionStart(ctx, j - 1);
      if (DETERMINERS.has(tokens[first]!.lower) || HUMAN_GROUP_NOUNS.has(head.lower))
        return { found: true, actor: resolveDescription(ctx.doc, ctx.descriptionIndex(), first, j), first, last: comma };
    }
    return NOT_FOUND;
  }
  return NOT_FOUND;
}

/** Words that open a relative or subordinate clause; any word starting "who" ("who", "whose", "who's") does too. */
const RELATIVE_OR_SUBORDINATE_OPENERS = new Set(['which', 'that', 'when', 'where', 'while', 'after', 'before', 'as']);

/** Whether tokens [first, last) read as a clause (a finite verb, not inside a relative clause) rather than an appositive. */
function opensClause(ctx: AnalysisContext, first: number, last: number): boolean {
  const { tokens } = ctx.doc;
  for (let k = first; k < last; k += 1) {
    const lower = tokens[k]!.lower;
    if (RELATIVE_OR_SUBORDINATE_OPENERS.has(lower) || lower.startsWith('who')) return false;
    if (FINITE_WORDS.has(lower)) return k > first;
  }
  return false;
}

/** "Rep. Gregory Meeks (D-N.Y.), chairman of …": the name before a short parenthetical that ends at `close`. */
function mentionBeforeParenthetical(ctx: AnalysisContext, close: number): MentionRef | undefined {
  const { tokens } = ctx.doc;
  if (tokens[close]?.text !== ')') return undefined;
  for (let open = close - 1; open > 0 && close - open <= 8; open -= 1) {
    if (tokens[open]!.text === ')') return undefined;
    if (tokens[open]!.text === '(') return ctx.mentionEndingAt.get(open - 1);
  }
  return undefined;
}

const AFFILIATION_WORDS = new Set(['of', 'from', 'at']);

/**
 * "Karlyn Bowman of the American Enterprise Institute said", "Senator Ted Cruz of Texas said": the actor named before
 * "of", "from" or "at" and the organisation or place that ends at `end`.
 */
function actorBeforeAffiliation(ctx: AnalysisContext, end: number): MentionRef | undefined {
  const { tokens } = ctx.doc;
  const org = ctx.mentionEndingAt.get(end);
  let first = end;
  if (org && !org.possessive && ctx.actors[org.actor]!.kind === 'organization') first = org.lead;
  else if (ctx.placeTokens[end]) while (first > 0 && ctx.placeTokens[first - 1]) first -= 1;
  else return undefined;
  if (DETERMINERS.has(tokens[first - 1]?.lower ?? '')) first -= 1;
  if (!AFFILIATION_WORDS.has(tokens[first - 1]?.lower ?? '')) return undefined;
  const named = ctx.mentionEndingAt.get(first - 2);
  return named && !named.possessive ? named : undefined;
}

/** "Jillian Chase, 27, …": the name before an age set off by commas, the age ending at `end`. */
function mentionBeforeAge(ctx: AnalysisContext, end: number): MentionRef | undefined {
  const { tokens } = ctx.doc;
  if (!/^\d{1,3}$/.test(tokens[end]?.text ?? '') || tokens[end - 1]?.text !== ',') return undefined;
  return ctx.mentionEndingAt.get(end - 2);
}

/** In "a spokesperson for X" the speaker is X. */
function ownerInside(ctx: AnalysisContext, from: number, to: number): SubjectResolution | null {
  const { tokens } = ctx.doc;
  for (let j = from; j < to - 1; j += 1) {
    const lower = tokens[j]!.lower;
    // "a new report by Politico": the author of a document speaks through it.
    if (lower !== 'for' && lower !== 'of' && lower !== 'at' && lower !== 'by') continue;
    let k = j + 1;
    if (DETERMINERS.has(tokens[k]?.lower ?? '')) k += 1;
    const m = ctx.mentionStartingAt.get(k) ?? ctx.mentionStartingAt.get(j + 1);
    if (m) return { found: true, actor: m.actor, first: from, last: Math.max(to, m.last) };
  }
  return null;
}

/** `Joyce — who is listed as an attorney in Illinois — told …`: the name before a parenthetical between dashes. */
function subjectBeforeDashes(ctx: AnalysisContext, close: number): SubjectResolution {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  for (let open = close - 1; open > 0 && close - open <= DASH_PARENTHETICAL_MAX; open -= 1) {
    if (sentenceOf[open] !== sentenceOf[close] || quoteOf[open] !== -1) return NOT_FOUND;
    if (!PARENTHETICAL_DASHES.has(tokens[open]!.text)) continue;
    const m = ctx.mentionEndingAt.get(open - 1);
    return m && !m.possessive ? { found: true, actor: m.actor, first: m.lead, last: close } : NOT_FOUND;
  }
  return NOT_FOUND;
}

/** Words from its sentence's start within which a voice noun is that sentence's subject ("The Clinton campaign"). */
const VOICE_SUBJECT_REACH = 5;

/**
 * `Ryan's campaign shrugged off the comments, telling reporters, “…”`: when the sentence opens with a name's voice
 * (its campaign, office or spokesperson), that name speaks for the sentence's participles; undefined otherwise.
 */
export function voiceSubjectOfSentence(ctx: AnalysisContext, token: number): SubjectResolution | undefined {
  const sentence = ctx.doc.sentences[ctx.doc.sentenceOf[token]!]!;
  const reach = Math.min(token, sentence.first + VOICE_SUBJECT_REACH);
  for (let k = sentence.first + 1; k < reach; k += 1) {
    if (!VOICE_NOUNS.has(ctx.doc.tokens[k]!.lower)) continue;
    const owner = voiceOwnerBefore(ctx, k);
    const opens = owner && (owner.lead === sentence.first || ctx.doc.tokens[owner.lead - 1]?.lower === 'the');
    return opens ? { found: true, actor: owner.actor, first: owner.lead, last: k + 1 } : undefined;
  }
  return undefined;
}

/**
 * The name whose voice the noun at `k` is: a possessive right before it ("Clinton's", or a name ending in "s" and a
 * bare apostrophe: "Sanders' "), or a person's name between "the" and it ("the Clinton campaign").
 */
function voiceOwnerBefore(ctx: AnalysisContext, k: number): MentionRef | undefined {
  const { tokens, sentenceOf } = ctx.doc;
  const direct = ctx.mentionEndingAt.get(k - 1);
  if (direct && sentenceOf[k - 1] === sentenceOf[k]) {
    if (direct.possessive) return direct;
    const person = ctx.actors[direct.actor]!.kind === 'person';
    if (person && tokens[direct.first - 1]?.lower === 'the' && sentenceOf[direct.first - 1] === sentenceOf[k]) return direct;
  }
  if (!BARE_APOSTROPHES.has(tokens[k - 1]?.text ?? '') || sentenceOf[k - 2] !== sentenceOf[k]) return undefined;
  const named = ctx.mentionEndingAt.get(k - 2);
  return named && /s$/i.test(tokens[k - 2]!.text) ? named : undefined;
}

/**
 * `with Donald Trump reportedly yelling: “…”`, `footage of Trump saying, “…”`: the name (not a possessive) that ends
 * right before a participle or its -ly adverb, which may be the participle's subject; each caller says when it is
 * (quote-extractor.ts: unless it is a setting or an addressee; reported-speech-extractor.ts: for a characterising
 * verb or after "with").
 */
export function nameBeforeParticiple(ctx: AnalysisContext, v: number): MentionRef | undefined {
  const j = isLyAdverb(ctx.doc.tokens[v - 1]?.text ?? '') ? v - 2 : v - 1;
  const named = ctx.mentionEndingAt.get(j);
  return named && !named.possessive ? named : undefined;
}

/** Longest setting between a speech verb and the comma before a participle ("said on Tuesday, adding"). */
const SAID_THEN_PARTICIPLE_GAP = 4;

/**
 * "…, Nefzi said on Tuesday, adding, “…”", "…, said Tom Nefzi, adding that …": the subject of the finite speech verb
 * that ends the clause before the comma at `comma`, whom a participle after the comma continues; null when no such
 * verb names an actor.
 */
export function subjectOfVerbBefore(ctx: AnalysisContext, comma: number): SubjectResolution | null {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  for (let j = comma - 1; j >= 0 && comma - j <= SAID_THEN_PARTICIPLE_GAP + 1; j -= 1) {
    const t = tokens[j]!;
    if (sentenceOf[j] !== sentenceOf[comma] || quoteOf[j] !== -1 || !t.isWord) return null;
    if (!isFiniteSpeechVerb(t.lower)) continue;
    const before = subjectBefore(ctx, j);
    if (before.found && before.actor !== null) return before;
    const after = subjectAfter(ctx, j);
    return after.found && after.actor !== null && after.last === comma ? after : null;
  }
  return null;
}
