import { UNNAMED_SPEAKER_ID_PREFIX } from '@chronicle/contracts';

/** Lower-cases and strips diacritics and punctuation so "Erdoğan" and "erdogan" compare equal. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Keys under which a speaker can be found by a subscription: its id, its folded full name
 * and, for people, its folded surname ("Trump" finds Donald Trump). A source no actor stands for
 * ("officials", "a person familiar with the plan") has none: subscriptions watch actors, and a
 * description is no one in particular, so a rule for "police" or "officials" never fires on one.
 */
export function speakerKeys(speaker: { actorId: string; name: string }): string[] {
  if (speaker.actorId.startsWith(UNNAMED_SPEAKER_ID_PREFIX)) return [];
  const full = foldName(speaker.name);
  const keys = new Set([speaker.actorId, full]);
  const words = full.split(' ');
  if (speaker.actorId.startsWith('person:') && words.length > 1) keys.add(words[words.length - 1]!);
  return [...keys];
}

/** The keys a subscription stores for what the subscriber typed: an actor id stays as is, a name is folded. */
export function subscriptionKey(nameOrId: string): string {
  return /^(person|organization):/.test(nameOrId) ? nameOrId : foldName(nameOrId);
}
