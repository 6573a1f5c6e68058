import type { ArticleDocument } from '../text/article-document';
import { isDemonym, placeByKey } from '../lexicon/gazetteer';
import { DETERMINERS, ORG_HEAD_WORDS, ORG_WORDS, ROLE_MODIFIERS, TITLE_WORDS } from '../lexicon/word-lists';
import { nameKey } from '../text/name-normalizer';
import type { ActorDraft, MentionRef } from './actor-model';
import { ActorsByDescriptionWord } from './actors-by-description-word';

const ORG_NOUNS = new Set([...ORG_WORDS, ...ORG_HEAD_WORDS, 'government', 'kremlin', 'company', 'firm']);
const POSSESSIVE_RE = /['’]s$/;

/**
 * The actor a description such as "the Ukrainian president" or "the ministry" refers to, when exactly one actor
 * of the article fits (by role words for people, by name words for organisations), looked up in the article's
 * `index` of actors by description word. Tokens [from, to).
 */
export function resolveDescription(
  doc: ArticleDocument,
  index: ActorsByDescriptionWord,
  from: number,
  to: number,
): number | null {
  const { tokens } = doc;
  const head = tokens[to - 1];
  if (!head || !head.isWord) return null;
  const headKey = head.lower.replace(POSSESSIVE_RE, '');
  const modifiers: string[] = [];
  for (let k = from; k < to - 1; k += 1) {
    const t = tokens[k]!;
    if (!t.isWord || DETERMINERS.has(t.lower)) continue;
    const key = nameKey(t.text);
    if (isDemonym(key) || placeByKey(key) || t.isCap || ROLE_MODIFIERS.has(t.lower)) modifiers.push(key);
  }
  // Only someone already introduced can be referred back to.
  const start = tokens[from]!.start;
  let match: ActorDraft | null;
  if (TITLE_WORDS.has(headKey)) match = index.solePersonByRole(headKey, modifiers, start);
  else if (ORG_NOUNS.has(headKey)) match = index.soleOrganizationByNameWord(headKey, start);
  else return null;
  return match ? match.index : null;
}

/**
 * Adds "the Ukrainian president"-style descriptions as mentions of the one actor whose role they match, so that
 * later references by description count towards that actor.
 */
export function addDescriptionMentions(doc: ArticleDocument, actors: ActorDraft[]): void {
  const { tokens, masked, quoteOf } = doc;
  let index: ActorsByDescriptionWord | undefined;
  // The tokens where each described actor's mentions end, kept as descriptions are added: an actor described
  // thousands of times made a pass over its mentions per description cost the square of the article.
  const mentionEnds = new Map<ActorDraft, Set<number>>();
  const mentionEndsOf = (actor: ActorDraft): ReadonlySet<number> => {
    let ends = mentionEnds.get(actor);
    if (!ends) mentionEnds.set(actor, (ends = new Set(actor.mentions.map((m) => m.last))));
    return ends;
  };
  const described = new Set<ActorDraft>();
  for (let i = 0; i < tokens.length - 1; i += 1) {
    if (tokens[i]!.lower !== 'the' || masked[i]) continue;
    let j = i + 1;
    while (j < tokens.length && j - i <= 3 && !TITLE_WORDS.has(tokens[j]!.lower)) {
      const t = tokens[j]!;
      const key = nameKey(t.text);
      // "the Florida senator", "the Swedish minister", "the former senator".
      if (!(isDemonym(key) || (t.isCap && placeByKey(key)) || (!t.isCap && ROLE_MODIFIERS.has(t.lower)))) break;
      j += 1;
    }
    const head = tokens[j];
    if (!head || head.isCap || !TITLE_WORDS.has(head.lower)) continue;
    const after = tokens[j + 1];
    if (after && after.isCap && after.start - head.end <= 1) continue;
    // "the director, Sofia Lindqvist,": the description only introduces the name that follows it.
    if (after?.text === ',' && tokens[j + 2]?.isCap) continue;
    const actor = resolveDescription(doc, (index ??= new ActorsByDescriptionWord(actors)), i, j + 1);
    if (actor === null) continue;
    const draft = actors[actor]!;
    if (describesAnotherName(doc, i, () => mentionEndsOf(draft))) continue;
    const start = tokens[i + 1]!.start;
    const end = head.end;
    const mention: MentionRef = {
      actor,
      kind: 'description',
      first: i + 1,
      last: j + 1,
      lead: i,
      start,
      end,
      text: doc.body.slice(start, end),
      possessive: false,
      inQuote: quoteOf[i] !== -1,
    };
    draft.mentions.push(mention);
    mentionEnds.get(draft)?.add(mention.last);
    described.add(draft);
    i = j;
  }
  // Sorted once, not after each addition: a stable sort leaves the same order either way.
  for (const draft of described) draft.mentions.sort((a, b) => a.start - b.start);
}

/**
 * "James Hamilton, the Washington lawyer leading …": a description in apposition to a name describes that name, so it
 * is no mention of another actor.
 */
function describesAnotherName(doc: ArticleDocument, the: number, mentionEnds: () => ReadonlySet<number>): boolean {
  const { tokens } = doc;
  const named = tokens[the - 2];
  if (tokens[the - 1]?.text !== ',' || !named?.isCap) return false;
  return !mentionEnds().has(the - 1);
}
