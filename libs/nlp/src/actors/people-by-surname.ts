import { givenNameGender } from '../lexicon/given-names';
import { COMMON_WORDS } from '../lexicon/word-lists';
import { countBelow } from '../text/count-below';
import { nameKey } from '../text/name-normalizer';
import type { ActorDraft } from './actor-model';
import { MentionTimeline } from './mention-timeline';

/** The people listed under one surname, in the order they were listed, with lookups into that order. */
interface SurnameList {
  people: ActorDraft[];
  /** Where the first person listed with each first given name stands. */
  firstByGivenName: Map<string, number>;
  /**
   * Where the people stand whose name, after its first word, is these words ("Debbie Wasserman Schultz" under
   * ["wasserman","schultz"]), ascending; a person renamed moves to their new words.
   */
  byRestOfName: Map<string, number[]>;
  /** Every mention of the people listed, by start. */
  mentions: MentionTimeline<ActorDraft>;
}

/** Where one person stands: under which surnames, at which position, and the rest of their name as keyed now. */
interface Listing {
  positions: Map<string, number>;
  restOfName: string | undefined;
}

/**
 * The people of an article by surname while actors are folded, each list in the order people were first listed
 * under it. A full name looks up the person it continues ("John A. Smith" after "John Smith", "Wasserman Schultz"
 * after "Debbie Wasserman Schultz") by given name and by the rest of the name, instead of weighing everyone of that
 * surname: an article naming thousands of people who share a surname cost its square.
 */
export class PeopleBySurname {
  private readonly lists = new Map<string, SurnameList>();
  private readonly listings = new Map<ActorDraft, Listing>();

  has(surname: string): boolean {
    return this.lists.has(surname);
  }

  /** The people listed under `surname`, in the order they were listed; none when nobody is. */
  people(surname: string): readonly ActorDraft[] | undefined {
    return this.lists.get(surname)?.people;
  }

  /**
   * Lists a person under `surname` once, with the starts of their mentions so far; their `firstKey` must be set by
   * then (it never changes after).
   */
  add(person: ActorDraft, surname: string, mentionStarts: Iterable<number>): void {
    let listing = this.listings.get(person);
    if (listing?.positions.has(surname)) return;
    if (!listing) this.listings.set(person, (listing = { positions: new Map(), restOfName: restOfNameKey(person.name) }));
    let list = this.lists.get(surname);
    if (!list)
      this.lists.set(
        surname,
        (list = { people: [], firstByGivenName: new Map(), byRestOfName: new Map(), mentions: new MentionTimeline() }),
      );
    const at = list.people.length;
    list.people.push(person);
    for (const start of mentionStarts) list.mentions.add(start, person);
    listing.positions.set(surname, at);
    if (person.firstKey !== undefined && !list.firstByGivenName.has(person.firstKey))
      list.firstByGivenName.set(person.firstKey, at);
    if (listing.restOfName !== undefined) insertSorted(listed(list.byRestOfName, listing.restOfName), at);
  }

  /** Records a new mention of a person under every surname they are listed under. */
  mentioned(person: ActorDraft, start: number): void {
    const listing = this.listings.get(person);
    if (listing) for (const surname of listing.positions.keys()) this.lists.get(surname)!.mentions.add(start, person);
  }

  /**
   * The accepted person listed under `surname` who was mentioned last before `offset` (of two mentioned at the same
   * start, the one listed first), else the first accepted person listed; none when no one listed is accepted.
   */
  latestMentionedBefore(surname: string, offset: number, accept: (person: ActorDraft) => boolean): ActorDraft | undefined {
    const list = this.lists.get(surname);
    if (!list) return undefined;
    const rank = (person: ActorDraft) => this.listings.get(person)!.positions.get(surname)!;
    return list.mentions.latestBefore(offset, accept, rank) ?? list.people.find(accept);
  }

  /** Moves a listed person to the rest of their new name; call whenever a person's `name` changes. */
  renamed(person: ActorDraft): void {
    const listing = this.listings.get(person);
    if (!listing) return;
    const restOfName = restOfNameKey(person.name);
    if (restOfName === listing.restOfName) return;
    for (const [surname, at] of listing.positions) {
      const list = this.lists.get(surname)!;
      if (listing.restOfName !== undefined) removeSorted(list.byRestOfName.get(listing.restOfName)!, at);
      if (restOfName !== undefined) insertSorted(listed(list.byRestOfName, restOfName), at);
    }
    listing.restOfName = restOfName;
  }

  /**
   * The first person listed under the surname of the name keyed `words` whose first given name is its first word
   * (or any, when that word is an initial), or whose name it is without the first word and does not open with a
   * given name (a double surname).
   */
  firstContinuedBy(words: readonly string[]): ActorDraft | undefined {
    const list = this.lists.get(words[words.length - 1]!);
    if (!list) return undefined;
    const given = words[0]!;
    if (given.length === 1) return list.people[0];
    let first = list.firstByGivenName.get(given) ?? Infinity;
    if (words.length >= 2 && !givenNameGender(given))
      first = Math.min(first, list.byRestOfName.get(JSON.stringify(words))?.[0] ?? Infinity);
    return first === Infinity ? undefined : list.people[first];
  }
}

/**
 * The words of a name after its first, keyed, when a double surname can be the rest of it: three words or more,
 * the first no common word ("The Wasserman Schultz" is no one's full name).
 */
function restOfNameKey(name: string): string | undefined {
  const full = nameKey(name).split(' ');
  return full.length >= 3 && !COMMON_WORDS.has(full[0]!) ? JSON.stringify(full.slice(1)) : undefined;
}

function listed(map: Map<string, number[]>, key: string): number[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function insertSorted(sorted: number[], value: number): void {
  sorted.splice(
    countBelow(sorted, (v) => v, value),
    0,
    value,
  );
}

function removeSorted(sorted: number[], value: number): void {
  const at = countBelow(sorted, (v) => v, value);
  if (sorted[at] === value) sorted.splice(at, 1);
}
