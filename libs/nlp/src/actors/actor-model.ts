import type { ActorKind, MentionKind } from '../analysis.types';
import type { Gender, RegistryEntry } from '../lexicon/actor-registry';

/** A character range with its text (a role or a mention). */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** One occurrence of an actor, tied to tokens so the statement extractors can reason about position. */
export interface MentionRef {
  actor: number;
  /** How the actor is named here: by name, by a pronoun ("she") or by a description ("the ministry"). */
  kind: MentionKind;
  /** Token range [first, last) of the name itself. */
  first: number;
  last: number;
  /** First token of the determiner/role words in front of the name (equals `first` when none). */
  lead: number;
  start: number;
  end: number;
  text: string;
  possessive: boolean;
  inQuote: boolean;
}

/** An actor while it is being assembled from its mentions. */
export interface ActorDraft {
  index: number;
  id: string;
  name: string;
  /** Token count of the name form chosen as canonical (the longest wins). */
  nameWords: number;
  kind: ActorKind;
  gender: Gender;
  /** The gender is a guess from the given name alone ("Terry" is usually male), so a pronoun may overrule it. */
  genderGuessed?: boolean;
  role?: Span;
  registry?: RegistryEntry;
  /** Name key of the surname, for linking bare surnames. */
  surnameKey?: string;
  /** Name key of the first given name, for merging "John Smith" with "John A. Smith". */
  firstKey?: string;
  mentions: MentionRef[];
}

/** A place and its mentions. */
export interface PlaceDraft {
  name: string;
  mentions: Span[];
}
