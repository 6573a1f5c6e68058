import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActorDraft, MentionRef } from '../actors/actor-model';
import { scanTokens, type Token } from '../text/token-scanner';
import type { Salience, SubjectEvent } from './salience-tracker';
import { recordStatementMentions } from './speaker-mentions';
import type { StatementDraft } from './statement-draft';

const BODY =
  'The minister said he would go. A spokesman for the ministry, the minister and an aide said so. ' +
  'Dana Kiro, the minister, said she agreed. The Swedish minister and the ministry said no; the aide left.';
const TOKENS = scanTokens(BODY);

const mentionOf = (actor: number, kind: MentionRef['kind'], first: number, last: number): MentionRef => ({
  actor,
  kind,
  first,
  last,
  lead: first,
  start: TOKENS[first]!.start,
  end: TOKENS[last - 1]!.end,
  text: BODY.slice(TOKENS[first]!.start, TOKENS[last - 1]!.end),
  possessive: false,
  inQuote: false,
});

/**
 * What recordStatementMentions did for speakers and described subjects before it kept an index of each actor's
 * mention spans: a pass over the speaker's mentions per statement and per resolved description.
 */
function plainRecord(tokens: readonly Token[], actors: ActorDraft[], drafts: readonly StatementDraft[], events: SubjectEvent[]) {
  const recordDescription = (actor: ActorDraft, first: number, last: number) => {
    if (!['the', 'a', 'an'].includes(tokens[first]!.lower) || !tokens[last - 1]!.isWord) return;
    const start = tokens[first]!.start;
    const end = tokens[last - 1]!.end;
    if (actor.mentions.some((m) => m.start < end && start < m.end)) return;
    actor.mentions.push({ ...mentionOf(actor.index, 'description', first, last), start, end });
  };
  for (const d of drafts) {
    if (d.speaker !== null && d.subject) recordDescription(actors[d.speaker]!, d.subject[0], d.subject[1]);
    if (d.speaker === null || d.pronoun === undefined) continue;
    const mention = mentionOf(d.speaker, 'pronoun', d.pronoun, d.pronoun + 1);
    if (!actors[d.speaker]!.mentions.some((m) => m.start === mention.start)) actors[d.speaker]!.mentions.push(mention);
  }
  const nameEnds = new Set(actors.flatMap((a) => a.mentions.map((m) => m.last - 1)));
  for (const e of events) {
    if (e.descriptionEnd === undefined) continue;
    if (tokens[e.token - 1]?.text === ',' && nameEnds.has(e.token - 2)) continue;
    recordDescription(actors[e.actor]!, e.token, e.descriptionEnd);
  }
}

const ACTORS = 3;
const token = fc.nat({ max: TOKENS.length - 1 });
const range = fc
  .tuple(token, fc.integer({ min: 1, max: 4 }))
  .map(([first, size]) => [first, Math.min(TOKENS.length, first + size)] as const);
const existing = fc.array(fc.tuple(fc.nat({ max: ACTORS - 1 }), range), { maxLength: 8 });
const draft = fc.record({
  speaker: fc.option(fc.nat({ max: ACTORS - 1 }), { nil: null }),
  pronoun: fc.option(token, { nil: undefined }),
  subject: fc.option(range, { nil: undefined }),
});
const event = fc.record({ actor: fc.nat({ max: ACTORS - 1 }), described: fc.option(range, { nil: undefined }) });

function actorsWith(mentions: readonly (readonly [number, readonly [number, number]])[]): ActorDraft[] {
  const actors = Array.from({ length: ACTORS }, (_, index): ActorDraft => {
    return { index, id: `person:${index}`, name: `Kiro ${index}`, nameWords: 2, kind: 'person', gender: 'u', mentions: [] };
  });
  for (const [actor, [first, last]] of mentions) actors[actor]!.mentions.push(mentionOf(actor, 'name', first, last));
  return actors;
}

const salienceOf = (events: SubjectEvent[]): Salience => ({
  events,
  pronouns: new Map(),
  otherPronouns: new Map(),
  ages: new Map(),
});

describe(recordStatementMentions.name, () => {
  describe('when statements and described subjects name speakers anywhere, over mentions anywhere', () => {
    it('records exactly the mentions a pass over each speaker’s mentions recorded, in the same order', () => {
      fc.assert(
        fc.property(existing, fc.array(draft, { maxLength: 12 }), fc.array(event, { maxLength: 8 }), (named, ds, es) => {
          const drafts: StatementDraft[] = ds.map((d) => ({
            kind: 'indirect',
            start: 0,
            end: 0,
            text: '',
            speaker: d.speaker,
            ...(d.pronoun !== undefined ? { pronoun: d.pronoun } : {}),
            ...(d.subject ? { subject: d.subject } : {}),
          }));
          const events: SubjectEvent[] = es.map((e) => ({
            token: e.described?.[0] ?? 0,
            actor: e.actor,
            weight: 3,
            sentence: 0,
            ...(e.described ? { descriptionEnd: e.described[1] } : {}),
          }));
          const indexed = actorsWith(named);
          const plain = actorsWith(named);
          recordStatementMentions(BODY, TOKENS, indexed, drafts, salienceOf(events));
          plainRecord(TOKENS, plain, drafts, events);
          expect(indexed).toEqual(plain);
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('when one speaker is described as the subject of many statements', () => {
    it('records the description once at each place, however often it names the speaker there', () => {
      const described = TOKENS.flatMap((t, k) => (t.lower === 'the' && TOKENS[k + 1]?.lower === 'minister' ? [k] : []));
      const dana = TOKENS.findIndex((t) => t.text === 'Dana');
      const actors = actorsWith([[0, [dana, dana + 2]]]);
      const drafts: StatementDraft[] = [...described, ...described].map((first) => ({
        kind: 'indirect',
        start: 0,
        end: 0,
        text: '',
        speaker: 0,
        subject: [first, first + 2],
      }));
      recordStatementMentions(BODY, TOKENS, actors, drafts, salienceOf([]));
      expect(described).toHaveLength(3);
      expect(actors[0]!.mentions.map((m) => [m.kind, m.first])).toEqual([
        ['name', dana],
        ...described.map((first) => ['description', first]),
      ]);
    });
  });
});
