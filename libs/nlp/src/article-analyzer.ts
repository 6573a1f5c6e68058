import { dropCapitalisedCommonWords } from './actors/case-evidence';
import { addAppositiveRoles } from './actors/appositive-role';
import { addDescriptionMentions } from './actors/description-resolver';
import { foldActors } from './actors/actor-folder';
import type { ActorDraft, PlaceDraft } from './actors/actor-model';
import { scanNameCandidates } from './actors/name-candidate-scanner';
import type {
  ArticleAnalysis,
  ArticleText,
  ExtractedActor,
  ExtractedPlace,
  ExtractedStance,
  ExtractedStatement,
} from './analysis.types';
import { actorSentiment, targetSentiments } from './sentiment-aggregator';
import { linearTargetSentiment, scoreText, type TargetSentimentJudge } from './sentiment';
import { buildContext, type AnalysisContext } from './statements/analysis-context';
import { extractCueProposals } from './statements/cue-proposal-classifier';
import { extractQuotes } from './statements/quote-extractor';
import { extractReportedSpeech } from './statements/reported-speech-extractor';
import { extractSpeakerLabels } from './statements/speaker-label-extractor';
import { extractCueClauses } from './statements/cue-clause-extractor';
import { clearOf } from './text/span-overlap';
import { withinStatementDepth } from './statements/statement-depth';
import { joinSplitQuotes } from './statements/split-quote-joiner';
import { SpeakerMentionIndex } from './statements/speaker-mention-index';
import { recordStatementMentions, speakerMention } from './statements/speaker-mentions';
import { trackSalience } from './statements/salience-tracker';
import { draftSource, unnamedSpeaker } from './statements/unnamed-source';
import { tokensInside, type StatementDraft } from './statements/statement-draft';
import { buildDocument, type NameLexicon } from './text/article-document';
import type { Token } from './text/token-scanner';
import { registryByKey } from './lexicon/actor-registry';
import { placeByKey } from './lexicon/gazetteer';
import { givenNameGender } from './lexicon/given-names';
import { COMMON_WORDS } from './lexicon/word-lists';
import { nameKey } from './text/name-normalizer';
import { refineWithNameTagger } from './actors/model-name-refiner';
import { tagDocument } from './names/name-tagger.model';

/** Version of the extraction rules; bump when output for the same input may change. */
export const ANALYZER_VERSION = 'chronicle-nlp/1.36.0';

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
   * Join direct statements split around their attribution (“We will win,” Kiro said. “And we will win big.”) into one
   * statement whose span includes the attribution, as PolNeAR annotates them (statements/split-quote-joiner.ts). On by
   * default since 1.14.0: one utterance is one statement (alerts and novelty see it once), and PolNeAR dev content
   * precision rose from 79.7 to 91.1. `false` reports the pieces apart, as the project's own quote splits annotate them.
   */
  joinSplitQuotes?: boolean;
  /**
   * Judges the sentiment toward each actor mention and caller target from its context; the linear target model by
   * default. `analyzeArticleWithEncoder` passes one that mixes in a transformer encoder's reading.
   */
  targetSentiment?: TargetSentimentJudge;
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
  const proposed = extractCueProposals(ctx, tokensInside(doc.tokens, found));
  const sorted = [...found, ...proposed.statements].sort((a, b) => a.start - b.start || a.end - b.end);
  const drafts = withinStatementDepth(options.joinSplitQuotes !== false ? joinSplitQuotes(body, sorted) : sorted);
  recordStatementMentions(body, doc.tokens, actors, [...drafts, ...proposed.stances], ctx.salience);

  const judge = options.targetSentiment ?? linearTargetSentiment;
  const extractedActors: ExtractedActor[] = actors.map((a) => toActor(body, doc.sentences, a, judge));
  const mentionIndex = mentionIndexes();
  const statements: ExtractedStatement[] = drafts.map((d) => ({
    kind: d.kind,
    start: d.start,
    end: d.end,
    text: d.text,
    ...(d.cue ? { cue: d.cue.text, cueSpan: { start: d.cue.start, end: d.cue.end } } : {}),
    speaker: d.speaker === null ? sourceOf(body, doc.tokens, d) : toSpeaker(actors[d.speaker]!, d, mentionIndex),
    sentiment: scoreText(d.text),
  }));
  const stances: ExtractedStance[] = proposed.stances.map((d) => toStance(body, doc.tokens, actors, d, mentionIndex));
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
    stances,
    targets: targetSentiments(body, doc.sentences, input.targets ?? [], judge),
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
  const reported = clearOf(extractReportedSpeech(ctx, quotes.usedVerbs), quotes.statements);
  const labelled = clearOf(extractSpeakerLabels(ctx), [...quotes.statements, ...reported]);
  const ruled = [...quotes.statements, ...reported, ...labelled];
  const learned = extractCueClauses(ctx, tokensInside(doc.tokens, ruled), { thatOnly: options.learnedCueClauses !== true });
  return { ctx, places: folded.places, drafts: [...ruled, ...learned] };
}

/** Each actor's mentions indexed once, when a statement or stance first needs them. */
type MentionIndexOf = (actor: ActorDraft) => SpeakerMentionIndex;

function mentionIndexes(): MentionIndexOf {
  const built = new Map<ActorDraft, SpeakerMentionIndex>();
  return (actor) => {
    let index = built.get(actor);
    if (!index) built.set(actor, (index = new SpeakerMentionIndex(actor.mentions)));
    return index;
  };
}

/** A speaker no actor stands for, described by the cue ("officials said"), or null. */
function sourceOf(body: string, tokens: readonly Token[], d: StatementDraft): ExtractedStatement['speaker'] {
  const source = draftSource(tokens, d);
  return source ? unnamedSpeaker(body, source) : null;
}

function toSpeaker(
  actor: ActorDraft,
  d: StatementDraft,
  mentionIndex: MentionIndexOf,
): NonNullable<ExtractedStatement['speaker']> {
  const mention = speakerMention(mentionIndex(actor), d);
  return {
    actorId: actor.id,
    name: actor.name,
    ...(mention ? { mention: { start: mention.start, end: mention.end } } : {}),
  };
}

/**
 * A stance from its draft: its sentiment is read over the cue and the object together ("criticized the decision").
 * A comma after the cue is not part of what follows it ('"Only you," she said, would use the occasion').
 */
function toStance(
  body: string,
  tokens: readonly Token[],
  actors: readonly ActorDraft[],
  d: StatementDraft,
  mentionIndex: MentionIndexOf,
): ExtractedStance {
  const cue = d.cue!;
  const start = d.start + (/^,\s*/.exec(d.text)?.[0].length ?? 0);
  return {
    start,
    end: d.end,
    text: body.slice(start, d.end),
    cue: cue.text,
    cueSpan: { start: cue.start, end: cue.end },
    speaker: d.speaker === null ? sourceOf(body, tokens, d) : toSpeaker(actors[d.speaker]!, d, mentionIndex),
    sentiment: scoreText(body.slice(Math.min(cue.start, d.start), Math.max(cue.end, d.end))),
  };
}

function toActor(
  body: string,
  sentences: ReturnType<typeof buildDocument>['sentences'],
  a: ActorDraft,
  judge: TargetSentimentJudge,
): ExtractedActor {
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
    sentiment: actorSentiment(body, sentences, about, judge),
  };
}
