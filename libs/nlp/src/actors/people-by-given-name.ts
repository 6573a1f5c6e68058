import type { ActorDraft } from './actor-model';

/**
 * The people of an article by the name key of their first given name, while actors are folded: "Hillary" after
 * "Hillary Clinton" looks up the people named "Hillary" instead of passing over every actor, which cost the square
 * of an article naming thousands of people and referring to one by given name after each.
 */
export class PeopleByGivenName {
  private readonly byGivenName = new Map<string, ActorDraft[]>();

  /** Lists a person once their `firstKey` is set (it never changes after). */
  add(person: ActorDraft): void {
    if (person.kind !== 'person' || person.firstKey === undefined) return;
    const list = this.byGivenName.get(person.firstKey) ?? [];
    list.push(person);
    this.byGivenName.set(person.firstKey, list);
  }

  /** The one listed person with mentions whose first given name is `given`; none when two share it. */
  soleNamed(given: string): ActorDraft | undefined {
    let found: ActorDraft | undefined;
    for (const a of this.byGivenName.get(given) ?? []) {
      if (a.mentions.length === 0) continue;
      if (found) return undefined;
      found = a;
    }
    return found;
  }
}
