import { dropCapitalisedCommonWords } from './actors/case-evidence';
import { addAppositiveRoles } from './actors/appositive-role';
import { addDescriptionMentions } from './actors/description-resolver';
import { foldActors } from './actors/actor-folder';
import type { ActorDraft, MentionRef, PlaceDraft } from './actors/actor-model';
import { scanNameCandidates } from './actors/name-candidate-scanner';
import type { ArticleAnalysis, ArticleText, ExtractedActor, ExtractedPlace, ExtractedStatement } from './analysis.types';
import { actorSentiment, targetSentiments } from './sentiment-aggregator';
import { scoreText } from './sentiment';
import { buildContext, type AnalysisContext } from './statements/analysis-context';
import { extractCueProposals } from './statements/cue-proposal-classifier';
import { extractQuotes } from './statements/quote-extractor';
import { extractReportedSpeech } from './statements/reported-speech-extractor';
import { extractSpeakerLabels } from './statements/speaker-label-extractor';
import { extractCueClauses } from './statements/cue-clause-extractor';
import { joinSplitQuotes } from './statements/split-quote-joiner';
import { trackSalience } from './statements/salience-tracker';
import { tokensInside, type StatementDraft } from './statements/statement-draft';
import { buildDocument, type NameLexicon } from './text/article-document';
import { registryByKey } from './lexicon/actor-registry';
import { placeByKey } from './lexicon/gazetteer';
import { givenNameGender } from './lexicon/given-names';
import { COMMON_WORDS } from './lexicon/word-lists';
import { nameKey } from './text/name-normalizer';
import { refineWithNameTagger } from './actors/model-name-refiner';
import { tagDocument } from './names/name-tagger.model';

/** Version of the extraction rules; bump when output for the same input may change. */
export const ANALYZER_VERSION = 'chronicle-nlp/1.15.0';

const NAME_LEXICON: NameLexicon = {
  isKnownName: (lower) => {
    const key = nameKey(lower);
    return registryByKey(key) !== undefined || placeByKey(key) !== undefined;
  },
  isGivenName: (lower) => !COMMON_WORDS.has(lower) && givenNameGender(nameKey(lower)) !== undefined,
};

/** Optional extraction stages, off by default. */
export interface AnalyzeOptions {
  /**
   * Also report bare and trailing clauses around cue words learned from PolNeAR train when their subject names an
   * actor (see statements/cue-clause-extractor.ts); without it only their that-clauses are reported. Raises PolNeAR
   * dev content recall, but PolNeAR counts evaluative verbs and trailing attributions that the project's own quote
   * splits do not, so it stays opt-in.
   */
  learnedCueClauses?: boolean;
  /**
   * Also report the plain objects of cue words learned from PolNeAR train ("Kiro criticized the decision", "called
   * Trump a liar", "declined to comment") where the cue-proposal classifier keeps them (statements/cue-proposals.ts).
   * PolNeAR counts these as attributed content; the project's conventions and its own quote splits do not (a verb
   * with a plain object reports no statement), so it stays opt-in.
   */
  attitudeObjects?: boolean;
  /**
   * Join direct statements split around their attribution (“We will win,” Kiro said. “And we will win big.”) into one
   * statement whose span includes the attribution, as PolNeAR annotates them (statements/split-quote-joiner.ts). On by
   * default since 1.14.0: one utterance is one statement (alerts and novelty see it once), and PolNeAR dev content
   * precision rose from 79.7 to 91.1. `false` reports the pieces apart, as the project's own quote splits annotate them.
   */
  joinSplitQuotes?: boolean;
}

/**
 * Extracts actors, places, direct and reported statements (with speakers) and sentiment from one article.
 * Pure and deterministic: the same input always gives the same output, ordered by position in `body`.
 * After the rules, clauses around cue words learned from PolNeAR train are kept where a classifier trained there
 * judges them attributions (statements/cue-proposal-classifier.ts).
 */
export function analyzeArticle(input: ArticleText, options: AnalyzeOptions = {}): ArticleAnalysis {
  const body = input.body ?? '';
  const { ctx, places, drafts: found } = statementsBeforeProposals(body, options);
  const { doc, actors } = ctx;
  const proposed = extractCueProposals(ctx, tokensInside(doc.tokens, found), options.attitudeObjects === true);
  const sorted = [...found, ...proposed].sort((a, b) => a.start - b.start || a.end - b.end);
  const drafts = options.joinSplitQuotes !== false ? joinSplitQuotes(body, sorted) : sorted;
  recordSpeakerMentions(body, doc.tokens, actors, drafts);
  recordResolvedPronouns(doc.tokens, actors, ctx.salience.pronouns);
  recordResolvedPronouns(doc.tokens, actors, ctx.salience.otherPronouns);
  recordFirstPersonInQuotes(doc.tokens, actors, drafts);

  const extractedActors: ExtractedActor[] = actors.map((a) => toActor(body, doc.sentences, a));
  const statements: ExtractedStatement[] = drafts.map((d) => ({
    kind: d.kind,
    start: d.start,
    end: d.end,
    text: d.text,
    ...(d.cue ? { cue: d.cue.text, cueSpan: { start: d.cue.start, end: d.cue.end } } : {}),
    speaker: d.speaker === null ? null : toSpeaker(actors[d.speaker]!, d),
    sentiment: scoreText(d.text),
  }));
  const extractedPlaces: ExtractedPlace[] = places.map((p) => ({
    name: p.name,
    kind: 'place',
    mentions: p.mentions.map((m) => ({ ...m, kind: 'name' as const })),
  }));
  return {
    id: input.id,
    analyzerVersion: ANALYZER_VERSION,
    actors: extractedActors,
    places: extractedPlaces,
    statements,
    targets: targetSentiments(body, doc.sentences, input.targets ?? []),
  };
}

/** The analysis up to the cue-proposal stage: what training/train-cue-proposals.ts learns to extend. */
export interface StatementsBeforeProposals {
  ctx: AnalysisContext;
  places: PlaceDraft[];
  /** Quotes, rule-found reported speech, speaker labels and learned cue clauses, in no particular order. */
  drafts: StatementDraft[];
}

/** Actors and every statement the analyzer finds before it weighs proposals around learned cue words. */
export function statementsBeforeProposals(body: string, options: AnalyzeOptions = {}): StatementsBeforeProposals {
  const doc = buildDocument(body, NAME_LEXICON);
  const folded = foldActors(
    doc,
    dropCapitalisedCommonWords(doc, refineWithNameTagger(doc, scanNameCandidates(doc), tagDocument(doc))),
  );
  const { actors } = folded;
  addAppositiveRoles(doc, actors);
  addDescriptionMentions(doc, actors);
  const salience = trackSalience(doc, actors);
  const ctx = buildContext(doc, actors, salience, folded.placeTokens);
  const quotes = extractQuotes(ctx);
  const reported = extractReportedSpeech(ctx, quotes.usedVerbs).filter(
    (r) => !quotes.statements.some((q) => r.start < q.end && q.start < r.end),
  );
  const labelled = extractSpeakerLabels(ctx).filter(
    (l) => ![...quotes.statements, ...reported].some((r) => l.start < r.end && r.start < l.end),
  );
  const ruled = [...quotes.statements, ...reported, ...labelled];
  const learned = extractCueClauses(ctx, tokensInside(doc.tokens, ruled), { thatOnly: options.learnedCueClauses !== true });
  return { ctx, places: folded.places, drafts: [...ruled, ...learned] };
}

/**
 * Every third-person pronoun outside quotes that salience resolved to an actor ("he", "his", "her", "them") is a
 * pronoun mention of it (since 1.15.0; before, only the pronouns that named a speaker). GUM dev person mention F1
 * (all mentions) 18.5 -> 35.1, person/org coreference MUC 12.7 -> 34.5 and B³ 51.4 -> 56.3.
 */
function recordResolvedPronouns(
  tokens: ReturnType<typeof buildDocument>['tokens'],
  actors: ActorDraft[],
  pronouns: ReadonlyMap<number, number | null>,
  inQuote = false,
): void {
  // A token already a mention (a speaker's pronoun, which attribution may have given to another actor) keeps it.
  const taken = new Set(actors.flatMap((a) => a.mentions.map((m) => m.start)));
  for (const [k, actorIndex] of pronouns) {
    if (actorIndex === null) continue;
    const t = tokens[k]!;
    const actor = actors[actorIndex]!;
    if (taken.has(t.start)) continue;
    actor.mentions.push({
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
    });
  }
}

const FIRST_PERSON = new Set(['i', 'me', 'my', 'mine', 'myself']);

/**
 * "I", "me", "my" inside a direct quote with a known speaker are pronoun mentions of that speaker (GUM dev person
 * mention F1, all mentions, 35.1 -> 36.5; coreference MUC 34.5 -> 36.3).
 */
function recordFirstPersonInQuotes(
  tokens: ReturnType<typeof buildDocument>['tokens'],
  actors: ActorDraft[],
  drafts: readonly StatementDraft[],
): void {
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
  tokens: ReturnType<typeof buildDocument>['tokens'],
  actors: ActorDraft[],
  drafts: readonly StatementDraft[],
): void {
  for (const d of drafts) {
    if (d.speaker !== null && d.subject) recordDescription(body, tokens, actors[d.speaker]!, d.subject[0], d.subject[1]);
    if (d.speaker === null || d.pronoun === undefined) continue;
    const t = tokens[d.pronoun]!;
    const actor = actors[d.speaker]!;
    if (actor.mentions.some((m) => m.start === t.start)) continue;
    actor.mentions.push({
      actor: d.speaker,
      kind: 'pronoun',
      first: d.pronoun,
      last: d.pronoun + 1,
      lead: d.pronoun,
      start: t.start,
      end: t.end,
      text: t.text,
      possessive: false,
      inQuote: false,
    });
  }
}

/**
 * "The Republican nominee said", "the ministry said": a description that named a statement's speaker is a mention of
 * that speaker, unless one of the speaker's mentions already covers it.
 */
function recordDescription(
  body: string,
  tokens: ReturnType<typeof buildDocument>['tokens'],
  actor: ActorDraft,
  first: number,
  last: number,
): void {
  // Organisation descriptions count too since 1.15.0 (PolNeAR dev source accuracy 85.9 -> 86.3, and by the speaker
  // mention span alone 85.2 -> 86.0); before, only people's were recorded.
  if (!DESCRIPTION_DETERMINERS.has(tokens[first]!.lower) || !tokens[last - 1]!.isWord) return;
  const start = tokens[first]!.start;
  const end = tokens[last - 1]!.end;
  if (actor.mentions.some((m) => m.start < end && start < m.end)) return;
  actor.mentions.push({
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

function toSpeaker(actor: ActorDraft, d: StatementDraft): NonNullable<ExtractedStatement['speaker']> {
  const mention = speakerMention(actor.mentions, d);
  return {
    actorId: actor.id,
    name: actor.name,
    ...(mention ? { mention: { start: mention.start, end: mention.end } } : {}),
  };
}

/**
 * The mention that attributes a statement to its speaker: the pronoun or subject phrase attribution resolved, when
 * it is a mention of the speaker; else one inside or touching the cue ("said Leonard Burman", "she said"), even where
 * the cue sits inside the statement's span (a split quote joined around its attribution); else the closest one
 * before the statement, else the closest after it. Mentions inside quoted or reported words never count.
 */
export function speakerMention(mentions: readonly MentionRef[], d: StatementDraft): MentionRef | undefined {
  const { pronoun, subject } = d;
  const resolved =
    pronoun !== undefined
      ? mentions.find((m) => m.first <= pronoun && pronoun < m.last)
      : subject
        ? mentions.find((m) => m.first < subject[1] && subject[0] < m.last)
        : undefined;
  if (resolved && !resolved.inQuote && (resolved.end <= d.start || resolved.start >= d.end)) return resolved;
  const outside = mentions.filter((m) => m.end <= d.start || m.start >= d.end);
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
  for (const m of outside) {
    // Away from the cue a pronoun is no attribution's anchor: most stand in reported words ("said he would …").
    if (m.kind === 'pronoun') continue;
    if (m.end <= d.start && (!before || m.start > before.start)) before = m;
    if (m.start >= d.end && (!after || m.start < after.start)) after = m;
  }
  return before ?? after;
}

function toActor(body: string, sentences: ReturnType<typeof buildDocument>['sentences'], a: ActorDraft): ExtractedActor {
  const sorted = [...a.mentions].sort((x, y) => x.start - y.start);
  const mentions = sorted.map((m) => ({ start: m.start, end: m.end, text: m.text, kind: m.kind }));
  // The speaker's own "I" and "my" inside a quote say nothing of how the article treats them.
  const about = sorted.filter((m) => !(m.kind === 'pronoun' && m.inQuote));
  return {
    id: a.id,
    name: a.name,
    kind: a.kind,
    ...(a.role ? { role: a.role.text } : {}),
    mentions,
    sentiment: actorSentiment(body, sentences, about),
  };
}
