import type { ArticleDocument } from '../text/article-document';
import { registryByKey } from '../lexicon/actor-registry';
import { givenNameGender } from '../lexicon/given-names';
import { isDemonym, placeByKey } from '../lexicon/gazetteer';
import {
  COMMON_WORDS,
  MISC_PROPER_WORDS,
  ORG_DESCRIPTOR_NOUNS,
  LEGAL_FORM_SUFFIXES,
  ORG_HEAD_WORDS,
  ORG_LEAD_WORDS,
  ORG_WORDS,
  ROLE_MODIFIERS,
  TITLE_WORDS,
} from '../lexicon/word-lists';
import { nameKey, possessiveBaseLength } from '../text/name-normalizer';

const ACRONYM_RE = /^[\p{Lu}][\p{Lu}\p{N}&]{1,5}$/u;
const MAX_PLACE_WORDS = 3;

function bareLower(lower: string): string {
  return lower.slice(0, possessiveBaseLength(lower));
}

function keyOf(doc: ArticleDocument, first: number, last: number): string {
  return nameKey(doc.body.slice(doc.tokens[first]!.start, doc.tokens[last - 1]!.end));
}

/** True when tokens [first, last) spell a gazetteer place that is not also a given name ("Chicago", "New York"). */
function isPlaceRun(doc: ArticleDocument, first: number, last: number): boolean {
  const key = keyOf(doc, first, last);
  if (!placeByKey(key) || isDemonym(key)) return false;
  return last - first > 1 || givenNameGender(key) === undefined;
}

/**
 * Number of leading tokens of [first, last) that spell a place ("Chicago" in "Chicago Bulls", "New York" in
 * "New York Knicks"), or 0. Leaves at least one token after the place.
 */
export function placePrefixLength(doc: ArticleDocument, first: number, last: number): number {
  for (let n = Math.min(MAX_PLACE_WORDS, last - first - 1); n >= 1; n -= 1) {
    if (isPlaceRun(doc, first, first + n)) return n;
  }
  return 0;
}

/**
 * "Chicago Bulls", "Washington Commanders", "New York Knicks": a place followed by one or two capitalised words
 * that are no given name, title, ordinary word or place name a team or company, not a person whose first name
 * happens to be missing. Without this the place is peeled off as a modifier.
 */
export function isPlacePrefixedOrg(doc: ArticleDocument, first: number, last: number): boolean {
  const n = placePrefixLength(doc, first, last);
  if (n === 0) return false;
  const rest = last - first - n;
  if (rest < 1 || rest > 2) return false;
  const restFirst = first + n;
  for (let k = restFirst; k < last; k += 1) {
    const t = doc.tokens[k]!;
    const lower = bareLower(t.lower);
    if (!t.isCap || COMMON_WORDS.has(lower) || MISC_PROPER_WORDS.has(lower) || TITLE_WORDS.has(lower)) return false;
    if (ROLE_MODIFIERS.has(lower) || isDemonym(nameKey(lower)) || placeByKey(nameKey(lower))) return false;
  }
  if (givenNameGender(nameKey(doc.tokens[restFirst]!.text)) !== undefined) return false;
  const restKey = keyOf(doc, restFirst, last);
  const registry = registryByKey(restKey);
  return registry === undefined || registry.kind === 'organization';
}

/**
 * True when a whole capitalised run [first, last) names one organisation even though the rules for people would
 * peel words off its front: an organisation word at the end or a legal-form suffix ("Siemens AG"), "<Head> of X"
 * anywhere ("Massachusetts Institute of Technology", "The Bank of England"), an organisation word followed by a
 * place ("Imperial College London"), an acronym followed by a place ("ETH Zurich"), a foreign organisation lead
 * word ("Banco Santander"), or a place-prefixed team or company ("Chicago Bulls"). A title word after the
 * organisation part ("Bank of England Governor Andrew Bailey") means the run is a role and a name instead.
 */
export function isWholeRunOrg(doc: ArticleDocument, first: number, last: number): boolean {
  const { tokens } = doc;
  if (last - first < 1) return false;
  const tail = bareLower(tokens[last - 1]!.lower);
  if (ORG_WORDS.has(tail)) return last - first > 1 || !COMMON_WORDS.has(tail);
  if (last - first < 2) return false;
  if (LEGAL_FORM_SUFFIXES.has(tail)) return true;
  if (hasTitleAfter(doc, first, last)) return false;
  for (let k = first; k < last - 1; k += 1) {
    const lower = tokens[k]!.lower;
    if (!ORG_WORDS.has(lower) && !ORG_HEAD_WORDS.has(lower)) continue;
    if (tokens[k + 1]!.lower === 'of') return true;
    if (k > first && isPlaceRun(doc, k + 1, last)) return true;
  }
  if (ORG_LEAD_WORDS.has(tokens[first]!.lower)) return true;
  if (last - first === 2 && ACRONYM_RE.test(tokens[first]!.text) && isPlaceRun(doc, first + 1, last)) return true;
  const registry = registryByKey(keyOf(doc, first, last));
  if (registry) return registry.kind === 'organization';
  return isPlacePrefixedOrg(doc, first, last);
}

function hasTitleAfter(doc: ArticleDocument, first: number, last: number): boolean {
  for (let k = first + 1; k < last; k += 1) if (TITLE_WORDS.has(doc.tokens[k]!.lower)) return true;
  return false;
}

/**
 * "Rival Stellantis", "Supplier Continental AG": a sentence-initial organisation description in front of a name
 * is not part of it. Returns the index where the organisation name starts, or -1.
 */
export function orgAfterInitialDescriptor(doc: ArticleDocument, first: number, last: number): number {
  if (last - first < 2 || doc.initial[first] !== 1) return -1;
  if (!ORG_DESCRIPTOR_NOUNS.has(doc.tokens[first]!.lower)) return -1;
  const next = doc.tokens[first + 1]!;
  if (givenNameGender(nameKey(next.text)) !== undefined || COMMON_WORDS.has(next.lower)) return -1;
  return first + 1;
}
