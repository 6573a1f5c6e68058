import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MentionRef } from '../actors/actor-model';
import { SpeakerMentionIndex } from './speaker-mention-index';
import { speakerMention } from './speaker-mentions';
import type { StatementDraft } from './statement-draft';

/**
 * The rule speakerMention states, as a pass over every mention (how it was computed before the index): the oracle
 * the indexed lookup must agree with.
 */
function speakerMentionByScan(mentions: readonly MentionRef[], d: StatementDraft): MentionRef | undefined {
  const { pronoun, subject } = d;
  const resolved =
    pronoun !== undefined
      ? mentions.find((m) => m.first <= pronoun && pronoun < m.last)
      : subject
        ? mentions.find((m) => m.first < subject[1] && subject[0] < m.last)
        : undefined;
  if (resolved && !resolved.inQuote && (resolved.end <= d.start || resolved.start >= d.end)) return resolved;
  const cue = d.cue;
  const inCue = cue
    ? mentions.find(
        (m) =>
          !m.inQuote &&
          m.start < cue.end + 1 &&
          cue.start < m.end + 1 &&
          (m.end <= d.start || m.start >= d.end || (m.start >= cue.start - 1 && m.end <= cue.end + 1)),
      )
    : undefined;
  if (inCue) return inCue;
  let before: MentionRef | undefined;
  let after: MentionRef | undefined;
  for (const m of mentions) {
    if (m.kind === 'pronoun' || (m.end > d.start && m.start < d.end)) continue;
    if (m.end <= d.start && (!before || m.start > before.start)) before = m;
    if (m.start >= d.end && (!after || m.start < after.start)) after = m;
  }
  return before ?? after;
}

/** Token k spans characters [4k, 4k + 3): mentions and drafts agree on tokens and characters, as in an article. */
const mention = fc
  .record({
    first: fc.nat({ max: 60 }),
    size: fc.integer({ min: 1, max: 4 }),
    kind: fc.constantFrom('name' as const, 'pronoun' as const, 'description' as const),
    inQuote: fc.boolean(),
  })
  .map(({ first, size, kind, inQuote }): MentionRef => ({
    actor: 0,
    kind,
    first,
    last: first + size,
    lead: first,
    start: 4 * first,
    end: 4 * (first + size) - 1,
    text: 'x',
    possessive: false,
    inQuote,
  }));
const draft = fc
  .record({
    start: fc.nat({ max: 250 }),
    length: fc.integer({ min: 1, max: 60 }),
    cue: fc.option(fc.tuple(fc.nat({ max: 250 }), fc.integer({ min: 1, max: 20 })), { nil: undefined }),
    pronoun: fc.option(fc.nat({ max: 64 }), { nil: undefined }),
    subject: fc.option(fc.tuple(fc.nat({ max: 64 }), fc.integer({ min: 1, max: 5 })), { nil: undefined }),
  })
  .map(({ start, length, cue, pronoun, subject }): StatementDraft => ({
    kind: 'indirect',
    start,
    end: start + length,
    text: 'x'.repeat(length),
    speaker: 0,
    ...(cue ? { cue: { start: cue[0], end: cue[0] + cue[1], text: 'said' } } : {}),
    ...(pronoun !== undefined ? { pronoun } : {}),
    ...(subject ? { subject: [subject[0], subject[0] + subject[1]] as const } : {}),
  }));

describe(speakerMention.name, () => {
  describe('for any mentions of the speaker and any statement', () => {
    it('finds through the index the very mention a pass over all of them finds', () => {
      fc.assert(
        fc.property(
          fc.array(mention, { maxLength: 30 }),
          fc.array(draft, { minLength: 1, maxLength: 10 }),
          (mentions, drafts) => {
            const index = new SpeakerMentionIndex(mentions);
            for (const d of drafts) expect(speakerMention(index, d)).toBe(speakerMentionByScan(mentions, d));
          },
        ),
        { numRuns: 1000 },
      );
    });
  });

  describe('when the speaker is named more times than a call takes arguments', () => {
    it('indexes the mentions and finds the last before the statement (2 MB of "Kiro said " names Kiro 200,000 times)', () => {
      const mentions = Array.from({ length: 200_000 }, (_, i): MentionRef => ({
        actor: 0,
        kind: 'name',
        first: 2 * i,
        last: 2 * i + 1,
        lead: 2 * i,
        start: 10 * i,
        end: 10 * i + 4,
        text: 'Kiro',
        possessive: false,
        inQuote: false,
      }));
      const index = new SpeakerMentionIndex(mentions);
      const d: StatementDraft = { kind: 'indirect', start: 1_000_005, end: 1_000_009, text: 'said', speaker: 0 };
      expect(speakerMention(index, d)).toBe(mentions[100_000]);
    });
  });
});
