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

export interface Mention {
  start: number;
  end: number;
  text: string;
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
  speaker: { actorId: string; name: string } | null;
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
  targets: TargetSentiment[];
}
