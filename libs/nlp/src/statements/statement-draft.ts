import type { Span } from '../actors/actor-model';
import type { StatementKind } from '../analysis.types';

/** A statement before sentiment is attached; the speaker is an actor index. */
export interface StatementDraft {
  kind: StatementKind;
  start: number;
  end: number;
  text: string;
  /** The words that attribute the statement ("said", "according to"), with their offsets. */
  cue?: Span;
  speaker: number | null;
  /** Token index of the pronoun that named the speaker, so it can be recorded as a mention. */
  pronoun?: number;
  /** Token range [first, last) of the subject phrase that named the speaker, so a description can be recorded too. */
  subject?: readonly [number, number];
}

/** The subject range of a resolution, for a draft (only when it names an actor and is not a pronoun). */
export function subjectRange(s: {
  actor: number | null;
  first: number;
  last: number;
  pronoun?: number;
}): Pick<StatementDraft, 'subject'> {
  return s.actor !== null && s.pronoun === undefined && s.last > s.first ? { subject: [s.first, s.last] } : {};
}

/** The span [start, end) of `body` with its text. */
export function bodySpan(body: string, start: number, end: number): Span {
  return { start, end, text: body.slice(start, end) };
}
