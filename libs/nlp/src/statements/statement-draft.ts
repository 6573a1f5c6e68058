import type { Span } from '../actors/actor-model';
import type { StatementKind } from '../analysis.types';
import type { Token } from '../text/token-scanner';

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
  /** Token range of the description of a source no actor stands for, when the cue does not hold it. */
  source?: readonly [number, number];
}

/** The subject range of a resolution, for a draft (only when it names an actor and is not a pronoun). */
export function subjectRange(s: ResolvedSubject): Pick<StatementDraft, 'subject'> {
  return s.actor !== null && s.pronoun === undefined && s.last > s.first ? { subject: [s.first, s.last] } : {};
}

/** What a resolved subject gives a draft: the speaker, the pronoun that named it, and the subject phrase's tokens. */
export interface ResolvedSubject {
  actor: number | null;
  first: number;
  last: number;
  pronoun?: number;
  source?: readonly [number, number];
}

/**
 * An indirect (reported) statement: the content [start, end) of `body`, attributed by the cue [cueStart, cueEnd)
 * to the speaker its subject resolved to.
 */
export function indirectDraft(
  body: string,
  start: number,
  end: number,
  cueStart: number,
  cueEnd: number,
  subject: ResolvedSubject,
): StatementDraft {
  return {
    kind: 'indirect',
    start,
    end,
    text: body.slice(start, end),
    cue: bodySpan(body, cueStart, cueEnd),
    speaker: subject.actor,
    ...(subject.pronoun !== undefined ? { pronoun: subject.pronoun } : {}),
    ...subjectRange(subject),
    ...(subject.source ? { source: subject.source } : {}),
  };
}

/** The span [start, end) of `body` with its text. */
export function bodySpan(body: string, start: number, end: number): Span {
  return { start, end, text: body.slice(start, end) };
}

/** 1 for every token overlapping one of the statements (one pass over tokens and sorted statements). */
export function tokensInside(tokens: readonly Token[], statements: readonly StatementDraft[]): Uint8Array {
  const inside = new Uint8Array(tokens.length);
  const sorted = [...statements].sort((a, b) => a.start - b.start);
  let k = 0;
  for (const s of sorted) {
    while (k > 0 && tokens[k - 1]!.end > s.start) k -= 1;
    while (k < tokens.length && tokens[k]!.end <= s.start) k += 1;
    for (let j = k; j < tokens.length && tokens[j]!.start < s.end; j += 1) inside[j] = 1;
  }
  return inside;
}
