import type { ArticleDocument } from '../text/article-document';
import { isDemonym, placeByKey } from '../lexicon/gazetteer';
import {
  DETERMINERS,
  HONORIFICS,
  NAME_SUFFIXES,
  ROLE_MODIFIERS,
  TITLE_DEPARTMENT_WORDS,
  TITLE_WORDS,
} from '../lexicon/word-lists';
import { nameKey } from '../text/name-normalizer';
import { givenNameGender } from '../lexicon/given-names';

const POSSESSIVE_RE = /['’]s$/;
const DIGITS_RE = /^\p{N}+$/u;

/** Where a title in front of a capitalised sequence ends, and where the name proper begins. */
export interface LeadingRole {
  /** Token index where the role starts (after any determiner). */
  roleFirst: number;
  /** Token index where the name starts. */
  nameFirst: number;
  hasTitle: boolean;
  /** End of leading nationality/role adjectives when there is no title (they are not part of the name). */
  adjectivesEnd: number;
}

function isRoleWord(lower: string): boolean {
  const bare = lower.replace(POSSESSIVE_RE, '');
  const key = nameKey(bare);
  // "Chad Morris", "Sofia Lindqvist": a place that is also a given name opens a person's name, not a role.
  return ROLE_MODIFIERS.has(bare) || isDemonym(key) || (placeByKey(key) !== undefined && givenNameGender(key) === undefined);
}

/** A title word, or a hyphenated title of title words ("Lieutenant-Colonel", "Attorney-General"). */
function isTitleWord(lower: string): boolean {
  return TITLE_WORDS.has(lower) || (lower.includes('-') && lower.split('-').every((part) => TITLE_WORDS.has(part)));
}

/**
 * Splits "Ukrainian President Volodymyr Zelenskyy" / "Secretary of State Marco Rubio" / "Russia's Foreign Minister
 * Sergey Lavrov" into role words and name. Leaves at least one token for the name.
 */
export function parseLeadingRole(doc: ArticleDocument, first: number, last: number): LeadingRole {
  const { tokens } = doc;
  let roleFirst = first;
  if (roleFirst < last - 1 && DETERMINERS.has(tokens[roleFirst]!.lower)) roleFirst += 1;
  // The role ends at the last title word that still leaves a name after it, so organisation words in front
  // ("Senate Majority Leader", "European Commission spokeswoman") stay in the role.
  let nameFirst = -1;
  for (let k = roleFirst; k < last - 1; k += 1) {
    const lower = tokens[k]!.lower;
    if (!isTitleWord(lower) && !HONORIFICS.has(lower)) continue;
    let end = k + 1;
    if (tokens[end]?.lower === 'of') {
      let m = end + 1;
      while (m < last - 1 && (TITLE_DEPARTMENT_WORDS.has(tokens[m]!.lower) || placeByKey(nameKey(tokens[m]!.text)))) m += 1;
      if (m > end + 1) end = m;
    }
    // "Martin Luther King Jr.": a title word followed only by a generational suffix is part of the name.
    if (end < last && !(end === last - 1 && NAME_SUFFIXES.has(tokens[end]!.lower))) nameFirst = end;
  }
  if (nameFirst === -1) {
    // No title: only nationality or role adjectives can be peeled off ("Russian", "Former").
    let k = roleFirst;
    while (k < last - 1 && isRoleWord(tokens[k]!.lower) && !TITLE_WORDS.has(tokens[k]!.lower)) k += 1;
    return { roleFirst, nameFirst: roleFirst, hasTitle: false, adjectivesEnd: k };
  }
  return { roleFirst, nameFirst, hasTitle: true, adjectivesEnd: nameFirst };
}

/**
 * Extends a role leftwards over lower-case role words ("former", "defense minister", "Trump's special envoy,",
 * "UFCW Local 832 president"). Returns the first token of the role, or -1 when nothing precedes.
 * `requireTitle` is true when no title was found inside the capitalised sequence itself.
 */
export function parseRoleBefore(
  doc: ArticleDocument,
  before: number,
  requireTitle: boolean,
): { first: number; last: number } | null {
  const { tokens, sentenceOf } = doc;
  if (before < 0) return null;
  const sentence = sentenceOf[before + 1] ?? sentenceOf[before]!;
  let k = before;
  let last = before + 1;
  if (requireTitle) {
    // Appositive order: "Trump's special envoy, Steve Witkoff".
    if (tokens[k]?.text === ',' && k > 0 && TITLE_WORDS.has(tokens[k - 1]!.lower)) {
      k -= 1;
      last = k + 1;
    }
    const head = tokens[k];
    if (!head || sentenceOf[k] !== sentence || head.isCap || !TITLE_WORDS.has(head.lower)) return null;
    k -= 1;
  }
  const limit = Math.max(0, before - 7);
  while (k >= limit && sentenceOf[k] === sentence) {
    const t = tokens[k]!;
    if (!t.isWord) break;
    const lower = t.lower;
    const ok =
      (!t.isCap && (ROLE_MODIFIERS.has(lower) || TITLE_WORDS.has(lower))) ||
      isDemonym(nameKey(t.text)) ||
      (t.isCap && POSSESSIVE_RE.test(t.text) && placeByKey(nameKey(t.text)) !== undefined) ||
      (requireTitle && (t.isCap || DIGITS_RE.test(t.text)) && !DETERMINERS.has(lower));
    if (!ok) break;
    k -= 1;
  }
  const firstRole = k + 1;
  if (firstRole >= last) return null;
  return { first: firstRole, last };
}
