import { speechVerb } from '../lexicon/speech-verb-lexicon';
import {
  BE_FORMS,
  DETERMINERS,
  PREPOSITIONS,
  QUANTIFIERS,
  RELATIVE_WORDS,
  SUBJECT_PRONOUN_KINDS,
  SUBORDINATORS,
  VERB_PADDING,
} from '../lexicon/word-lists';
import { countBelow } from '../text/count-below';
import type { Token } from '../text/token-scanner';
import { slugify } from '../text/name-normalizer';
import { approximatesShare, shareStart } from './share-of-respondents';
import type { StatementDraft } from './statement-draft';

/** Offsets in the body. */
interface Offsets {
  start: number;
  end: number;
}

/**
 * Speaker ids of sources that are no actor start with this: "aides said" gives `unnamed:aides`. No actor of the
 * analysis has such an id, so read models keep the name and count the statement for nobody.
 */
export const UNNAMED_SPEAKER_PREFIX = 'unnamed:';

/** Longest description taken as a source ("A person familiar with the planning for Thursday's meeting"). */
const MAX_SOURCE_WORDS = 12;

/** Words no description of a source ends with or consists of. */
const FUNCTION_WORDS = new Set([
  ...DETERMINERS,
  ...PREPOSITIONS,
  ...VERB_PADDING,
  ...SUBJECT_PRONOUN_KINDS.keys(),
  ...'i we you it who whom which what me us him them one and or but nor so as if than said according'.split(' '),
]);
/** Words a description does not stand on alone ("some of them", "about half", "those"). */
const NOT_ALONE = new Set([...FUNCTION_WORDS, ...QUANTIFIERS, ...'half about those all none more less'.split(' ')]);
/** Words after which a new subject may start: "… and officials said", "… while aides said". */
const CLAUSE_JOINERS = new Set([
  ...RELATIVE_WORDS,
  ...SUBORDINATORS,
  ...'and but or nor so yet as where whereas though'.split(' '),
]);

/**
 * The words of an attribution's cue that describe a source no actor stands for: "officials" in "officials said",
 * "a source involved in the super-PAC's creation" in "…, says a source involved in the super-PAC's creation",
 * "Democratic party officials" in "according to Democratic party officials". A cue holding only the last words of its
 * subject is read back to where the clause starts ("people on the ground told": the cue starts at "the ground"). Null
 * for a pronoun, a bare quantifier or determiner, a passive ("were told"), and a phrase led by a preposition or a
 * participle. On PolNeAR train, nine in ten of these cover a word of the annotated source. `contentEnd` is where the
 * attributed words end: only a cue after them can put its speaker after the verb.
 */
export function unnamedSource(tokens: readonly Token[], cue: Offsets, contentEnd: number): Offsets | null {
  const first = countBelow(tokens, (t) => t.start, cue.start);
  const last = countBelow(tokens, (t) => t.start, cue.end);
  const words = tokens.slice(first, last);
  const phrase = sourceWords(words, cue.start >= contentEnd);
  if (!phrase) return null;
  // The cue may hold only the tail of its subject ("party officials said" of "Democratic party officials", "the
  // ground told" of "people on the ground"): the description goes back to the word that opens its clause.
  const from = phrase[0] === words[0] ? subjectStart(tokens, first) : first;
  const described = from < first ? [...tokens.slice(from, first), ...phrase] : phrase;
  if (!describesSource(described)) return null;
  return { start: described[0]!.start, end: described[described.length - 1]!.end };
}

/**
 * The source no actor stands for of a draft, described by its cue. A cue inside the statement (a quote split by its
 * attribution: `"…," said one former official. "…"`) follows the words before it.
 */
export function draftSource(tokens: readonly Token[], d: StatementDraft): Offsets | null {
  if (d.source) {
    const described = tokens.slice(d.source[0], d.source[1]);
    return describesSource(described) ? { start: described[0]!.start, end: described[described.length - 1]!.end } : null;
  }
  if (!d.cue) return null;
  const contentEnd = d.cue.start > d.start ? Math.min(d.end, d.cue.start) : d.end;
  return unnamedSource(tokens, d.cue, contentEnd);
}

/** Where the subject starts whose last words start the cue at token `first`: back over words to a clause's start. */
function subjectStart(tokens: readonly Token[], first: number): number {
  let at = first;
  while (at > 0 && first - at < MAX_SOURCE_WORDS) {
    const t = tokens[at - 1]!;
    if (!t.isWord || CLAUSE_JOINERS.has(t.lower) || BE_FORMS.has(t.lower) || speechVerb(t.lower) !== undefined) break;
    at -= 1;
  }
  return at;
}

/** The cue's subject words: after "according to", before the speech verb, or after it when the verb leads. */
function sourceWords(words: readonly Token[], cueAfterContent: boolean): Token[] | null {
  if (words[0]?.lower === 'according' && words[1]?.lower === 'to') return clauseStart(words.slice(2));
  const verb = words.findIndex((t) => speechVerb(t.lower) !== undefined);
  if (verb < 0 || isPassive(words, verb)) return null;
  const subject = clauseEnd(words.slice(0, verb));
  if (subject.length > 0) return subject;
  if (!cueAfterContent) return null;
  const inverted = clauseStart(words.slice(verb + 1));
  // "…, said the candidate could be in a very competitive race": a clause after the verb, not its subject.
  return inverted.some((t) => VERB_PADDING.has(t.lower) || BE_FORMS.has(t.lower)) ? null : inverted;
}

/** "His salespersons were told": the subject of a passive speech verb is who was spoken to, not the source. */
function isPassive(words: readonly Token[], verb: number): boolean {
  if (speechVerb(words[verb]!.lower)!.form !== 'past') return false;
  let at = verb - 1;
  while (at >= 0 && VERB_PADDING.has(words[at]!.lower) && !BE_FORMS.has(words[at]!.lower)) at -= 1;
  return at >= 0 && BE_FORMS.has(words[at]!.lower) && words[at]!.lower !== 'being';
}

/** The words after the last mark, without the padding before the verb or a relative pronoun ("a message that"). */
function clauseEnd(words: readonly Token[]): Token[] {
  let end = words.length;
  while (end > 0 && (VERB_PADDING.has(words[end - 1]!.lower) || RELATIVE_WORDS.has(words[end - 1]!.lower))) end -= 1;
  let start = end;
  // "42% say": a percent sign after its number is a word of the share.
  const isWordOfSubject = (t: Token, i: number) => t.isWord || (t.text === '%' && /^\d/.test(words[i - 1]?.text ?? ''));
  while (start > 0 && isWordOfSubject(words[start - 1]!, start - 1)) start -= 1;
  return words.slice(start, end);
}

/** The words up to the first mark, without a closing "that" or preposition. */
function clauseStart(words: readonly Token[]): Token[] {
  let end = words.findIndex((t) => !t.isWord);
  if (end < 0) end = words.length;
  while (end > 0 && (RELATIVE_WORDS.has(words[end - 1]!.lower) || PREPOSITIONS.has(words[end - 1]!.lower))) end -= 1;
  return words.slice(0, end);
}

function describesSource(phrase: readonly Token[]): boolean {
  if (phrase.length === 0 || phrase.length > MAX_SOURCE_WORDS) return false;
  if (RELATIVE_WORDS.has(phrase[0]!.lower) || FUNCTION_WORDS.has(phrase[phrase.length - 1]!.lower)) return false;
  // "in the past", "made by a campaign surrogate", "showing that about half": a phrase, not a subject.
  const lead = phrase[0]!;
  if (PREPOSITIONS.has(lead.lower) && !approximatesShare(lead, phrase[1])) return false;
  if (VERB_PADDING.has(lead.lower) || /^[a-z]+(?:ing|ed)$/.test(lead.text)) return false;
  if (speechVerb(lead.lower)?.form === 'past') return false;
  if (phrase[1]?.lower === 'by') return false;
  // "Six in 10", "about half": a share of those polled stands alone, though its words do not.
  if (shareStart(phrase, phrase.length - 1, (i) => i >= 0) === 0) return true;
  return !phrase.every((t) => NOT_ALONE.has(t.lower) || /^\d/.test(t.text));
}

/** A speaker for a source no actor stands for, named by its description. */
export function unnamedSpeaker(body: string, source: Offsets): { actorId: string; name: string; mention: Offsets } {
  const name = body.slice(source.start, source.end);
  return { actorId: `${UNNAMED_SPEAKER_PREFIX}${slugify(name)}`, name, mention: { start: source.start, end: source.end } };
}
