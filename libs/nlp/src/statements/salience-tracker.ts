import { countBelow } from '../text/count-below';
import type { ActorDraft, MentionRef } from '../actors/actor-model';
import type { ArticleDocument } from '../text/article-document';
import { isFiniteSpeechVerb } from '../lexicon/speech-verb-lexicon';
import { appositiveAges, describeCue, descriptionFit } from './description-cue';
import {
  CLAUSE_OPENERS,
  PERSON_DESCRIPTION_NOUNS,
  PREPOSITIONS,
  ROLE_MODIFIERS,
  SUBJECT_PRONOUN_KINDS,
  SUBORDINATORS,
  TITLE_WORDS,
  WEEKDAYS,
} from '../lexicon/word-lists';

/** A moment where an actor was (or was referred to as) the subject of narration. */
export interface SubjectEvent {
  token: number;
  actor: number;
  /** 3 main-clause subject, 2 subordinate-clause subject, 1 any other mention. */
  weight: number;
  sentence: number;
  /** For a description that salience resolved ("The Wisconsin Republican did …"): the token after its head. */
  descriptionEnd?: number;
}

/** Salience state of an article: subject events plus the resolution of every third-person subject pronoun. */
export interface Salience {
  events: SubjectEvent[];
  /** Token index of "he"/"she"/"they" -> actor index, or null when unresolved. */
  pronouns: Map<number, number | null>;
  /** Token index of an object or possessive pronoun ("him", "his", "her", "their") -> actor index, or null. */
  otherPronouns: Map<number, number | null>;
  /** Ages given in apposition ("Walsh, 52,"), by actor index, for "the 52-year-old" descriptions. */
  ages: Map<number, number>;
}

// Weight of an event by how many narrative sentences back it is; the current sentence counts most.
const DECAY = [1.5, 0.5, 0.25, 0.12];
const OTHER_PARAGRAPH = 0.6;
const MIN_SCORE = 0.45;
const MIN_MARGIN = 1.2;
/** Object and possessive third-person pronouns, resolved like subject pronouns but never made subject events. */
const OTHER_PRONOUN_KINDS: ReadonlyMap<string, 'm' | 'f' | 'plural'> = new Map([
  ['him', 'm'],
  ['his', 'm'],
  ['her', 'f'],
  ['them', 'plural'],
  ['their', 'plural'],
  ['its', 'plural'],
]);
const CLAUSE_PUNCT = new Set([',', ';', ':', '—', '–', '(', "''", '"', '”', '“']);

/** How strongly a mention's position makes its actor the topic of the passage. */
export function subjectWeight(doc: ArticleDocument, m: MentionRef): number {
  const { tokens, sentenceOf } = doc;
  if (m.possessive) return 1;
  // "On Twitter, she said": a name a sentence-initial preposition governs is no subject.
  if (m.lead < m.first && PREPOSITIONS.has(tokens[m.lead]!.lower)) return 1;
  // "While Anna Kessler waited, Tom Reyes spoke": a sentence-initial subordinator the name's run dropped.
  if (m.lead < m.first && SUBORDINATORS.has(tokens[m.lead]!.lower)) return 2;
  const prevIdx = m.lead - 1;
  const prev = prevIdx >= 0 && sentenceOf[prevIdx] === sentenceOf[m.first] ? tokens[prevIdx] : undefined;
  const after = afterTimeAdverbial(doc, afterParenthetical(doc, m.last));
  const next = tokens[after];
  const nextOk =
    next !== undefined &&
    sentenceOf[after] === sentenceOf[m.first] &&
    ((next.isWord && !next.isCap && !PREPOSITIONS.has(next.lower) && next.lower !== 'and' && next.lower !== 'or') ||
      next.text === ',');
  if (!nextOk) return 1;
  // "Union leader Sophie Binet", "Arsenal manager Mikel Arteta": an organisation before a title only modifies it.
  if (TITLE_WORDS.has(next.lower) && tokens[after + 1]?.isCap) return 1;
  // "Fire brigade spokesman X said": whoever a speech verb follows is what the sentence is about.
  if (isFiniteSpeechVerb(next.lower)) return 3;
  if (!prev || CLAUSE_PUNCT.has(prev.text)) return 3;
  if (CLAUSE_OPENERS.has(prev.lower)) return 2;
  if (opensWithRolePhrase(doc, prevIdx)) return 3;
  return 1;
}

/**
 * The verb after a day adverbial that opens at `k` ("Sanders on Saturday criticized", "Trump Tuesday said"), or `k`
 * when none does.
 */
function afterTimeAdverbial(doc: ArticleDocument, k: number): number {
  const { tokens } = doc;
  const j = tokens[k]?.lower === 'on' ? k + 1 : k;
  const verb = tokens[j + 1];
  return WEEKDAYS.has(tokens[j]?.lower ?? '') && verb?.isWord === true && !verb.isCap ? j + 1 : k;
}

const PARENTHETICAL_MAX = 8;

/**
 * The token after a short parenthetical that opens at `k` ("Rick Scott (R) blasted", "Gwen Moore (D-Wis.) said"), or
 * `k` when none does: the parenthetical closes within the sentence, without a second one opening inside it.
 */
export function afterParenthetical(doc: ArticleDocument, k: number): number {
  const { tokens, sentenceOf } = doc;
  if (tokens[k]?.text !== '(') return k;
  for (let j = k + 1; j < tokens.length && j - k <= PARENTHETICAL_MAX && sentenceOf[j] === sentenceOf[k]; j += 1) {
    if (tokens[j]!.text === '(') return k;
    if (tokens[j]!.text === ')') return j + 1;
  }
  return k;
}

const ROLE_PHRASE_MAX = 4;

/** "Reality star X has …", "Arsenal manager X was …": only a role phrase stands between the sentence start and the name. */
function opensWithRolePhrase(doc: ArticleDocument, last: number): boolean {
  const { tokens, sentenceOf } = doc;
  const sentence = sentenceOf[last];
  for (let k = last; k >= 0 && last - k < ROLE_PHRASE_MAX; k -= 1) {
    const t = tokens[k]!;
    if (sentenceOf[k] !== sentence || CLAUSE_PUNCT.has(t.text)) return true;
    if (
      !t.isWord ||
      !(t.isCap || TITLE_WORDS.has(t.lower) || ROLE_MODIFIERS.has(t.lower) || PERSON_DESCRIPTION_NOUNS.has(t.lower))
    )
      return false;
    if (k === 0) return true;
  }
  return false;
}

/** Scores candidate antecedents for a pronoun at `token`; returns the winner or null when unclear. */
export function resolveBySalience(
  doc: ArticleDocument,
  actors: readonly ActorDraft[],
  events: readonly SubjectEvent[],
  token: number,
  accept: (actor: ActorDraft) => number,
): number | null {
  const sentence = doc.sentenceOf[token]!;
  const here = doc.narrativeIndex[sentence]!;
  const paragraph = doc.tokens[token]!.paragraph;
  const scores = new Map<number, number>();
  for (let e = lastEventBefore(events, token); e >= 0; e -= 1) {
    const ev = events[e]!;
    const distance = here - doc.narrativeIndex[ev.sentence]!;
    if (distance >= DECAY.length) break;
    const fit = accept(actors[ev.actor]!);
    if (fit <= 0) continue;
    const sameParagraph = doc.tokens[ev.token]!.paragraph === paragraph;
    const score = ev.weight * DECAY[distance]! * fit * (sameParagraph ? 1 : OTHER_PARAGRAPH);
    scores.set(ev.actor, (scores.get(ev.actor) ?? 0) + score);
  }
  let best = -1;
  let bestScore = 0;
  let second = 0;
  for (const [actor, score] of scores) {
    if (score > bestScore) {
      second = bestScore;
      best = actor;
      bestScore = score;
    } else if (score > second) {
      second = score;
    }
  }
  if (best < 0 || bestScore < MIN_SCORE || bestScore < second * MIN_MARGIN) return null;
  return best;
}

/** Gender/number compatibility of an actor with a pronoun: 0 rules it out, 1 fits, in between is a weak fit. */
/** A pronoun against a gender guessed from the given name: possible, but any fitting actor wins. */
const GUESSED_GENDER_MISMATCH = 0.2;

export function pronounFit(kind: 'm' | 'f' | 'plural', actor: ActorDraft): number {
  if (kind === 'plural') return actor.kind === 'organization' ? 1 : 0;
  if (actor.kind !== 'person') return 0;
  if (actor.gender === 'u') return 0.6;
  if (actor.gender === kind) return 1;
  return actor.genderGuessed ? GUESSED_GENDER_MISMATCH : 0;
}

/**
 * Walks the article once, recording subject events for actor mentions outside quotes and resolving each
 * third-person subject pronoun by salience (the actor the passage is about, not the nearest name). Resolved
 * pronouns become subject events themselves, so "he ... he ... he" chains keep their referent.
 */
export function trackSalience(doc: ArticleDocument, actors: readonly ActorDraft[]): Salience {
  const { tokens, quoteOf, masked } = doc;
  const mentionsByToken = new Map<number, MentionRef>();
  const actorEndingAt = new Map<number, number>();
  for (const a of actors)
    for (const m of a.mentions) {
      if (!m.inQuote) mentionsByToken.set(m.first, m);
      actorEndingAt.set(m.last - 1, m.actor);
    }
  const events: SubjectEvent[] = [];
  const pronouns = new Map<number, number | null>();
  const otherPronouns = new Map<number, number | null>();
  const ages = appositiveAges(doc, actors);
  for (let i = 0; i < tokens.length; i += 1) {
    if (quoteOf[i] !== -1 || masked[i]) continue;
    const m = mentionsByToken.get(i);
    if (m) {
      // "Mike Huckabee, the former Arkansas governor, proposed": a description in apposition repeats its name's event.
      const appositive =
        m.kind === 'description' && tokens[m.lead - 1]?.text === ',' && actorEndingAt.get(m.lead - 2) === m.actor;
      if (!appositive) events.push({ token: i, actor: m.actor, weight: subjectWeight(doc, m), sentence: doc.sentenceOf[i]! });
      continue;
    }
    if (tokens[i]!.lower === 'the' && !mentionsByToken.has(i + 1)) {
      const described = describedSubject(doc, actors, events, ages, i);
      if (described !== null)
        events.push({ token: i, actor: described.actor, weight: 3, sentence: doc.sentenceOf[i]!, descriptionEnd: described.end });
      continue;
    }
    const kind = SUBJECT_PRONOUN_KINDS.get(tokens[i]!.lower);
    if (!kind) {
      // "his", "her", "them": a mention of whoever salience names, which does not change who the passage is about.
      const other = OTHER_PRONOUN_KINDS.get(tokens[i]!.lower);
      if (other)
        otherPronouns.set(
          i,
          resolveBySalience(doc, actors, events, i, (a) => pronounFit(other, a)),
        );
      continue;
    }
    const actor = resolveBySalience(doc, actors, events, i, (a) => pronounFit(kind, a));
    pronouns.set(i, actor);
    if (actor !== null) {
      const draft = actors[actor]!;
      // A confident "he"/"she" teaches us the gender of a person we knew only by surname.
      if (draft.gender === 'u' && kind !== 'plural') draft.gender = kind;
      events.push({ token: i, actor, weight: 3, sentence: doc.sentenceOf[i]! });
    }
  }
  return { events, pronouns, otherPronouns, ages };
}

const DESCRIPTION_HEAD_MAX = 3;

/**
 * "The 58-year-old had written to the judge": a description opening a clause refers back to the actor it fits
 * best, and makes that actor the subject so that a following "he" still finds them.
 */
function describedSubject(
  doc: ArticleDocument,
  actors: readonly ActorDraft[],
  events: readonly SubjectEvent[],
  ages: ReadonlyMap<number, number>,
  the: number,
): { actor: number; end: number } | null {
  const { tokens, sentenceOf } = doc;
  const prev = tokens[the - 1];
  if (prev && sentenceOf[the - 1] === sentenceOf[the] && !CLAUSE_PUNCT.has(prev.text)) return null;
  for (let head = the + 1; head <= the + DESCRIPTION_HEAD_MAX && head + 1 < tokens.length; head += 1) {
    const next = tokens[head + 1]!;
    if (!next.isWord || next.isCap || PREPOSITIONS.has(next.lower) || sentenceOf[head + 1] !== sentenceOf[the]) continue;
    const cue = describeCue(doc, the, head + 1);
    if (!cue) continue;
    const start = tokens[the]!.start;
    const actor = resolveBySalience(doc, actors, events, the, (a) => descriptionFit(cue, a, ages, start));
    return actor === null ? null : { actor, end: head + 1 };
  }
  return null;
}

/** The main-clause subject of the sentence containing `token`, looking only before it. */
export function mainSubject(doc: ArticleDocument, salience: Salience, token: number): SubjectEvent | undefined {
  const sentence = doc.sentenceOf[token]!;
  let found: SubjectEvent | undefined;
  for (let e = lastEventBefore(salience.events, token); e >= 0; e -= 1) {
    const ev = salience.events[e]!;
    if (ev.sentence !== sentence) break;
    if (ev.weight >= 3) found = ev;
  }
  return found;
}

/** Index of the last event strictly before `token` (events are in token order), or -1. */
export function lastEventBefore(events: readonly SubjectEvent[], token: number): number {
  return countBelow(events, (e) => e.token, token) - 1;
}
