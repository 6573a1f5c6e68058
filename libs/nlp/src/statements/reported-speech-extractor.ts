import { speechVerb, type SpeechVerb } from '../lexicon/speech-verb-lexicon';
import {
  BE_FORMS,
  CLAUSE_OPENERS,
  DETERMINERS,
  HUMAN_GROUP_NOUNS,
  PARENTHETICAL_DASHES,
  PREPOSITIONS,
  QUANTIFIERS,
  isLyAdverb,
  PARTICIPLE_LEADS,
} from '../lexicon/word-lists';
import { shareStart } from './share-of-respondents';
import {
  countWords,
  FINITE_WORDS,
  isFrontedAdverbial,
  isDemonstrativeThat,
  skipOccasion,
  demonstrativePhraseEnd,
} from './adverbial-phrases';
import type { Token } from '../text/token-scanner';
import type { AnalysisContext } from './analysis-context';
import { mainSubject } from './salience-tracker';
import {
  mainSubjectResolution,
  nameBeforeParticiple,
  subjectAfter,
  subjectBefore,
  subjectOfVerbBefore,
  type SubjectResolution,
} from './speaker-resolver';
import { indirectDraft, type StatementDraft } from './statement-draft';
import { accordingTo, asAttribution, isPersonLikeSource, trailingAttribution } from './framing-attributions';
import { contentEnd, relativeClauseEnd } from './reported-content-span';

const THAT_LOOKAHEAD = 10;
const RELATIVE_PRONOUNS = new Set(['who', 'which']);
/** Pronouns that open a clause as its subject (not "him", "them": "told them that …" still reaches its "that"). */
const CLAUSE_SUBJECTS = new Set(['i', 'we', 'you', 'he', 'she', 'it', 'they']);
const ING_RE = /^[a-z]{2,}ing$/;
const POSSESSIVE_RE = /['’]s$/;
const AUDIENCE_MAX = 3;
const PROGRESSIVE_AUXILIARIES = new Set(['is', 'are', 'was', 'were']);

interface Complement {
  contentFirst: number;
  cueLast: number;
  /** Content introduced by "that" or a preposition, rather than following the verb bare. */
  marked: boolean;
  /** A quoted characterisation ("called Trump “unhinged”"): only a known speaker's is worth reporting. */
  needsSpeaker?: boolean;
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
      // ", saying …", or after a quoted phrase whose comma sits inside the marks: `defense of "New York values," saying …`,
      // or "while saying that …": the sentence subject's act.
      const closesQuote = samePrev !== undefined && quoteOf[i - 1] !== -1 && doc.quotes[quoteOf[i - 1]!]!.close === i - 1;
      const subjectsAct =
        samePrev?.text === ',' || (closesQuote && tokens[i - 2]?.text === ',') || opensParticipleClause(ctx, i, samePrev);
      // "with Sen. John McCain calling it a “Chinese menu”": a name right before the participle is its subject.
      const before = nameBeforeParticiple(ctx, i);
      // "with Sen. John McCain telling reporters he …": after "with", the name is the participle's subject for any verb.
      const named = before && (verb.quotedObject || tokens[before.lead - 1]?.lower === 'with') ? before : undefined;
      if (named) {
        subject = { found: true, actor: named.actor, first: named.lead, last: i };
        cueFirst = named.lead;
      } else {
        if (!subjectsAct) continue;
        // "…, Nefzi said on Tuesday, adding that …": the participle continues that verb's subject.
        const continued = samePrev?.text === ',' ? subjectOfVerbBefore(ctx, i - 1) : null;
        const main = continued ? undefined : mainSubject(doc, ctx.salience, i);
        if (continued) subject = continued;
        else if (main) subject = mainSubjectResolution(ctx, main, i, i + 1);
        else continue;
        cueFirst = i;
      }
    } else {
      subject = subjectBefore(ctx, i);
      // "…, said Kessler"; but "The town, called the “Crossroads of America,”" names no speaker after its verb.
      if (!subject.found && samePrev?.text === ',' && !verb.quotedObject) subject = subjectAfter(ctx, i);
      if (!subject.found) continue;
      if (verb.form === 'base' && !isPluralSubject(ctx, subject)) continue;
      if (verb.needsAnimateSubject && !isAnimate(ctx, subject)) continue;
      cueFirst = Math.min(subject.first, i);
    }
    const asLead = verb.form === 'ing' ? null : asAttribution(ctx, i, subject, verb);
    if (asLead) {
      out.push(asLead.draft);
      i = asLead.contentLast - 1;
      continue;
    }
    const trailing = verb.form === 'ing' ? null : trailingAttribution(ctx, i, subject, cueFirst, verb);
    if (trailing) {
      // "…, aides said" / "…, police said": an unnamed official source before the verb reports with no speaker to
      // name, as "according to officials" does; an unresolved pronoun or the public at large does not, nor the object
      // of a verb after a comma (", asked a federal judge to …").
      const unnamedOfficial = subject.last <= i && subject.pronoun === undefined && isPersonLikeSource(ctx, subject);
      if (trailing.speaker !== null || unnamedOfficial) out.push(trailing);
      continue;
    }
    const complement = findComplement(ctx, i, verb);
    if (!complement || (complement.needsSpeaker && subject.actor === null)) continue;
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
  // A that-clause, or a bare clause that opens with its subject ("said the talks", "said Clinton's") or a condition
  // ("said if he were picked, it would …"), not an adverbial ("said onstage Tuesday night", "said when asked").
  const first = tokens[complement.contentFirst]!;
  if (
    complement.marked
      ? tokens[complement.cueLast]!.lower !== 'that'
      : !(first.isCap || DETERMINERS.has(first.lower) || CLAUSE_SUBJECTS.has(first.lower) || first.lower === 'if')
  )
    return false;
  return countWords(ctx, complement.contentFirst, contentEnd(ctx, complement.contentFirst)) >= 3;
}

function isPluralSubject(ctx: AnalysisContext, s: SubjectResolution): boolean {
  const { tokens } = ctx.doc;
  const t = tokens[s.last - 1]!;
  if (t.lower === 'they' || HUMAN_GROUP_NOUNS.has(t.lower) || isShare(ctx, s)) return true;
  // "Mr. Grassley and Mr. Leahy say": a coordinated subject is plural.
  if (tokens[s.first - 1]?.lower === 'and' && ctx.mentionEndingAt.has(s.first - 2)) return true;
  return s.actor !== null && ctx.actors[s.actor]!.kind === 'organization';
}

function isAnimate(ctx: AnalysisContext, s: SubjectResolution): boolean {
  if (s.actor !== null || s.pronoun !== undefined) return true;
  return HUMAN_GROUP_NOUNS.has(ctx.doc.tokens[s.last - 1]!.lower) || isShare(ctx, s);
}

/** "Twenty-four percent", "nearly half": a share of those polled, a plural of people. */
function isShare(ctx: AnalysisContext, s: SubjectResolution): boolean {
  const { sentenceOf } = ctx.doc;
  const sentence = sentenceOf[s.last - 1];
  return shareStart(ctx.doc.tokens, s.last - 1, (i) => i >= s.first && sentenceOf[i] === sentence) === s.first;
}

/** Where the reported content starts after the verb at `v`, and where the cue ends. */
function findComplement(ctx: AnalysisContext, v: number, verb: SpeechVerb): Complement | null {
  const { tokens, sentenceOf } = ctx.doc;
  const inSentence = unquotedInSentenceOf(ctx, v);
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
      // "said that, if elected, she would resign": the content opens after the comma.
      const first = tokens[j + 1]?.text === ',' ? j + 2 : j + 1;
      return inSentence(first) ? { contentFirst: first, cueLast: j, marked: true } : null;
    }
    // A subject or a verb starts the clause itself ("says it is hard to blame anyone for that", "said the deficit would
    // fall and that growth would return"); a relative clause on the audience has a verb of its own ("told reporters
    // who had gathered outside that …").
    const relative = RELATIVE_PRONOUNS.has(tokens[j - 1]!.lower);
    if (!t.isWord || speechVerb(t.lower) || CLAUSE_SUBJECTS.has(t.lower) || (FINITE_WORDS.has(t.lower) && !relative)) break;
  }
  const next = tokens[k]!;
  if (verb.preps.includes(next.lower)) return inSentence(k + 1) ? { contentFirst: k + 1, cueLast: k, marked: true } : null;
  if (verb.quotedObject) return quotedObject(ctx, k, verb.lemma);
  if (verb.lemma === 'ask') return askedBy(ctx, v) ? questionAfter(ctx, k, inSentence) : null;
  // "explained how he expanded the business": what is explained is the clause its question word opens.
  if (verb.lemma === 'explain' && EXPLAINED_WORDS.has(next.lower) && inSentence(k + 1))
    return { contentFirst: k, cueLast: v, marked: true };
  if (verb.thatOnly || !next.isWord) return null;
  if (verb.objectContent && !PREPOSITIONS.has(next.lower)) {
    if (objectIsProposition(ctx, k)) return { contentFirst: k, cueLast: v, marked: true };
    // "admitted she had lost", "stressed the vote was fair": a clause, not an object, follows the verb.
    return opensBareClause(ctx, k, inSentence) ? { contentFirst: k, cueLast: v, marked: false } : null;
  }
  if (!verb.bareClause) return null;
  k = skipOccasion(ctx, k, inSentence);
  if (!inSentence(k)) return null;
  const bareNext = tokens[k]!;
  // "said nothing about his plans", "revealed almost nothing", "said little": no content is reported.
  if (
    !bareNext.isWord ||
    NO_CONTENT_WORDS.has(bareNext.lower) ||
    (bareNext.lower === 'almost' && tokens[k + 1]?.lower === 'nothing')
  )
    return null;
  if (verb.lemma === 'tell') {
    // "told reporters the talks were over": skip the audience.
    let j = k;
    if (DETERMINERS.has(tokens[j]!.lower)) j += 1;
    const audienceStart = j;
    // "told them Clinton has …": a pronoun audience is one word, and a name after it opens the content.
    if (OBJECT_PRONOUNS.has(tokens[j]!.lower)) j += 1;
    else while (j < k + AUDIENCE_MAX && inSentence(j) && tokens[j]!.isWord && (tokens[j]!.isCap || j === audienceStart)) j += 1;
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

/**
 * "called Trump “unhinged”", "described the field as “all very good”", "called on Congress to pay “their fair share”":
 * the object and what the speaker calls it (after a preposition, what follows it), up to the clause's end, when a
 * quotation inside gives the speaker's own words, or when a name or pronoun is characterised without one (see
 * `characterisedObject`); null otherwise ("called the meeting").
 */
function quotedObject(ctx: AnalysisContext, k: number, lemma: string): Complement | null {
  const { tokens, quoteOf } = ctx.doc;
  const first = PREPOSITIONS.has(tokens[k]!.lower) ? k + 1 : k;
  const last = contentEnd(ctx, first);
  for (let j = first; j < last; j += 1)
    if (quoteOf[j] !== -1) return { contentFirst: first, cueLast: first - 1, marked: true, needsSpeaker: true };
  if (first === k && characterisedObject(ctx, first, last, lemma))
    return { contentFirst: first, cueLast: first - 1, marked: true, needsSpeaker: true };
  return null;
}

/** Words after "called him" that make no characterisation ("called him back", "called it quits"). */
const NOT_CHARACTERISATIONS = new Set(
  (
    'back up off out again quits yesterday today tonight twice and or but first later earlier last next personally ' +
    'himself herself themselves itself'
  ).split(' '),
);
const DESCRIBED_AS_MAX = 6;

/**
 * "called Trump a fascist", "called him divisive", "described the dinner as Washington celebrating itself": a named
 * or pronoun object and what the speaker calls it, with no quotation marks. Not "called the police", "called him on
 * Monday" or "called him back".
 */
function characterisedObject(ctx: AnalysisContext, first: number, last: number, lemma: string): boolean {
  const { tokens } = ctx.doc;
  if (lemma === 'describe') {
    for (let j = first + 1; j < last && j <= first + DESCRIBED_AS_MAX; j += 1) if (tokens[j]!.lower === 'as') return j + 1 < last;
    return false;
  }
  const name = ctx.mentionStartingAt.get(first);
  let j = first;
  if (CHARACTERISED_PRONOUNS.has(tokens[first]!.lower)) j += 1;
  else if (name && !name.possessive) j = name.last;
  else return false;
  const next = tokens[j];
  if (!next || j >= last || !next.isWord || next.isCap) return false;
  if (next.lower === 'a' || next.lower === 'an' || next.lower === 'the') return true;
  // "called her husband": "her" may be a possessive, and what follows then names whom the subject phoned.
  return (
    tokens[first]!.lower !== 'her' &&
    !PREPOSITIONS.has(next.lower) &&
    !NOT_CHARACTERISATIONS.has(next.lower) &&
    !isLyAdverb(next.lower) &&
    !/(?:ed|ing)$/.test(next.lower)
  );
}

/** Objects that report no content ("said nothing", "revealed little"). */
const NO_CONTENT_WORDS = new Set(['nothing', 'little', 'anything', 'something']);
/** Words that open a reported question ("asked whether …", "asked Sanders how …"). */
const QUESTION_WORDS = new Set(['whether', 'if', 'how', 'what', 'why', 'who', 'when', 'where', 'which']);
/** Question words whose clause "explained" reports ("explained why …"; "explained if" is no English). */
const EXPLAINED_WORDS = new Set(['how', 'why', 'what', 'where', 'when']);
const OBJECT_PRONOUNS = new Set(['him', 'her', 'them', 'me', 'us', 'you']);
/** Objects "called" may characterise ("called him divisive", "called it a disaster"). */
const CHARACTERISED_PRONOUNS = new Set([...OBJECT_PRONOUNS, 'it']);
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

/** A test for tokens in the sentence of token `v` and outside quotes. */
function unquotedInSentenceOf(ctx: AnalysisContext, v: number): (k: number) => boolean {
  const { tokens, sentenceOf, quoteOf } = ctx.doc;
  return (k) => k < tokens.length && sentenceOf[k] === sentenceOf[v] && quoteOf[k] === -1;
}

/**
 * "Bolton criticized the record, while saying that the speech reassured him": a participle after one of
 * PARTICIPLE_LEADS is the sentence subject's act when a clause follows it ("while adding Democratic strongholds"
 * and "by urging him to quit" report nothing).
 */
function opensParticipleClause(ctx: AnalysisContext, i: number, prev: Token | undefined): boolean {
  // "… By Saying We Need Fewer Philosophers": a title-case headline gives no case evidence.
  if (!prev || !PARTICIPLE_LEADS.has(prev.lower) || !/^[a-z]/.test(ctx.doc.tokens[i]!.text)) return false;
  const inSentence = unquotedInSentenceOf(ctx, i);
  return (ctx.doc.tokens[i + 1]?.lower === 'that' && inSentence(i + 2)) || opensBareClause(ctx, i + 1, inSentence);
}

/** Longest subject phrase before the finite word of a bare clause ("the vote was", "the new rules will"). */
const BARE_SUBJECT_MAX = 4;

/**
 * Whether a clause opens at `k`: a subject pronoun and its verb ("she had lost"), or a short subject phrase that
 * opens with a determiner or a name and then a finite word ("the vote was fair", "Trump would win").
 */
function opensBareClause(ctx: AnalysisContext, k: number, inSentence: (k: number) => boolean): boolean {
  const { tokens } = ctx.doc;
  const first = tokens[k]!;
  if (CLAUSE_SUBJECTS.has(first.lower)) {
    const verb = tokens[k + 1];
    return inSentence(k + 1) && verb!.isWord && !verb!.isCap && !PREPOSITIONS.has(verb!.lower);
  }
  if (!(DETERMINERS.has(first.lower) || first.isCap)) return false;
  for (let j = k + 1; j <= k + BARE_SUBJECT_MAX && inSentence(j); j += 1) {
    const t = tokens[j]!;
    if (FINITE_WORDS.has(t.lower)) return true;
    if (!t.isWord || PREPOSITIONS.has(t.lower) || t.lower === 'and' || t.lower === 'or') return false;
  }
  return false;
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
