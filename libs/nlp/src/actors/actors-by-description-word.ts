import { countBelow } from '../text/count-below';
import { nameKey } from '../text/name-normalizer';
import type { ActorDraft } from './actor-model';
import { modifiersFitRole, requiredRoleWords, roleWordsOf } from './role-words';

/** An actor with the start of its first mention: a description only refers back to actors introduced before it. */
interface Introduced {
  actor: ActorDraft;
  since: number;
}

/**
 * An article's people by the words of their roles and organisations by the words of their names, each list in the
 * order the actors were introduced, so that "the one minister introduced before here" is a binary search instead of
 * a pass over every actor (an article introducing thousands of people with roles and then describing each of them
 * cost the square of its length).
 *
 * It reads the actors as they stand when it is built: kinds, names, roles and first mentions must be settled by
 * then. They are once roles from appositives are added; mentions added later never come before an actor's first.
 */
export class ActorsByDescriptionWord {
  private readonly peopleByRoleWord = new Map<string, Introduced[]>();
  private readonly organizationsByNameWord = new Map<string, Introduced[]>();
  /** People whose role fits a title and its modifiers, by both; each description's fit is weighed once. */
  private readonly peopleFitting = new Map<string, Introduced[]>();

  constructor(actors: readonly ActorDraft[]) {
    const introduced: Introduced[] = [];
    for (const actor of actors) {
      if (actor.mentions.length === 0) continue;
      let since = Infinity;
      for (const m of actor.mentions) since = Math.min(since, m.start);
      introduced.push({ actor, since });
    }
    introduced.sort((a, b) => a.since - b.since);
    for (const entry of introduced) {
      const { actor } = entry;
      if (actor.kind === 'person') for (const word of roleWordsOf(actor)) listed(this.peopleByRoleWord, word).push(entry);
      if (actor.kind === 'organization')
        for (const word of new Set(nameKey(actor.name).split(' '))) listed(this.organizationsByNameWord, word).push(entry);
    }
  }

  /**
   * The one person introduced before offset `start` whose role holds `title` and fits `modifiers` (name keys of
   * "the Ukrainian president"'s words before its head); null when none or several do.
   */
  solePersonByRole(title: string, modifiers: readonly string[], start: number): ActorDraft | null {
    return soleBefore(this.peopleFittingRole(title, modifiers), start);
  }

  /** The one organisation introduced before offset `start` with `word` among its name's words; null when none or several. */
  soleOrganizationByNameWord(word: string, start: number): ActorDraft | null {
    return soleBefore(this.organizationsByNameWord.get(word) ?? [], start);
  }

  private peopleFittingRole(title: string, modifiers: readonly string[]): readonly Introduced[] {
    // A modifier's name key may hold a space ("U.S." -> "u s"), so the key keeps the words apart.
    const key = JSON.stringify([title, ...modifiers]);
    let fitting = this.peopleFitting.get(key);
    if (!fitting) {
      // A fitting role holds the title and every required modifier, so the shortest of their lists holds every
      // fitting person, in the order they were introduced.
      const lists = [title, ...requiredRoleWords(modifiers)].map((word) => this.peopleByRoleWord.get(word) ?? []);
      const shortest = lists.reduce((a, b) => (b.length < a.length ? b : a));
      fitting = shortest.filter(({ actor }) => {
        const words = roleWordsOf(actor);
        return words.has(title) && modifiersFitRole(modifiers, words);
      });
      this.peopleFitting.set(key, fitting);
    }
    return fitting;
  }
}

function listed(map: Map<string, Introduced[]>, word: string): Introduced[] {
  let list = map.get(word);
  if (!list) map.set(word, (list = []));
  return list;
}

/** The only actor of `list` (in order of introduction) introduced before `start`, if exactly one was. */
function soleBefore(list: readonly Introduced[], start: number): ActorDraft | null {
  return countBelow(list, (e) => e.since, start) === 1 ? list[0]!.actor : null;
}
