import type { ActorDraft } from './actor-model';
import { isCountry, isDemonym, placeByKey } from '../lexicon/gazetteer';
import { nameKey } from '../text/name-normalizer';

/** Abbreviated titles in a stated role and the words a later description uses for them ("Sen." → "the senator"). */
const TITLE_ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['sen', ['senator']],
  ['gov', ['governor']],
  ['rep', ['representative', 'congressman', 'congresswoman', 'lawmaker']],
  ['pres', ['president']],
  ['gen', ['general']],
  ['atty', ['attorney']],
  ['prof', ['professor']],
]);

/** Each actor's role words, with the role they were read from (a role found later replaces them). */
const roleWordsCache = new WeakMap<ActorDraft, { role: ActorDraft['role']; words: ReadonlySet<string> }>();

/**
 * The words of an actor's stated role, with abbreviated titles also spelt out. Read once per role: every
 * description in an article is weighed against every earlier actor, so re-reading them cost the square of an
 * article naming thousands of people with roles.
 */
export function roleWordsOf(actor: ActorDraft): ReadonlySet<string> {
  const cached = roleWordsCache.get(actor);
  if (cached && cached.role === actor.role) return cached.words;
  const words = new Set(actor.role ? nameKey(actor.role.text).split(' ') : []);
  for (const w of [...words]) for (const full of TITLE_ABBREVIATIONS.get(w) ?? []) words.add(full);
  roleWordsCache.set(actor, { role: actor.role, words });
  return words;
}

/** A sub-national place ("Vermont", "South Carolina"): where someone holds office, not which country's office it is. */
function isWhereModifier(key: string): boolean {
  return placeByKey(key) !== undefined && !isCountry(key) && !isDemonym(key);
}

function namesPlace(role: ReadonlySet<string>): boolean {
  return [...role].some((w) => placeByKey(w) !== undefined || isDemonym(w));
}

/**
 * Whether a description's modifiers fit an actor's role words: each must be in the role, except that a state or
 * city ("the Vermont senator", "the South Carolina senator") may be left out of a role that names no place at all
 * ("Sen. Bernie Sanders"), as US copy gives the state in a party tag or not at all.
 */
export function modifiersFitRole(modifiers: readonly string[], role: ReadonlySet<string>): boolean {
  const placeFree = !namesPlace(role);
  for (let i = 0; i < modifiers.length; i += 1) {
    const pair = i + 1 < modifiers.length ? `${modifiers[i]} ${modifiers[i + 1]}` : '';
    if (pair && isWhereModifier(pair)) {
      if (!(placeFree || (role.has(modifiers[i]!) && role.has(modifiers[i + 1]!)))) return false;
      i += 1;
      continue;
    }
    const m = modifiers[i]!;
    if (!role.has(m) && !(placeFree && isWhereModifier(m))) return false;
  }
  return true;
}

/**
 * The modifiers that any role `modifiersFitRole` accepts must itself contain: those neither a place where someone
 * holds office nor part of one ("the Swedish defence minister" needs "swedish" and "defence"; "the South Carolina
 * senator" needs neither). Lets the description index look actors up by their rarest such word.
 */
export function requiredRoleWords(modifiers: readonly string[]): string[] {
  const required: string[] = [];
  for (let i = 0; i < modifiers.length; i += 1) {
    const pair = i + 1 < modifiers.length ? `${modifiers[i]} ${modifiers[i + 1]}` : '';
    if (pair && isWhereModifier(pair)) {
      i += 1;
      continue;
    }
    if (!isWhereModifier(modifiers[i]!)) required.push(modifiers[i]!);
  }
  return required;
}
