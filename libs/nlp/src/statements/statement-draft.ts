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
}

/** The span [start, end) of `body` with its text. */
export function bodySpan(body: string, start: number, end: number): Span {
  return { start, end, text: body.slice(start, end) };
}
