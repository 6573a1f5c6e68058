import type { ArticleDocument } from '../text/article-document';
import { NAME_TAGS, spansOfTags, type NameSpan } from '../names/name-tagger';
import { nameKey, possessiveBaseLength } from '../text/name-normalizer';
import type { DocumentTags } from '../names/name-tagger.model';
import type { NameCandidate } from './name-candidate-scanner';
import { placeByKey } from '../lexicon/gazetteer';
import { givenNameGender } from '../lexicon/given-names';
import { DETERMINERS, NAME_CONNECTORS, NON_ORG_ACRONYMS, ORG_WORDS, TITLE_WORDS } from '../lexicon/word-lists';
import { MASK_DATELINE, MASK_SHORT_LINE } from '../text/boilerplate-masker';

/**
 * Confidences below are the tagger's max-marginal margins (`NameTagger.tagWithMargins`): how much better the best tag
 * sequence scores than the best one that gives the token another type or O. All were chosen on CoNLL-2003 dev, as the
 * values that raise its entity F1 without lowering GUM dev mention F1 or PolNeAR dev figures, and keep the unit
 * specs green.
 */

/**
 * A lone unknown word takes the model's type over the rules' context cues when the model is at least this sure; a
 * word that is also part of a longer name in the article (a surname the folder links) needs `LONE_NAME_OVERRIDE_MARGIN`.
 * Chosen again on dev after the tagger gained word clusters (1.10.0): 22 against 30 raised CoNLL-2003 dev ORG / LOC by
 * 0.2 each and left GUM and PolNeAR dev unchanged; 20 gave ORG 85.3 but typed a lone surname in a tennis score line as
 * an organisation.
 */
export const LONE_UNLINKED_NAME_OVERRIDE_MARGIN = 22;
export const LONE_NAME_OVERRIDE_MARGIN = 30;

/** A lone unknown word the model tags as a miscellaneous name (nationality, event) is dropped when this sure. */
export const MISC_DROP_MARGIN = 20;

/**
 * A model span whose every token is at least this sure replaces rule candidates it cuts differently ("Organisation
 * for Security and Cooperation in Europe" read by the rules as three names, "Ohio-based KeyCorp").
 */
export const SPAN_OVERRIDE_MARGIN = 10;

/** A rule candidate the model tags with exactly the same edges takes the model's type when it is this sure. */
export const TYPE_OVERRIDE_MARGIN = 15;

/**
 * A rule candidate inside one miscellaneous name of the model ("U.S. Open", "World Series", "Afrikaners", "Day" of
 * "Labor Day") is dropped when every token of that name is this sure, unless the registry knows it, it speaks, or the
 * rules made it an organisation by its last word ("Republican National Convention", and "the Convention" after it).
 * Until 1.15.0 the name had to have exactly the candidate's edges; covering it raised CoNLL-2003 dev PER / ORG / LOC
 * 93.6 / 85.3 / 93.9 -> 94.0 / 86.0 / 94.1 and GUM dev PER named 48.8 -> 49.0, PolNeAR dev unchanged.
 */
export const MISC_SPAN_DROP_MARGIN = 5;
/** How far before a candidate the miscellaneous name that covers it may start. */
const MISC_SPAN_LOOKBACK = 8;

/** How sure the model must be of an organisation or place inside the role words before a name. */
export const ROLE_NAME_MARGIN = 30;
const NAME = 1;
const ROLE = 2;

/** A rule candidate over tokens the model tags O with at least this margin is no name ("Results", "Extras"). */
export const NO_NAME_MARGIN = 20;

/**
 * Settles candidates the rules could not classify from local evidence ('unknown', 'acronym') with the learned name
 * tagger, which reads the whole sentence: a span the model tags exactly as a person, organisation or place takes that
 * class; a run the model tags as a miscellaneous name (nationality, event, product) or as no name at all is dropped.
 * Candidates with lexical evidence (registry, gazetteer, titles, given names, organisation words) keep the rules'
 * verdict unless the model is sure of another reading (see `overrideWithConfidentSpans`), or it is a gazetteer place
 * the model reads as an organisation (a club or county side named by its town). The model also proposes names the
 * rules never saw, including in headlines, results lines and box scores (which the rules skip) and places in datelines.
 */
export function refineWithNameTagger(
  doc: ArticleDocument,
  candidates: readonly NameCandidate[],
  { tags, margins }: DocumentTags,
  overrideMargin = LONE_UNLINKED_NAME_OVERRIDE_MARGIN,
): NameCandidate[] {
  const spanAt = new Map<number, NameSpan>();
  for (const s of doc.sentences) {
    for (const span of spansOfTags(tags.subarray(s.first, s.last)))
      spanAt.set(span.start + s.first, { ...span, start: span.start + s.first, end: span.end + s.first });
  }
  const out: NameCandidate[] = [];
  const surnames = new Set(candidates.filter((c) => c.words.length > 1).flatMap((c) => c.words));
  const particleSurnames = particleSurnamesOf(candidates);
  for (const c of overrideWithConfidentSpans(doc, candidates, spanAt, { tags, margins })) {
    const span = spanAt.get(c.first);
    // The tagger reads "Le Pen" alone as no name or a miscellaneous one; the article's full name says it is a person.
    if (c.cls === 'unknown' && particleSurnames.has(c.words.join(' '))) {
      out.push(c);
      continue;
    }
    // One-word names lean on article-level evidence (surname links, sports lines, pronouns) that the rules weigh
    // first; the folder falls back on the model's type only when the rules would drop the word.
    if (c.cls === 'unknown' && c.last - c.first === 1) {
      const exact = span && span.end === c.last ? span : undefined;
      const surname = surnames.has(c.key);
      if (exact && exact.type !== 'MISC' && margins[c.first]! >= (surname ? LONE_NAME_OVERRIDE_MARGIN : overrideMargin))
        out.push(classified(c, exact.type));
      // A nationality or an event name ("Moslem", "Olympics") is no actor, whatever the context cues suggest, unless
      // it is the surname of a person the article names in full ("Cuban" after "Mark Cuban").
      else if (surname || exact?.type !== 'MISC' || margins[c.first]! < MISC_DROP_MARGIN)
        out.push(exact ? { ...c, modelType: exact.type, modelMargin: margins[c.first]! } : c);
      continue;
    }
    if (isGazetteerPlace(c) && span?.type === 'ORG' && span.start === c.first && span.end === c.last) {
      out.push(classified(c, 'ORG'));
      continue;
    }
    if (c.cls !== 'unknown' && c.cls !== 'acronym') {
      out.push(c);
      continue;
    }
    if (span && span.end === c.last) {
      if (span.type !== 'MISC') out.push(classified(c, span.type));
      continue;
    }
    // "Maricopa County Recorder Helen Purcell": a run that ends in a person the model is sure of, from a given name on,
    // names that person, the words before being their role.
    const person = lastSpanInside(spanAt, c);
    if (
      person?.type === 'PER' &&
      givenNameGender(nameKey(doc.tokens[person.start]!.lower)) !== undefined &&
      spanConfidence(person.start, person.end, margins) >= SPAN_OVERRIDE_MARGIN
    ) {
      out.push(recut(doc, c, person));
      continue;
    }
    let named = false;
    for (let k = c.first; k < c.last; k += 1) if (NAME_TAGS[tags[k]!] !== 'O') named = true;
    if (named) out.push(c);
  }
  // Names the rules saw no run for at all (a capitalised common word, a name after a lower-case particle).
  const covered = new Uint8Array(doc.tokens.length);
  for (const c of candidates) for (let k = Math.min(c.lead, c.first); k < c.last; k += 1) covered[k] = k < c.first ? ROLE : NAME;
  for (const span of spanAt.values()) {
    // "a new TV ad": an upper-case word the rules know is no organisation stays none when the model reads one.
    if (
      span.type === 'MISC' ||
      (span.type === 'ORG' && span.end - span.start === 1 && NON_ORG_ACRONYMS.has(doc.tokens[span.start]!.lower)) ||
      completesTitle(doc, span) ||
      describesPartyMember(doc, span)
    )
      continue;
    let free = true;
    let inRole = true;
    for (let k = span.start; k < span.end; k += 1) {
      if (covered[k] || !modelReadsThroughMask(doc.masked[k]!, span)) free = false;
      if (covered[k] !== ROLE) inRole = false;
    }
    // "Federal Reserve Governor Lawrence Lindsey", "South Carolina Gov. Carroll Campbell": an organisation or a place the
    // model is sure of inside the role words before a name is named there too; words of a person's name there
    // ("President Trump and Erdoğan") stay the person's.
    const confident = inRole && spanConfidence(span.start, span.end, margins) >= ROLE_NAME_MARGIN;
    if (free) out.push(candidateFromSpan(doc, span));
    else if (confident && !spanHoldsNameWord(doc, span, surnames)) {
      const named = withoutChamberSide(doc, span);
      if (named) out.push(candidateFromSpan(doc, named));
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Words for a side of a chamber, which belong to the title that follows ("Senate Minority Leader"). */
const CHAMBER_SIDE_WORDS = new Set(['majority', 'minority']);

/**
 * "Senate Minority Leader Harry Reid": an organisation the model reads in a role ends before the chamber's side, which
 * is part of the title ("Senate", not "Senate Minority"). Null when nothing is left.
 */
function withoutChamberSide(doc: ArticleDocument, span: NameSpan): NameSpan | null {
  let end = span.end;
  while (end > span.start && CHAMBER_SIDE_WORDS.has(doc.tokens[end - 1]!.lower)) end -= 1;
  return end > span.start ? { ...span, end } : null;
}

/**
 * "a job as Secretary of Defense", "the Minister of Finance": one word after a title and "of" names the office, not
 * an actor of its own.
 */
function completesTitle(doc: ArticleDocument, span: NameSpan): boolean {
  const { tokens } = doc;
  return (
    span.end - span.start === 1 &&
    tokens[span.start - 1]?.lower === 'of' &&
    tokens[span.start - 2]?.isCap === true &&
    TITLE_WORDS.has(tokens[span.start - 2]!.lower)
  );
}

/** Nouns for a member of a party, which after a place describe a person ("the Oregon Democrat"). */
const PARTY_MEMBER_NOUNS = new Set(['democrat', 'republican', 'independent']);

/**
 * "the Oregon Democrat said": a determiner, a place or state and a party member's noun describe a person the article
 * names elsewhere; they name no organisation or person of their own.
 */
function describesPartyMember(doc: ArticleDocument, span: NameSpan): boolean {
  const { tokens } = doc;
  return (
    span.end - span.start >= 2 &&
    PARTY_MEMBER_NOUNS.has(tokens[span.end - 1]!.lower) &&
    DETERMINERS.has(tokens[span.start - 1]?.lower ?? '')
  );
}

/** "Le Pen" after "Marine Le Pen": the particle-led ends of names the article gives in full, which name those people. */
function particleSurnamesOf(candidates: readonly NameCandidate[]): Set<string> {
  return new Set(
    candidates.flatMap((c) => c.words.flatMap((w, i) => (i > 0 && NAME_CONNECTORS.has(w) ? [c.words.slice(i).join(' ')] : []))),
  );
}

/**
 * Lets the model overrule the rules where it is sure: it drops candidates where it reads no name, retypes candidates
 * it tags with the same edges, and recuts runs it tags with other edges. Registry names keep the rules' reading, and
 * so do speakers (a speech verb is evidence the rules weigh) and surnames of a full name used elsewhere in the article.
 */
function overrideWithConfidentSpans(
  doc: ArticleDocument,
  candidates: readonly NameCandidate[],
  spanAt: ReadonlyMap<number, NameSpan>,
  { tags, margins }: DocumentTags,
): NameCandidate[] {
  const out: NameCandidate[] = [];
  const namedElsewhere = new Set(candidates.filter((c) => c.words.length > 1).flatMap((c) => c.words));
  const spans = [...spanAt.values()]
    .filter((s): s is NameSpan & { type: ActorNameType } => s.type !== 'MISC')
    .sort((a, b) => a.start - b.start);
  let si = 0;
  for (let ci = 0; ci < candidates.length; ci += 1) {
    const c = candidates[ci]!;
    if (c.cls === 'registry') {
      out.push(c);
      continue;
    }
    if (isMiscName(c)) continue;
    while (si < spans.length && spans[si]!.end <= c.first) si += 1;
    const span = spans[si];
    if (!span || span.start >= c.last) {
      if (!readsNoName(c)) out.push(c);
      continue;
    }
    const confidence = spanConfidence(span.start, span.end, margins);
    if (span.start === c.first && span.end === c.last) {
      const own = TYPE_OF_CLASS[c.cls];
      // "Israel said" after "Steve Israel": the rules' person who bears the surname of a longer name keeps its type.
      const surname = c.cls === 'person' && c.words.length === 1 && namedElsewhere.has(c.key);
      const override = own && own !== span.type && confidence >= TYPE_OVERRIDE_MARGIN && !surname;
      out.push(override ? classified(c, span.type) : c);
      continue;
    }
    let j = ci;
    while (j + 1 < candidates.length && candidates[j + 1]!.first < span.end) j += 1;
    const touched = candidates.slice(ci, j + 1);
    if (
      confidence < SPAN_OVERRIDE_MARGIN ||
      touched[touched.length - 1]!.last > span.end ||
      touched.some((t) => t.cls === 'registry' || t.speech)
    ) {
      out.push(c);
      continue;
    }
    out.push(recut(doc, c, span));
    ci = j;
  }
  return out;

  function isMiscName(c: NameCandidate): boolean {
    if (c.speech || headedByOrgWord(c)) return false;
    const span = miscSpanCovering(c.first, c.last);
    return span !== undefined && spanConfidence(span.start, span.end, margins) >= MISC_SPAN_DROP_MARGIN;
  }

  /** The miscellaneous-name span of the model that covers tokens [first, last) ("Labor Day" over a candidate "Day"). */
  function miscSpanCovering(first: number, last: number): NameSpan | undefined {
    for (let k = first; k >= 0 && first - k < MISC_SPAN_LOOKBACK; k -= 1) {
      const span = spanAt.get(k);
      if (span) return span.type === 'MISC' && span.end >= last ? span : undefined;
    }
    return undefined;
  }

  function readsNoName(c: NameCandidate): boolean {
    if (c.speech || namedElsewhere.has(c.key)) return false;
    if (c.cls !== 'unknown' && (c.cls !== 'person' || c.role)) return false;
    for (let k = c.first; k < c.last; k += 1) if (NAME_TAGS[tags[k]!] !== 'O') return false;
    return spanConfidence(c.first, c.last, margins) >= NO_NAME_MARGIN;
  }
}

/**
 * "Republican National Convention", "Tax Policy Center": an organisation by its last word, which the name tagger may
 * read as an event or another miscellaneous name (its lexicon, frozen with the model, predates "convention" and
 * "center" among the organisation words).
 */
function headedByOrgWord(c: NameCandidate): boolean {
  return c.cls === 'organization' && ORG_WORDS.has(c.words[c.words.length - 1]!);
}

/** Whether a word of the span is a word of a longer name in the article. */
function spanHoldsNameWord(doc: ArticleDocument, span: NameSpan, nameWords: ReadonlySet<string>): boolean {
  for (let k = span.start; k < span.end; k += 1) if (nameWords.has(nameKey(doc.tokens[k]!.text))) return true;
  return false;
}

/** The model's span that ends where the candidate ends and starts inside it, if any. */
function lastSpanInside(spanAt: ReadonlyMap<number, NameSpan>, c: NameCandidate): NameSpan | undefined {
  for (let k = c.last - 1; k > c.first; k -= 1) {
    const span = spanAt.get(k);
    if (span) return span.end === c.last ? span : undefined;
  }
  return undefined;
}

/** Lowest margin over tokens [first, last): how sure the model is of its reading of the run as a whole. */
function spanConfidence(first: number, last: number, margins: Float32Array): number {
  let min = Infinity;
  for (let k = first; k < last; k += 1) min = Math.min(min, margins[k]!);
  return min;
}

const TYPE_OF_CLASS: Partial<Record<NameCandidate['cls'], NameSpan['type']>> = {
  person: 'PER',
  organization: 'ORG',
  place: 'LOC',
};

/** The model's span in place of the rules' run, keeping what the rules learnt about a person (role, speech, gender). */
function recut(doc: ArticleDocument, c: NameCandidate, span: NameSpan): NameCandidate {
  const fresh = candidateFromSpan(doc, span);
  if (span.type !== 'PER') return { ...fresh, lead: Math.min(c.lead, span.start) };
  return { ...fresh, role: c.role, gender: c.gender, lead: Math.min(c.lead, span.start) };
}

/**
 * The rules skip masked lines, having no sentence context there; the model still reads a short title-cased line
 * (headline, results line, box score) and the place of a dateline. Credits and colon labels stay unread.
 */
function modelReadsThroughMask(mask: number, span: NameSpan): boolean {
  return mask === 0 || mask === MASK_SHORT_LINE || (mask === MASK_DATELINE && span.type === 'LOC');
}

/** A place the gazetteer knows by name; a place known only by its last word ("Palace", "Square") is not one. */
function isGazetteerPlace(c: NameCandidate): boolean {
  return c.cls === 'place' && placeByKey(c.key) !== undefined;
}

type ActorNameType = 'PER' | 'ORG' | 'LOC';

function classified(c: NameCandidate, type: ActorNameType): NameCandidate {
  if (type === 'PER') return { ...c, cls: 'person', personCue: true };
  if (type === 'ORG') return { ...c, cls: 'organization' };
  return { ...c, cls: 'place', place: { name: c.text, capital: false } };
}

function candidateFromSpan(doc: ArticleDocument, span: NameSpan): NameCandidate {
  const last = doc.tokens[span.end - 1]!;
  const start = doc.tokens[span.start]!.start;
  const end = last.start + possessiveBaseLength(last.text);
  const text = doc.body.slice(start, end);
  const key = nameKey(text);
  const base = {
    first: span.start,
    last: span.end,
    lead: span.start,
    start,
    end,
    text,
    key,
    words: key.split(' '),
    possessive: end !== last.end,
    inQuote: doc.quoteOf[span.start] !== -1,
    gender: 'u' as const,
    titleGender: 'u' as const,
    personCue: span.type === 'PER',
    modelType: span.type,
  };
  if (span.type === 'PER') return { ...base, cls: 'person' };
  if (span.type === 'ORG') return { ...base, cls: 'organization' };
  return { ...base, cls: 'place', place: { name: text, capital: false } };
}
