import type { ActorDraft, MentionRef } from '../actors/actor-model';
import { SpanSet } from '../text/span-set';
import type { Token } from '../text/token-scanner';
import type { Salience } from './salience-tracker';
import type { SpeakerMentionIndex } from './speaker-mention-index';
import type { StatementDraft } from './statement-draft';

/**
 * Mentions that statements add to their actors once attribution is done: the pronoun or description that named a
 * speaker, every third-person pronoun salience resolved, and a speaker's "I" inside their quote.
 */
export function recordStatementMentions(
  body: string,
  tokens: readonly Token[],
  actors: ActorDraft[],
  drafts: readonly StatementDraft[],
  salience: Salience,
): void {
  const spans = new MentionSpans();
  recordSpeakerMentions(body, tokens, actors, drafts, spans);
  recordDescribedSubjects(body, tokens, actors, salience, spans);
  recordResolvedPronouns(tokens, actors, salience.pronouns);
  recordResolvedPronouns(tokens, actors, salience.otherPronouns);
  recordFirstPersonInQuotes(tokens, actors, drafts);
}

/**
 * "The Wisconsin Republican did give Trump some credit, saying …": a description that salience resolved as a
 * clause's subject is a mention of that actor, unless it stands in apposition to a name ("Tom Reyes, the Ohio attorney
 * handling the appeal,"), which it describes instead. PolNeAR train: 8 more sources right, none fewer.
 */
function recordDescribedSubjects(
  body: string,
  tokens: readonly Token[],
  actors: ActorDraft[],
  salience: Salience,
  spans: MentionSpans,
): void {
  const nameEnds = new Set(actors.flatMap((a) => a.mentions.map((m) => m.last - 1)));
  for (const e of salience.events) {
    if (e.descriptionEnd === undefined) continue;
    if (tokens[e.token - 1]?.text === ',' && nameEnds.has(e.token - 2)) continue;
    recordDescription(body, tokens, actors[e.actor]!, e.token, e.descriptionEnd, spans);
  }
}

/**
 * Every third-person pronoun outside quotes that salience resolved to an actor ("he", "his", "her", "them") is a
 * pronoun mention of it (since 1.15.0; before, only the pronouns that named a speaker). GUM dev person mention F1
 * (all mentions) 18.5 -> 35.1, person/org coreference MUC 12.7 -> 34.5 and B³ 51.4 -> 56.3.
 */
function recordResolvedPronouns(
  tokens: readonly Token[],
  actors: ActorDraft[],
  pronouns: ReadonlyMap<number, number | null>,
  inQuote = false,
): void {
  // A token already a mention (a speaker's pronoun, which attribution may have given to another actor) keeps it.
  const taken = new Set(actors.flatMap((a) => a.mentions.map((m) => m.start)));
  for (const [k, actorIndex] of pronouns) {
    if (actorIndex === null) continue;
    if (!taken.has(tokens[k]!.start)) actors[actorIndex]!.mentions.push(pronounMention(tokens, k, actorIndex, inQuote));
  }
}

/** The pronoun at token `k` as a mention of actor `actorIndex`. */
function pronounMention(tokens: readonly Token[], k: number, actorIndex: number, inQuote: boolean): MentionRef {
  const t = tokens[k]!;
  return {
    actor: actorIndex,
    kind: 'pronoun',
    first: k,
    last: k + 1,
    lead: k,
    start: t.start,
    end: t.end,
    text: t.text,
    possessive: false,
    inQuote,
  };
}

const FIRST_PERSON = new Set(['i', 'me', 'my', 'mine', 'myself']);

/**
 * "I", "me", "my" inside a direct quote with a known speaker are pronoun mentions of that speaker (GUM dev person
 * mention F1, all mentions, 35.1 -> 36.5; coreference MUC 34.5 -> 36.3).
 */
function recordFirstPersonInQuotes(tokens: readonly Token[], actors: ActorDraft[], drafts: readonly StatementDraft[]): void {
  const pronouns = new Map<number, number>();
  const spoken = drafts.filter((d) => d.kind === 'direct' && d.speaker !== null).sort((a, b) => a.start - b.start);
  let k = 0;
  for (const d of spoken) {
    while (k > 0 && tokens[k - 1]!.end > d.start) k -= 1;
    while (k < tokens.length && tokens[k]!.end <= d.start) k += 1;
    for (let j = k; j < tokens.length && tokens[j]!.start < d.end; j += 1)
      if (FIRST_PERSON.has(tokens[j]!.lower)) pronouns.set(j, d.speaker!);
  }
  recordResolvedPronouns(tokens, actors, pronouns, true);
}

/** A pronoun or description that names a statement's speaker is a mention of that speaker. */
function recordSpeakerMentions(
  body: string,
  tokens: readonly Token[],
  actors: ActorDraft[],
  drafts: readonly StatementDraft[],
  spans: MentionSpans,
): void {
  for (const d of drafts) {
    if (d.speaker !== null && d.subject) recordDescription(body, tokens, actors[d.speaker]!, d.subject[0], d.subject[1], spans);
    if (d.speaker === null || d.pronoun === undefined) continue;
    const actor = actors[d.speaker]!;
    const mention = pronounMention(tokens, d.pronoun, d.speaker, false);
    if (!spans.of(actor).hasStart(mention.start)) spans.push(actor, mention);
  }
}

/**
 * "The Republican nominee said", "the ministry said": a description that named a statement's speaker is a mention of
 * that speaker, unless one of the speaker's mentions already covers it.
 */
function recordDescription(
  body: string,
  tokens: readonly Token[],
  actor: ActorDraft,
  first: number,
  last: number,
  spans: MentionSpans,
): void {
  // Organisation descriptions count too since 1.15.0 (PolNeAR dev source accuracy 85.9 -> 86.3, and by the speaker
  // mention span alone 85.2 -> 86.0); before, only people's were recorded.
  if (!DESCRIPTION_DETERMINERS.has(tokens[first]!.lower) || !tokens[last - 1]!.isWord) return;
  const start = tokens[first]!.start;
  const end = tokens[last - 1]!.end;
  if (spans.of(actor).overlaps(start, end)) return;
  spans.push(actor, {
    actor: actor.index,
    kind: 'description',
    first,
    last,
    lead: first,
    start,
    end,
    text: body.slice(start, end),
    possessive: false,
    inQuote: false,
  });
}

const DESCRIPTION_DETERMINERS = new Set(['the', 'a', 'an']);

/**
 * Each actor's mention spans, read from its mentions when first asked for and kept up to date by `push`, so that
 * "is this already a mention" is no pass over all of an actor's mentions per statement (an article attributing
 * thousands of statements to one speaker cost its square). Mentions must be added through `push` meanwhile.
 */
class MentionSpans {
  private readonly byActor = new Map<ActorDraft, SpanSet>();

  of(actor: ActorDraft): SpanSet {
    let spans = this.byActor.get(actor);
    if (!spans) {
      spans = new SpanSet();
      for (const m of actor.mentions) spans.add(m.start, m.end);
      this.byActor.set(actor, spans);
    }
    return spans;
  }

  push(actor: ActorDraft, mention: MentionRef): void {
    this.of(actor).add(mention.start, mention.end);
    actor.mentions.push(mention);
  }
}

/**
 * The mention that attributes a statement to its speaker: the pronoun or subject phrase attribution resolved, when
 * it is a mention of the speaker; else one inside or touching the cue ("said Leonard Burman", "she said"), even where
 * the cue sits inside the statement's span (a split quote joined around its attribution); else the closest one
 * before the statement, else the closest after it. Mentions inside quoted or reported words never count. Away from
 * the cue a pronoun is no attribution's anchor: most stand in reported words ("said he would …").
 */
export function speakerMention(mentions: SpeakerMentionIndex, d: StatementDraft): MentionRef | undefined {
  const { pronoun, subject } = d;
  const resolved =
    pronoun !== undefined
      ? mentions.overlappingTokens(pronoun, pronoun + 1)
      : subject
        ? mentions.overlappingTokens(subject[0], subject[1])
        : undefined;
  if (resolved && !resolved.inQuote && (resolved.end <= d.start || resolved.start >= d.end)) return resolved;
  const cue = d.cue;
  const inCue = cue
    ? mentions.startingWithin(
        cue.start - 1 - mentions.longestMention,
        cue.end + 1,
        (m) =>
          !m.inQuote &&
          cue.start < m.end + 1 &&
          (m.end <= d.start || m.start >= d.end || (m.start >= cue.start - 1 && m.end <= cue.end + 1)),
      )
    : undefined;
  return inCue ?? mentions.namedEndingBy(d.start) ?? mentions.namedStartingFrom(d.end);
}
