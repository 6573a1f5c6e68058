import { nameKey } from '../text/name-normalizer';
import type { ActorDraft } from './actor-model';

/**
 * The organisations of an article with a name of two or more words, by the name key of its last word, while actors
 * are folded: "the Commission" after "the European Commission" looks its word up instead of passing over every
 * actor, which cost the square of an article naming thousands of organisations. An organisation's name never changes
 * once it is created, so it is listed then.
 */
export class OrganizationsByLastWord {
  private readonly firstByLastWord = new Map<string, ActorDraft>();

  /** Lists an actor when it is created; people and one-word names are not listed. */
  add(actor: ActorDraft): void {
    if (actor.kind !== 'organization' || actor.name.split(' ').length <= 1) return;
    const word = lastNameKeyWord(actor.name);
    if (!this.firstByLastWord.has(word)) this.firstByLastWord.set(word, actor);
  }

  /** The first organisation listed whose name's last word has this name key. */
  firstEndingWith(word: string): ActorDraft | undefined {
    return this.firstByLastWord.get(word);
  }
}

function lastNameKeyWord(name: string): string {
  return nameKey(name).split(' ').pop() ?? '';
}
