import { isFiniteSpeechVerb, speechVerb, type SpeechVerb } from '../lexicon/speech-verb-lexicon';
import {
  BE_FORMS,
  CLAUSE_BREAK_WORDS,
  CLAUSE_OPENERS,
  DETERMINERS,
  GENERIC_GROUP_NOUNS,
  HUMAN_GROUP_NOUNS,
  PARENTHETICAL_DASHES,
  PREPOSITIONS,
  QUANTIFIERS,
  SUBJECT_PRONOUN_KINDS,
  TIME_WORDS,
  TITLE_WORDS,
} from '../lexicon/word-lists';
import {
  countWords,
  FINITE_WORDS,
  isAdverbialTail,
  isFrontedAdverbial,
  isDemonstrativeThat,
  skipOccasion,
  TAIL_STOPS,
  demonstrativePhraseEnd,
} from './adverbial-phrases';
import type { AnalysisContext } from './analysis-context';
import { looksLikeSpeech } from './quote-extractor';
import { mainSubject } from './salience-tracker';
import { mainSubjectResolution, subjectAfter, subjectBefore, type SubjectResolution } from './speaker-resolver';
import { indirectDraft, type StatementDraft } from './statement-draft';

const THAT_LOOKAHEAD = 10;
/** Pronouns that open a clause as its subject (not "him", "them": "told them that …" still reaches its "that"). */
const CLAUSE_SUBJECTS = new Set(['i', 'we', 'you', 'he', 'she', 'it', 'they']);
const CONTENT_STOPS = new Set([';', '(', '—', '–', ':']);
/**
 * Clause words that, after a comma, go on with the reported content rather than end it: a relative clause on one of
 * its nouns ("said the bill, which passed Monday, would …"), a concession or a result ("…, even as …", "…, so he'll
 * have enough votes"). PolNeAR train annotates them inside the content.
 */
const CONTENT_CONTINUATIONS = new Set(['which', 'who', 'whom', 'whose', 'despite', 'even', 'yet', 'so']);
const TRAILING_PUNCT = new Set([',', '.', '!', '?', ':', ';', '…']);
const ING_RE = /^[a-z]{2,}ing$/;
const ADVERB_RE = /^[a-z]+ly$/;
const PAST_RE = /^[a-z]{3,}ed$/;
const POSSESSIVE_RE = /['’]s$/;
const AUDIENCE_MAX = 3;
const PROGRESSIVE_AUXILIARIES = new Set(['is', 'are', 'was', 'were']);
const OWNER_DETERMINERS = new Set(['his', 'her', 'their', 'its']);
/** Words between a parenthetical attribution's verb and its closing comma ("Mr. Bush said on Friday,"). */
const PARENTHETICAL_TAIL = 3;

interface Complement {
  contentFirst: number;
  cueLast: number;
  /** Content introduced by "that" or a preposition, rather than following the verb bare. */
  marked: boolean;
}

/**
 * Finds reported speech: speech/cognition verbs with a that-clause ("X said that …", "he emphasized that …"),
 * bare clauses after say-type verbs ("X said the talks …"), verb + preposition or object forms ("hinted at …",
 * "expressed his determination …"), participial attributions (", stating that …") and "according to X".
 * The content runs to the end of the sentence or the next clause boundary.
 */
export function extractReportedSpeech(ctx: AnalysisContext, usedVerbs: ReadonlySet<number>): StatementDraft[] {
  const { doc } = ctx;
  const { tokens, quoteOf, masked, sentenceOf } = doc;
  const out: StatementDraft[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    if (!t.isWord || quoteOf[i] !== -1 || masked[i] || usedVerbs.has(i)) continue;
    if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') {
      const s = accordingTo(ctx, i);
      if (s) out.push(s);
      continue;
    }
    if (t.isCap) continue;
    const verb = speechVerb(t.lower);
    if (!verb) continue;
    const prev = tokens[i - 1];
    const samePrev = prev && sentenceOf[i - 1] === sentenceOf[i] ? prev : undefined;
    // "Trump is insisting that …": a progressive is the finite verb, its subject before the auxiliary.
    const progressive = verb.form === 'ing' && samePrev !== undefined && PROGRESSIVE_AUXILIARIES.has(samePrev.lower);
    if (
      !progressive &&
      samePrev &&
      (DETERMINERS.has(samePrev.lower) ||
        BE_FORMS.has(samePrev.lower) ||
        samePrev.lower === 'to' ||
        POSSESSIVE_RE.test(samePrev.text))
    )
      continue;
    // "the 15 states that have held caucuses", "several reports": a counted plural is a noun, not a speech verb.
    if (verb.form === 'third' && samePrev && (/^\d/.test(samePrev.text) || QUANTIFIERS.has(samePrev.lower))) continue;
    // "in her opening remarks that …": after a determiner and a participle the -s form is a plural noun.
    if (verb.form === 'third' && samePrev && /^[a-z]+ing$/.test(samePrev.text) && DETERMINERS.has(tokens[i - 2]?.lower ?? ''))
      continue;

    let subject: SubjectResolution;
    let cueFirst: number;
    if (progressive) {
      subject = subjectBefore(ctx, i - 1);
      // A person or a body ("it is demanding" is an adjective).
      if (!subject.found || !isPersonLikeSource(ctx, subject)) continue;
      cueFirst = subject.first;
    } else if (verb.form === 'ing') {
      // ", saying …", or after a quoted phrase whose comma sits inside the marks: `defense of "New York values," saying …`.
      const closesQuote = samePrev !== undefined && quoteOf[i - 1] !== -1 && doc.quotes[quoteOf[i - 1]!]!.close === i - 1;
      const afterComma = samePrev?.text === ',' || (closesQuote && tokens[i - 2]?.text === ',');
      if (!afterComma) continue;
      const main = mainSubject(doc, ctx.salience, i);
      if (!main) continue;
      subject = mainSubjectResolution(ctx, main, i, i + 1);
      cueFirst = i;
    } else {
      subject = subjectBefore(ctx, i);
      if (!subject.found && samePrev?.text === ',') subject = subjectAfter(ctx, i);
      if (!subject.found) continue;
      if (verb.form === 'base' && !isPluralSubject(ctx, subject)) continue;
      if (verb.needsAnimateSubject && !isAnimate(ctx, subject)) continue;
      if (isGenericSource(ctx, subject)) continue;
      cueFirst = Math.min(subject.first, i);
    }
    const asLead = verb.form === 'ing' ? null : asAttribution(ctx, i, subject);
    if (asLead) {
      out.push(asLead.draft);
      i = asLead.contentLast - 1;
      continue;
    }
    const trailing = verb.form === 'ing' ? null : trailingAttribution(ctx, i, subject, cueFirst);
    if (trailing) {
      // "…, aides said" / "…, the government said": a closing attribution that names nobody is too vague to keep.
      if (trailing.speaker !== null) out.push(trailing);
      continue;
    }
    const complement = findComplement(ctx, i, verb);
    if (!complement) continue;
    const contentLast = relativeClauseEnd(ctx, i, complement.contentFirst, contentEnd(ctx, complement.contentFirst));
    const words = countWords(ctx, complement.contentFirst, contentLast);
    if (words < (complement.marked ? 2 : 3)) continue;
    // "hinted at that in a news conference Monday": a setting alone reports nothing.
    if (PREPOSITIONS.has(tokens[complement.contentFirst]!.lower) && isFrontedAdverbial(ctx, complement.contentFirst, contentLast))
      continue;
    const start = tokens[complement.contentFirst]!.start;
    const end = tokens[contentLast - 1]!.end;
    out.push(indirectDraft(doc.body, start, end, tokens[cueFirst]!.start, tokens[complement.cueLast]!.end, subject));
    i = contentLast - 1;
  }
  return out;
}

/**
 * Whether the speech verb at `v` reports content of its own after it ("Rep. Darrell Issa said Clinton's judgment is in
 * question"): at least three words of a complement the verb takes.
 */
export function reportsOwnContent(ctx: AnalysisContext, v: number): boolean {
  const { tokens } = ctx.doc;
  const verb = speechVerb(tokens[v]?.lower ?? '');
  if (!verb || verb.lemma === 'tell') return false;
  const complement = findComplement(ctx, v, verb);
  if (!complement) return false;
  // A that-clause, or a bare clause that opens with its subject ("said the talks", "said Clinton's"), not an adverbial
  // ("said onstage Tuesday night", "said when asked").
  const first = tokens[complement.contentFirst]!;
  if (
    complement.marked
      ? tokens[complement.cueLast]!.lower !== 'that'
      : !(first.isCap || DETERMINERS.has(first.lower) || CLAUSE_SUBJECTS.has(first.lower))
  )
    return false;
  return countWords(ctx, complement.contentFirst, contentEnd(ctx, complement.contentFirst)) >= 3;
}

function isPluralSubject(ctx: AnalysisContext, s: SubjectResolution): boolean {
  const { tokens } = ctx.doc;
  const t = tokens[s.last - 1]!;
  if (t.lower === 'they' || HUMAN_GROUP_NOUNS.has(t.lower)) return true;
  // "Mr. Grassley and Mr. Leahy say": a coordinated subject is plural.
  if (tokens[s.first - 1]?.lower === 'and' && ctx.mentionEndingAt.has(s.first - 2)) return true;
  return s.actor !== null && ctx.actors[s.actor]!.kind === 'organization';
}

/** "Residents said …": an unnamed group of the public is not a source worth reporting. */
function isGenericSource(ctx: AnalysisContext, s: SubjectResolution): boolean {
  return s.actor === null && s.pronoun === undefined && GENERIC_GROUP_NOUNS.has(ctx.doc.tokens[s.last - 1]!.lower);
}

/** "according to a study": an unnamed source must at least be a person or an official body. */
function isPersonLikeSource(ctx: AnalysisContext, s: SubjectResolution): boolean {
  if (s.actor !== null || s.pronoun !== undefined) return true;
  for (let k = s.first; k < s.last; k += 1) {
    const lower = ctx.doc.tokens[k]!.lower;
    if (GENERIC_GROUP_NOUNS.has(lower)) return false;
    if (HUMAN_GROUP_NOUNS.has(lower) || TITLE_WORDS.has(lower)) return true;
  }
  return false;
}

function isAnimate(ctx: AnalysisContext, s: SubjectResolution): boolean {
  if (s.actor !== null || s.pronoun !== undefined) return true;
  return HUMAN_GROUP_NOUNS.has(ctx.doc.tokens[s.last - 1]!.lower);
}

/** Where the reported content starts after the verb at `v`, and where the cue ends. */
function findComplement(ctx: AnalysisContext, v: number, verb: SpeechVerb): Complement | null {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  const inSentence = (k: number): boolean => k < tokens.length && sentenceOf[k] === sentenceOf[v] && quoteOf[k] === -1;
  let k = v + 1;
  if (verb.lemma === 'point' && tokens[k]?.lower === 'out') k += 1;
  if (!inSentence(k)) return null;
  const aside = afterAside(ctx, k, inSentence);
  if (aside >= 0) {
    // "said — on Twitter, as it happens — that Trump raised …", "says, win or lose, he's staying in the race".
    const a = tokens[aside]!;
    if (a.lower === 'that' && inSentence(aside + 1)) return { contentFirst: aside + 1, cueLast: aside, marked: true };
    if (verb.bareClause && CLAUSE_SUBJECTS.has(a.lower.replace(CONTRACTION_RE, '')))
      return { contentFirst: aside, cueLast: v, marked: false };
    return null;
  }
  // "said that", "told reporters on Monday that", "said in a statement that".
  for (let j = k; j < k + THAT_LOOKAHEAD && inSentence(j); j += 1) {
    const t = tokens[j]!;
    if (t.lower === 'that') {
      if (isDemonstrativeThat(ctx, j)) return clauseAfterDemonstrative(ctx, j, inSentence);
      return inSentence(j + 1) ? { contentFirst: j + 1, cueLast: j, marked: true } : null;
    }
    // A subject or a verb starts the clause itself ("says it is hard to blame anyone for that").
    if (!t.isWord || speechVerb(t.lower) || CLAUSE_SUBJECTS.has(t.lower) || BE_FORMS.has(t.lower)) break;
  }
  const next = tokens[k]!;
  if (verb.preps.includes(next.lower)) return inSentence(k + 1) ? { contentFirst: k + 1, cueLast: k, marked: true } : null;
  if (verb.lemma === 'ask') return askedBy(ctx, v) ? questionAfter(ctx, k, inSentence) : null;
  // "explained how he expanded the business": what is explained is the clause its question word opens.
  if (verb.lemma === 'explain' && EXPLAINED_WORDS.has(next.lower) && inSentence(k + 1))
    return { contentFirst: k, cueLast: v, marked: true };
  if (verb.thatOnly || !next.isWord) return null;
  if (verb.objectContent && !PREPOSITIONS.has(next.lower))
    return objectIsProposition(ctx, k) ? { contentFirst: k, cueLast: v, marked: true } : null;
  if (!verb.bareClause) return null;
  k = skipOccasion(ctx, k, inSentence);
  if (!inSentence(k)) return null;
  const bareNext = tokens[k]!;
  if (!bareNext.isWord) return null;
  if (verb.lemma === 'tell') {
    // "told reporters the talks were over": skip the audience.
    let j = k;
    if (DETERMINERS.has(tokens[j]!.lower)) j += 1;
    const audienceStart = j;
    while (j < k + AUDIENCE_MAX && inSentence(j) && tokens[j]!.isWord && (tokens[j]!.isCap || j === audienceStart)) j += 1;
    // "told The Star-Ledger of Newark last week she would …": the audience's home and the occasion are the cue's.
    if (j > audienceStart && tokens[j]?.lower === 'of') {
      const home = j;
      j += 1;
      while (j < home + AUDIENCE_MAX && inSentence(j) && tokens[j]!.isCap) j += 1;
      if (j === home + 1) j = home;
    }
    const occasion = j > audienceStart ? skipOccasion(ctx, j, inSentence) : j;
    // After an occasion only a clause's subject may open the content ("told Mic in an interview published …" has none).
    if (occasion > j) {
      const opener = tokens[occasion];
      if (!opener || !(CLAUSE_SUBJECTS.has(opener.lower) || DETERMINERS.has(opener.lower) || opener.isCap)) return null;
      j = occasion;
    }
    // "told POLITICO before Ryan's interview": an adverbial, not a clause, follows the audience.
    if (j === audienceStart || !inSentence(j) || PREPOSITIONS.has(tokens[j]!.lower)) return null;
    return { contentFirst: j, cueLast: j - 1, marked: false };
  }
  if (PREPOSITIONS.has(bareNext.lower) || bareNext.lower === 'so' || bareNext.lower === 'yes') return null;
  // "…, said Richard Curtin, the chief economist …": a name the sentence or a comma ends is the verb's own subject.
  const inverted = ctx.mentionStartingAt.get(k);
  const afterName = inverted ? tokens[inverted.last] : undefined;
  if (
    inverted &&
    !inverted.possessive &&
    (!afterName || sentenceOf[inverted.last] !== sentenceOf[v] || afterName.text === ',' || afterName.text === '.')
  )
    return null;
  // "said no" / "said no to the deal" answer; "said no decision had been made" reports a clause.
  if (bareNext.lower === 'no' && (!tokens[k + 1]?.isWord || tokens[k + 1]!.lower === 'to' || !inSentence(k + 1))) return null;
  return { contentFirst: k, cueLast: k - 1, marked: false };
}

/** Words that open a reported question ("asked whether …", "asked Sanders how …"). */
const QUESTION_WORDS = new Set(['whether', 'if', 'how', 'what', 'why', 'who', 'when', 'where', 'which']);
/** Question words whose clause "explained" reports ("explained why …"; "explained if" is no English). */
const EXPLAINED_WORDS = new Set(['how', 'why', 'what', 'where', 'when']);
const OBJECT_PRONOUNS = new Set(['him', 'her', 'them', 'me', 'us', 'you']);
/** Longest unnamed audience before a reported question ("asked the crowd how …", "asked a local reporter why …"). */
const QUESTION_AUDIENCE_MAX = 4;

/**
 * Whether "asked" at `v` has a named or pronoun subject of its own: a reporter's or an unnamed voter's question is no
 * statement to track.
 */
function askedBy(ctx: AnalysisContext, v: number): boolean {
  const subject = subjectBefore(ctx, v);
  return subject.found && (subject.actor !== null || subject.pronoun !== undefined);
}

/**
 * "Paul asked how it's conservative to add a trillion dollars", "A reporter asked Sanders how he's feeling": after
 * "asked" and its audience (a pronoun, a name or a short noun phrase), the reported question runs from its question
 * word. Null when no question follows ("asked them to leave", "asked for a recount").
 */
function questionAfter(ctx: AnalysisContext, k: number, inSentence: (k: number) => boolean): Complement | null {
  const { tokens } = ctx.doc;
  let j = k;
  const name = ctx.mentionStartingAt.get(j);
  if (OBJECT_PRONOUNS.has(tokens[j]?.lower ?? '')) j += 1;
  else if (name && !name.possessive) j = name.last;
  else if (DETERMINERS.has(tokens[j]?.lower ?? '')) {
    const audienceStart = j;
    j += 1;
    while (
      j - audienceStart < QUESTION_AUDIENCE_MAX &&
      inSentence(j) &&
      tokens[j]!.isWord &&
      !QUESTION_WORDS.has(tokens[j]!.lower)
    )
      j += 1;
  }
  if (!inSentence(j) || !inSentence(j + 1) || !QUESTION_WORDS.has(tokens[j]!.lower)) return null;
  return { contentFirst: j, cueLast: j - 1, marked: true };
}

/**
 * "expressed his determination to pursue a ceasefire" reports what was said; "announced the death" and "confirmed
 * a joint project" only name an event. The object must carry an infinitive or gerund clause.
 */
function objectIsProposition(ctx: AnalysisContext, first: number): boolean {
  const end = contentEnd(ctx, first);
  const { tokens } = ctx.doc;
  for (let k = first; k < end; k += 1) {
    const t = tokens[k]!;
    if (
      t.lower === 'to' &&
      tokens[k + 1] &&
      !tokens[k + 1]!.isCap &&
      tokens[k + 1]!.isWord &&
      !DETERMINERS.has(tokens[k + 1]!.lower)
    )
      return true;
    if (k > first && ING_RE.test(t.text)) return true;
  }
  return false;
}

/** Exclusive end token of reported content starting at `first`: sentence end or the next clause boundary. */
export function contentEnd(ctx: AnalysisContext, first: number): number {
  const { tokens, sentenceOf, quoteOf, quotes } = ctx.doc;
  let k = first;
  while (k < tokens.length && sentenceOf[k] === sentenceOf[first]) {
    if (quoteOf[k] !== -1) {
      // A quoted phrase inside reported speech belongs to it; a quoted utterance ends it.
      const q = quotes[quoteOf[k]!]!;
      if (k !== q.open || looksLikeSpeech(ctx, q) || q.close === -1) break;
      k = q.close + 1;
      continue;
    }
    const t = tokens[k]!;
    if (CONTENT_STOPS.has(t.text)) break;
    if (k > first && coordinatedSpeechVerb(ctx, k)) break;
    if (t.text === ',') {
      const n = tokens[k + 1];
      // ", and he said he hoped …": a coordinated attribution starts a statement of its own.
      const p = n && (n.lower === 'and' || n.lower === 'but') ? k + 2 : k + 1;
      if (
        n &&
        ((CLAUSE_BREAK_WORDS.has(n.lower) && !CONTENT_CONTINUATIONS.has(n.lower)) ||
          ING_RE.test(n.text) ||
          (SUBJECT_PRONOUN_KINDS.has(tokens[p]?.lower ?? '') && speechVerb(tokens[p + 1]?.lower ?? '')))
      )
        break;
    }
    k += 1;
  }
  while (k > first && TRAILING_PUNCT.has(tokens[k - 1]!.text)) k -= 1;
  return k;
}

/**
 * "Juanita Broaddrick, who said Clinton raped her in 1978, recounted …": reported speech in a relative clause set off
 * by commas ends at the comma that closes the clause, where the main clause's verb follows. `last` is the content's
 * end otherwise.
 */
export function relativeClauseEnd(ctx: AnalysisContext, v: number, first: number, last: number): number {
  const { tokens, quoteOf } = ctx.doc;
  let w = v - 1;
  while (w > 0 && ADVERB_RE.test(tokens[w]!.lower) && !tokens[w]!.isCap) w -= 1;
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

function accordingTo(ctx: AnalysisContext, i: number): StatementDraft | null {
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
    while (first < i && (quoteOf[first] !== -1 || !tokens[first]!.isWord || ctx.doc.masked[first])) first += 1;
    last = i;
    while (last > first && TRAILING_PUNCT.has(tokens[last - 1]!.text)) last -= 1;
    // "At the heart of the trouble, according to Dennis B. Ross, an envoy, was a decision …": set off by commas, the
    // attribution sits inside its content, which resumes after it.
    const resume = resumeAfterSource(ctx, subject.last, sentence.last);
    if (resume >= 0) last = contentEnd(ctx, resume);
  }
  if (last - first < 2 || first >= sentence.last) return null;
  const start = tokens[first]!.start;
  const end = tokens[last - 1]!.end;
  return indirectDraft(ctx.doc.body, start, end, tokens[i]!.start, tokens[subject.last - 1]!.end, subject);
}

/**
 * After `according to X,` inside a sentence: the first token of the content that resumes after the source (past its
 * appositive, if any), or -1 when the attribution closes its clause.
 */
function resumeAfterSource(ctx: AnalysisContext, sourceLast: number, sentenceLast: number): number {
  const { tokens, quoteOf } = ctx.doc;
  if (tokens[sourceLast]?.text !== ',' || quoteOf[sourceLast] !== -1) return -1;
  const afterAppositive = resumeAfterAppositive(ctx, sourceLast, sentenceLast);
  if (afterAppositive >= 0) return afterAppositive;
  return opensContentAfter(ctx, sourceLast, sentenceLast) ? sourceLast + 1 : -1;
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
function asAttribution(
  ctx: AnalysisContext,
  v: number,
  subject: SubjectResolution,
): { draft: StatementDraft; contentLast: number } | null {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  // A capitalised "As" opening the sentence may be read into the subject phrase ("As Clyburn").
  let as = tokens[subject.first]?.lower === 'as' && subject.last - subject.first > 1 ? subject.first : subject.first - 1;
  if (DETERMINERS.has(tokens[as]?.lower ?? '')) as -= 1;
  if (subject.first > v || tokens[as]?.lower !== 'as' || sentenceOf[as] !== sentenceOf[v]) return null;
  // "As Blumenthal spoke, …" and "as Centerview continues gaining …" tell when; "As I mentioned above" is the writer's.
  const verb = speechVerb(tokens[v]!.lower)!;
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
  if (tail?.isWord && !PREPOSITIONS.has(tail.lower) && !TIME_WORDS.has(tail.lower) && !ADVERB_RE.test(tail.lower)) return null;
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
function trailingAttribution(
  ctx: AnalysisContext,
  v: number,
  subject: SubjectResolution,
  cueFirst: number,
): StatementDraft | null {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  // "…, his top aide, Tad Devine, told The Huffington Post": a possessive determiner opens the subject phrase.
  const owner = OWNER_DETERMINERS.has(tokens[cueFirst - 1]?.lower ?? '') && cueFirst < v ? 1 : 0;
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
      resume = k + 1;
      break;
    }
    if (t.lower === 'that' || t.text === ',' || quoteOf[k] !== -1) return null;
    if (t.isWord) tail += 1;
  }
  if (resume < 0 && !inverted && tail > 5 && !isAdverbialTail(ctx, v, cueLast + 1, sentence.last)) return null;
  let first = sentence.first;
  while (first < comma && (!tokens[first]!.isWord || ctx.doc.masked[first])) first += 1;
  if (quoteOf[first] !== -1) return null;
  for (let k = first; k < comma; k += 1) {
    if (quoteOf[k] !== -1 && looksLikeSpeech(ctx, ctx.doc.quotes[quoteOf[k]!]!)) return null;
  }
  // "During his attack, Mateen also posted messages …": a fronted adverbial sets the scene of the clause it opens.
  if (resume < 0 && isFrontedAdverbial(ctx, first, comma)) return null;
  let last = comma;
  if (resume >= 0) {
    last = contentEnd(ctx, resume);
    if (countWords(ctx, first, comma) + countWords(ctx, resume, last) < 4 || countWords(ctx, resume, last) < 2) return null;
  } else if (countWords(ctx, first, comma) < 3) return null;
  const start = tokens[first]!.start;
  const end = tokens[last - 1]!.end;
  return indirectDraft(ctx.doc.body, start, end, tokens[comma + 1]!.start, tokens[cueLast]!.end, subject);
}

/**
 * After a demonstrative "that" ("reported that night Petraeus testifies …", "says despite all that, Obama wasn't …"):
 * the clause that follows its phrase and an optional comma, or null when an adverbial or nothing does ("announced
 * that same day, as mentioned above", "proposed just that in 2013").
 */
function clauseAfterDemonstrative(ctx: AnalysisContext, that: number, inSentence: (k: number) => boolean): Complement | null {
  const { tokens } = ctx.doc;
  let k = demonstrativePhraseEnd(ctx, that);
  const cueLast = k - 1;
  if (tokens[k]?.text === ',') k += 1;
  const t = tokens[k];
  if (!inSentence(k) || !t!.isWord || PREPOSITIONS.has(t!.lower) || CLAUSE_OPENERS.has(t!.lower) || FINITE_WORDS.has(t!.lower))
    return null;
  return countWords(ctx, k, contentEnd(ctx, k)) >= 3 ? { contentFirst: k, cueLast, marked: false } : null;
}

const ASIDE_MAX = 12;
/** "he's", "they're", "I'll": a subject pronoun with its auxiliary. */
const CONTRACTION_RE = /['’](?:s|re|ll|d|ve|m)$/;

/**
 * The token after a short aside that opens at `k` and closes with the same mark (", win or lose in Tuesday's primary,"
 * or "— on Twitter, as it happens —"), or -1 when `k` opens none.
 */
function afterAside(ctx: AnalysisContext, k: number, inSentence: (k: number) => boolean): number {
  const { tokens } = ctx.doc;
  const mark = tokens[k]!.text;
  if (mark !== ',' && !PARENTHETICAL_DASHES.has(mark)) return -1;
  const closes = (text: string): boolean => (mark === ',' ? text === ',' : PARENTHETICAL_DASHES.has(text));
  for (let j = k + 1; j - k <= ASIDE_MAX && inSentence(j); j += 1) {
    if (closes(tokens[j]!.text)) return j > k + 1 && inSentence(j + 1) ? j + 1 : -1;
  }
  return -1;
}
