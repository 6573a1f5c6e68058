import type { StatementKind } from '../analysis.types';

/** A statement before sentiment is attached; the speaker is an actor index. */
export interface StatementDraft {
  kind: StatementKind;
  start: number;
  end: number;
  text: string;
  cue?: string;
  speaker: number | null;
  /** Token index of the pronoun that named the speaker, so it can be recorded as a mention. */
  pronoun?: number;
}
