import { speechVerb } from '../lexicon/speech-verb-lexicon';
import {
  BE_FORMS,
  CLAUSE_BREAK_WORDS,
  CLAUSE_OPENERS,
  DETERMINERS,
  PREPOSITIONS,
  SUBJECT_PRONOUN_KINDS,
  TIME_WORDS,
  VERB_PADDING,
  isLyAdverb,
} from '../lexicon/word-lists';
import type { AnalysisContext } from './analysis-context';
import { looksLikeSpeech } from './quote-extractor';
import { countWords, isDemonstrativeThat } from './adverbial-phrases';
import { contentEnd, relativeClauseEnd } from './reported-content-span';
import { proposalFeatures } from './cue-proposal-features';
import { proposalSubject } from './proposal-subject';
import { indirectDraft, type StatementDraft } from './statement-draft';

/**
 * How a proposal's content follows its cue: after "that", as a bare clause, as the infinitive of a speech act, or (only
 * with `objects`) as the plain object of the cue ("criticized the decision", "called Trump a liar").
 */
export type ProposalForm = 'that' | 'clause' | 'act' | 'object';

/** A possible attribution around a learned cue word, with the context a classifier weighs to keep or drop it. */
export interface CueProposal {
  draft: StatementDraft;
  form: ProposalForm;
  /** The cue word, lower-cased. */
  word: string;
  /** Token index of the cue word. */
  cue: number;
  /** Token range [first, last) of the proposed content. */
  first: number;
  last: number;
  features: string[];
}

/** How far after a cue its "that" may come ("said Thursday during a taping in Buffalo, New York, that …"). */
const THAT_LOOKAHEAD = 15;
const CLAUSE_STOPS = new Set([';', '(', '—', '–', ':', '.', '?', '!']);
const MIN_CONTENT_WORDS = 2;
/** A plain object may be one word ("endorsed Trump"). */
const MIN_OBJECT_WORDS = 1;
/** Longest quoted title a "that" may follow (“Meet the Press”). */
const MAX_TITLE_TOKENS = 8;
/** Longest occasion between a cue and a pronoun subject ("in both listings"). */
const MAX_OCCASION_TOKENS = 5;
/** Words inside cue spans that never head one ("according to", "in a statement", "and said"). */
const FUNCTION_WORDS = new Set([
  ...PREPOSITIONS,
  ...DETERMINERS,
  ...CLAUSE_OPENERS,
  ...CLAUSE_BREAK_WORDS,
  ...SUBJECT_PRONOUN_KINDS.keys(),
  ...['or', 'nor', 'not', 'it', 'i', 'you', 'first', 'who', 'what', 'how', 'why'],
]);
/** Words that mark a finite clause after its subject ("the plan would end …", "Clinton is ahead"). */
const FINITE_MARKERS = new Set([
  ...BE_FORMS,
  ...['has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'does', 'did', 'do'],
  ...["won't", 'won’t', "can't", 'can’t', "isn't", 'isn’t', "wasn't", 'wasn’t', "doesn't", 'doesn’t', "didn't", 'didn’t'],
]);
/** Words a clause's subject may not open with: objects and complements ("called him …", "asked for …"). */
const NOT_SUBJECTS = new Set(['him', 'her', 'them', 'me', 'us', 'not', 'no', 'yes', 'so']);
/** Words after a name that show it is an object or part of a list, not a subject ("called Trump a liar"). */
const NOT_VERBS = new Set([...DETERMINERS, 'and', 'or', 'but', 'nor', 'as', 'who', 'which', 'whose', 'whom', 'if', 'when']);
const NOMINATIVE_PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i']);
/** How far into bare content its finite verb may sit. */
const SUBJECT_REACH = 8;

/**
 * Every occurrence of a cue word (`cueShares`: the share of a word's PolNeAR train occurrences inside a cue) outside
 * statements already found, whose subject names an actor and whose content reads as a clause: after "that", a bare
 * clause ("believes the plant will close", "a new Gallup poll shows Kiro is ahead") or the act of a speech act
 * ("pledged to oppose the tax"), running to the end of its clause. With `objects`, also the plain object of the cue
 * ("criticized the decision"), which PolNeAR counts as attributed content and the project's conventions do not.
 * Which proposals are attributions is for the classifier (cue-proposal-classifier.ts) to decide; the proposals are
 * the same at training and at analysis time.
 */
export function cueProposals(
  ctx: AnalysisContext,
  taken: Uint8Array,
  cueShares: ReadonlyMap<string, number>,
  objects = false,
): CueProposal[] {
  const { tokens, quoteOf, masked, sentenceOf } = ctx.doc;
  const out: CueProposal[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const t = tokens[i]!;
    // All-caps headlines ("IBM SHARES ROSE") give no case evidence to tell a cue from a noun.
    if (!t.isWord || t.isCap || quoteOf[i] !== -1 || masked[i] || taken[i] || ctx.doc.shouting[i]) continue;
    const share = cueShares.get(t.lower);
    // Auxiliaries and adverbs inside a cue ("has repeatedly said") are not its head; the verb after them is.
    if (share === undefined || VERB_PADDING.has(t.lower) || isLyAdverb(t.lower) || FUNCTION_WORDS.has(t.lower)) continue;
    const sentence = ctx.doc.sentences[sentenceOf[i]!]!;
    const thatAt = thatAfter(ctx, i, sentence.last);
    let first = thatAt >= 0 ? thatAt + 1 : bareStart(ctx, i);
    if (first >= sentence.last) continue;
    let form: ProposalForm = thatAt >= 0 ? 'that' : 'clause';
    if (thatAt < 0 && !opensClause(ctx, first, sentence.last)) {
      const act = actAfter(ctx, i, first, sentence.last);
      if (act >= 0) [first, form] = [act, 'act'];
      else if (objects) form = 'object';
      else continue;
    }
    // "announced that same day", "proposed just that in 2013": a demonstrative is no attributed content.
    if (form === 'object' && opensNoObject(ctx, first)) continue;
    const last = contentEnd(ctx, first);
    if (countWords(ctx, first, last) < (form === 'object' ? MIN_OBJECT_WORDS : MIN_CONTENT_WORDS) || anyTaken(taken, first, last))
      continue;
    // The subject is looked up last: it is the costliest test.
    const subject = proposalSubject(ctx, i);
    if (!subject || subject.resolution.actor === null) continue;
    const s = subject.resolution;
    const start = tokens[first]!.start;
    // The classifier reads the content as it learned it; only the reported span stops at a relative clause's end.
    const end = tokens[relativeClauseEnd(ctx, i, first, last) - 1]!.end;
    out.push({
      draft: indirectDraft(ctx.doc.body, start, end, t.start, t.end, s),
      form,
      word: t.lower,
      cue: i,
      first,
      last,
      features: proposalFeatures(ctx, i, first, last, thatAt >= 0 ? thatAt - i : 0, subject, share, objects ? form : undefined),
    });
  }
  return out;
}

/**
 * Bare content must read as a clause, not an object: "a poll shows Clinton is ahead" and "he believes they will win"
 * report something; "criticized the decision", "declined to comment" and "called him a liar" name an act.
 */
function opensClause(ctx: AnalysisContext, first: number, last: number): boolean {
  const { tokens } = ctx.doc;
  const opener = tokens[first]!;
  if (!opener.isWord || NOT_SUBJECTS.has(opener.lower) || PREPOSITIONS.has(opener.lower)) return false;
  if (NOMINATIVE_PRONOUNS.has(opener.lower)) return true;
  // "shows Clinton leads", "believes Trump will win": a name followed by a lower-case word that can be its verb.
  const name = ctx.mentionStartingAt.get(first);
  if (name && !name.possessive && name.last < last) {
    const after = tokens[name.last]!;
    if (after.isWord && !after.isCap && !NOT_VERBS.has(after.lower) && !PREPOSITIONS.has(after.lower)) return true;
  }
  for (let k = first + 1; k < Math.min(last, first + SUBJECT_REACH); k += 1) {
    const t = tokens[k]!;
    if (FINITE_MARKERS.has(t.lower)) return true;
    // "thanked the workers and said the plant would …": the finite verb belongs to another clause.
    if (
      !t.isWord ||
      PREPOSITIONS.has(t.lower) ||
      CLAUSE_OPENERS.has(t.lower) ||
      t.lower === 'or' ||
      (!t.isCap && speechVerb(t.lower))
    )
      return false;
  }
  return false;
}

/** Speech acts whose content may be an infinitive ("pledged to oppose …", "urged Congress to act"), as "vowed to" is. */
const INFINITIVE_ACTS = new Set(['promise', 'pledge', 'vow', 'threaten', 'urge', 'demand', 'propose', 'recommend']);

/**
 * "pledged to oppose legal status", "urged Congress to pass the bill": the first token of the act an infinitive after
 * a speech act names (after "to", as the rules read "vowed to …"), or -1.
 */
function actAfter(ctx: AnalysisContext, cue: number, first: number, last: number): number {
  const lemma = speechVerb(ctx.doc.tokens[cue]!.lower)?.lemma;
  if (!lemma || !INFINITIVE_ACTS.has(lemma)) return -1;
  const { tokens } = ctx.doc;
  let k = first;
  const object = ctx.mentionStartingAt.get(k);
  if (object) k = object.last;
  else if (OBJECT_PRONOUNS.has(tokens[k]!.lower)) k += 1;
  const verb = tokens[k + 1];
  const infinitive = tokens[k]?.lower === 'to' && verb?.isWord === true && !verb.isCap && !DETERMINERS.has(verb.lower);
  return infinitive && k + 1 < last ? k + 1 : -1;
}
const OBJECT_PRONOUNS = new Set(['him', 'her', 'them', 'us', 'me']);

/** Token index of a "that" opening the cue's content within a few words, or -1. */
function thatAfter(ctx: AnalysisContext, cue: number, sentenceLast: number): number {
  const { tokens, quoteOf, quotes } = ctx.doc;
  for (let k = cue + 1; k < Math.min(sentenceLast, cue + 1 + THAT_LOOKAHEAD); k += 1) {
    if (quoteOf[k] !== -1) {
      // A quoted title ("said on ABC's “This Week” that …") is passed over; a quoted utterance ends the search.
      const q = quotes[quoteOf[k]!]!;
      if (k !== q.open || q.close === -1 || q.close - q.open > MAX_TITLE_TOKENS || looksLikeSpeech(ctx, q)) return -1;
      k = q.close;
      continue;
    }
    if (CLAUSE_STOPS.has(tokens[k]!.text)) return -1;
    // "a margin larger than that, said …": a "that" after a preposition is a pronoun, not a complementizer.
    if (tokens[k]!.lower === 'that') return PREPOSITIONS.has(tokens[k - 1]!.lower) || isDemonstrativeThat(ctx, k) ? -1 : k;
  }
  return -1;
}

/**
 * Where bare content starts: right after the cue, or after an occasion before a pronoun subject ("tweeted Tuesday
 * night he considered …", "wrote in both listings he was …").
 */
function bareStart(ctx: AnalysisContext, cue: number): number {
  const { tokens, sentenceOf } = ctx.doc;
  const lead = tokens[cue + 1];
  if (!lead || !(TIME_WORDS.has(lead.lower) || PREPOSITIONS.has(lead.lower))) return cue + 1;
  for (let k = cue + 2; k <= cue + 1 + MAX_OCCASION_TOKENS && sentenceOf[k] === sentenceOf[cue]; k += 1) {
    const t = tokens[k]!;
    if (NOMINATIVE_PRONOUNS.has(t.lower)) return k;
    if (!t.isWord) break;
  }
  return cue + 1;
}

function anyTaken(taken: Uint8Array, first: number, last: number): boolean {
  for (let k = first; k < last; k += 1) if (taken[k]) return true;
  return false;
}

/**
 * Whether what follows a cue is no attributed object: a demonstrative "that" ("announced that same day", "proposed just
 * that in 2013"), or a comma and a preposition (an adverbial: '"…," he stated, with the minister leading the team').
 */
function opensNoObject(ctx: AnalysisContext, first: number): boolean {
  const { tokens } = ctx.doc;
  if (tokens[first]?.text === ',' && PREPOSITIONS.has(tokens[first + 1]?.lower ?? '')) return true;
  return [first, first + 1].some((k) => tokens[k]?.lower === 'that' && isDemonstrativeThat(ctx, k));
}
