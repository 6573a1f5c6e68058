import type { ActorKind } from '../analysis.types';
import { isCountry, placeByKey } from '../lexicon/gazetteer';
import {
  COMMON_WORDS,
  LOCATIVE_PREPOSITIONS,
  MISC_PROPER_WORDS,
  ORG_DESCRIPTOR_NOUNS,
  PREPOSITIONS,
} from '../lexicon/word-lists';
import type { ArticleDocument } from '../text/article-document';
import type { NameCandidate } from './name-candidate-scanner';
import {
  INDIVIDUAL_SPORTS,
  NOT_SPORTS,
  TEAM_NEIGHBOURS_AFTER,
  TEAM_NEIGHBOURS_BEFORE,
  isNumberToken,
  type SportsKind,
} from './sports-context';

const ITS = new Set(['its', 'it']);
const LIST_LOOKBACK = 16;
/** Plural nouns that introduce a list of people: "goalkeepers Alisson, Ederson; defenders Marquinhos". */
const PERSON_LIST_NOUNS = new Set(
  'goalkeepers keepers defenders midfielders forwards strikers wingers attackers players starters substitutes riders drivers runners athletes swimmers'.split(
    ' ',
  ),
);
const CLAUSE_WINDOW = 6;
/** Model margin above which the tagger's type replaces the mid-sentence default (chosen on CoNLL-2003 dev). */
export const LONE_NAME_MODEL_MARGIN = 3;

/** What the folder knows about the article when it judges a one-word name nobody else vouched for. */
export interface LoneNameContext {
  doc: ArticleDocument;
  sports: Uint8Array;
  /** Article-wide: any set-scored result makes lone names players, not teams. */
  individualSports: boolean;
  /** Article-wide: a score anywhere makes the whole article sports copy (match reports run over many sentences). */
  articleSports: SportsKind;
  /** Keys of one-word names seen capitalised away from a sentence start. */
  midSentenceKeys: ReadonlySet<string>;
}

/** True when the word cannot be explained by sentence-initial capitalisation. */
export function isMidSentence(doc: ArticleDocument, c: NameCandidate): boolean {
  const prev = c.lead - 1;
  // Right after a dateline or label ("LONDON (Reuters) — Rail workers") a word starts the prose.
  if (prev < 0 || doc.masked[prev] || doc.sentenceOf[prev] !== doc.sentenceOf[c.first]) return false;
  const before = doc.tokens[prev]!;
  // After an opening bracket or a colon the next word may be capitalised for its own reasons.
  return doc.initial[c.first] !== 1 && before.text !== '(' && before.text !== ':';
}

/** "goalkeepers Alisson, Ederson": a name in a comma list headed by a plural noun for people is a person. */
function inPersonList(doc: ArticleDocument, c: NameCandidate): boolean {
  const { tokens, sentenceOf } = doc;
  for (let k = c.lead - 1; k >= 0 && c.lead - k <= LIST_LOOKBACK && sentenceOf[k] === sentenceOf[c.first]; k -= 1) {
    const t = tokens[k]!;
    if (t.text === ',' || t.lower === 'and' || t.isCap) continue;
    return PERSON_LIST_NOUNS.has(t.lower);
  }
  return false;
}

/** "Neymar, who is injured": outside sports copy (where clubs take "who" too) a relative "who" marks a person. */
function followedByWho(doc: ArticleDocument, c: NameCandidate): boolean {
  return doc.tokens[c.last]?.text === ',' && doc.tokens[c.last + 1]?.lower === 'who';
}

/** "X said on Tuesday its profit …": an organisation speaks about itself with "its". */
function speaksOfItself(doc: ArticleDocument, c: NameCandidate): boolean {
  const { tokens, sentenceOf } = doc;
  for (let k = c.last; k < tokens.length && k - c.last < CLAUSE_WINDOW + 3 && sentenceOf[k] === sentenceOf[c.first]; k += 1) {
    const lower = tokens[k]!.lower;
    if (lower === 'its') return true;
    if (lower === 'his' || lower === 'her' || lower === 'he' || lower === 'she') return false;
    if (ITS.has(lower) && k > c.last && tokens[k - 1]!.lower === 'that') return true;
  }
  return false;
}

/** A team in a result line: next to a score, a result verb or "beat"/"lost to". */
function teamCue(doc: ArticleDocument, c: NameCandidate): boolean {
  const before = doc.tokens[c.lead - 1];
  const after = doc.tokens[c.last];
  if (before && (TEAM_NEIGHBOURS_BEFORE.has(before.lower) || isNumberToken(before.text))) return true;
  if (after && (TEAM_NEIGHBOURS_AFTER.has(after.lower) || isNumberToken(after.text))) return true;
  return false;
}

/** "(Hussain 152, Irani 123)" / "(Jordan 31 points": a player's line in a box score. */
function statLine(doc: ArticleDocument, c: NameCandidate): boolean {
  const before = doc.tokens[c.lead - 1];
  const after = doc.tokens[c.last];
  return (
    before !== undefined &&
    (before.text === '(' || before.text === ',' || before.text === ';') &&
    after !== undefined &&
    isNumberToken(after.text) &&
    insideParentheses(doc, c.first)
  );
}

function insideParentheses(doc: ArticleDocument, i: number): boolean {
  for (let k = i - 1; k >= 0 && i - k < 40 && doc.sentenceOf[k] === doc.sentenceOf[i]; k -= 1) {
    const t = doc.tokens[k]!.text;
    if (t === ')') return false;
    if (t === '(') return true;
  }
  return false;
}

/** Prepositions that make the place after them a venue. */
const VENUE_PREPOSITIONS = new Set(['in', 'at']);

/**
 * The kind of a one-word place name used in sports copy: a city or region next to a score or result verb is a
 * club ("Blackburn lost 2-0 to Everton"); a country stays a place (newswire tags national teams as places), and so
 * does a venue.
 */
export function placeAsTeam(ctx: LoneNameContext, c: NameCandidate): boolean {
  if (ctx.individualSports || ctx.sports[ctx.doc.sentenceOf[c.first]!] === NOT_SPORTS) return false;
  if (isCountry(c.key) || c.inQuote) return false;
  // "edged Austria in Salzburg 3-2", "( at Edgbaston , Birmingham )": a place after "in" or "at" is the venue.
  if (VENUE_PREPOSITIONS.has(ctx.doc.tokens[c.lead - 1]?.lower ?? '')) return false;
  return teamCue(ctx.doc, c);
}

/**
 * Decides a one-word capitalised name with no title, given name or registry entry behind it. In sports copy a
 * lone name is a player or a club; elsewhere news introduces people by full name, so a lone name away from a
 * sentence start is more often a company, club or agency — unless it speaks like a person or the name tagger reads
 * it as a person or place. Returns null when there is not enough evidence that it names anything.
 */
export function classifyLoneName(ctx: LoneNameContext, c: NameCandidate): ActorKind | 'place' | null {
  const { doc } = ctx;
  if (c.inQuote || COMMON_WORDS.has(c.key) || MISC_PROPER_WORDS.has(c.key) || placeByKey(c.key)) return null;
  const mid = isMidSentence(doc, c) || ctx.midSentenceKeys.has(c.key);
  const before = doc.tokens[c.lead - 1];
  const after = doc.tokens[c.last];
  const sports = ctx.individualSports
    ? INDIVIDUAL_SPORTS
    : (Math.max(ctx.articleSports, ctx.sports[doc.sentenceOf[c.first]!]!) as SportsKind);
  if (inPersonList(doc, c)) return 'person';
  if (sports !== NOT_SPORTS) {
    if (statLine(doc, c)) return 'person';
    if (sports === INDIVIDUAL_SPORTS) return 'person';
    if (teamCue(doc, c)) return 'organization';
    // "Karlsruhe beat …": a player or a club alike may lead a verb; the name tagger, reading the sentence, tells them apart.
    if (c.modelType === 'ORG') return 'organization';
    // "Kluivert put the home side ahead": a lone subject of a lower-case verb is a player.
    if (after && after.isWord && !after.isCap) return 'person';
    return mid ? 'organization' : null;
  }
  if (before && !before.isCap && ORG_DESCRIPTOR_NOUNS.has(before.lower)) return 'organization';
  if (followedByWho(doc, c)) return 'person';
  if (c.speech) {
    // "Analysts at Barclays said": after a preposition the speaking name is the firm, not a person.
    const afterPreposition = before !== undefined && PREPOSITIONS.has(before.lower);
    return afterPreposition || speaksOfItself(doc, c) ? 'organization' : 'person';
  }
  if (!mid) return null;
  if (before && LOCATIVE_PREPOSITIONS.has(before.lower)) return null;
  // Nothing but mid-sentence capitals says organisation: the name tagger, reading the whole sentence, says more
  // ("the Kurdish town of Arbil") when it is at least a little sure.
  if (c.modelType && c.modelType !== 'MISC' && (c.modelMargin ?? 0) >= LONE_NAME_MODEL_MARGIN)
    return c.modelType === 'PER' ? 'person' : c.modelType === 'LOC' ? 'place' : 'organization';
  return 'organization';
}
