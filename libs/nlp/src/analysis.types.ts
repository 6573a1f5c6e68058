/** Input to the extractor: one article. Offsets in the result index into `body`. */
export interface ArticleText {
  id: string;
  title?: string;
  body: string;
  /** Spans in `body` whose sentiment the caller wants (e.g. a mention of a target). */
  targets?: Array<{ start: number; end: number }>;
}

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface Sentiment {
  /** In [-1, 1]. */
  score: number;
  label: SentimentLabel;
}

export type MentionKind = 'name' | 'pronoun' | 'description';

export interface Mention {
  start: number;
  end: number;
  text: string;
  /** How the mention names its actor or place (since 1.5.0; places are always named). */
  kind?: MentionKind;
}

export type ActorKind = 'person' | 'organization';

export interface ExtractedActor {
  /** Stable across articles: derived from the canonical name (or a registry id). */
  id: string;
  name: string;
  kind: ActorKind;
  role?: string;
  mentions: Mention[];
  sentiment: Sentiment;
}

export interface ExtractedPlace {
  name: string;
  kind: 'place';
  mentions: Mention[];
}

export type StatementKind = 'direct' | 'indirect';

export interface ExtractedStatement {
  kind: StatementKind;
  /** Offsets of the statement's content (the quoted or reported words) in the body. */
  start: number;
  end: number;
  text: string;
  /** The speech verb or phrase that attributes it ("said", "according to"). */
  cue?: string;
  /** Offsets of `cue` in the body (since 1.5.0). */
  cueSpan?: { start: number; end: number };
  /**
   * The speaker; `mention` (since 1.5.0) is the offsets of the speaker's mention that attributes this statement: the
   * pronoun or name next to the cue, else the speaker's mention closest before the statement. A speaker whose id starts
   * with `unnamed:` (since 1.25.0) is a source no actor stands for ("officials", "a person familiar with the plan"):
   * `name` is the article's description and `mention` its offsets, and no actor of `actors` has that id.
   */
  speaker: { actorId: string; name: string; mention?: { start: number; end: number } } | null;
  sentiment: Sentiment;
}

/**
 * What a speaker is reported to criticise, praise, call, reject or decline, without reporting words of their own
 * ("Kiro criticized the decision to close the plant": the stance's content is "the decision to close the plant").
 * PolNeAR annotates these as attributions; they are not statements, so alerts, novelty and the statement feed never
 * see them (since 1.23.0).
 */
export interface ExtractedStance {
  /** Offsets of the object of the cue in the body. */
  start: number;
  end: number;
  text: string;
  /** The verb that takes the object ("criticized", "called", "declined"). */
  cue: string;
  cueSpan: { start: number; end: number };
  speaker: ExtractedStatement['speaker'];
  /** Read over the cue and its object together. */
  sentiment: Sentiment;
}

export interface TargetSentiment {
  start: number;
  end: number;
  sentiment: Sentiment;
}

export interface ArticleAnalysis {
  id: string;
  analyzerVersion: string;
  actors: ExtractedActor[];
  places: ExtractedPlace[];
  statements: ExtractedStatement[];
  /** Since 1.23.0. */
  stances: ExtractedStance[];
  targets: TargetSentiment[];
}
