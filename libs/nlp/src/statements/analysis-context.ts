import type { ActorDraft, MentionRef } from '../actors/actor-model';
import { ActorsByDescriptionWord } from '../actors/actors-by-description-word';
import type { ArticleDocument } from '../text/article-document';
import type { Salience } from './salience-tracker';

/** Everything the statement extractors share about one article. */
export interface AnalysisContext {
  doc: ArticleDocument;
  actors: ActorDraft[];
  salience: Salience;
  placeTokens: Uint8Array;
  /** Mention by the index of its last name token (exclusive end minus one). */
  mentionEndingAt: Map<number, MentionRef>;
  /** Mention by the index of its lead token (role/determiner start) and by its first name token. */
  mentionStartingAt: Map<number, MentionRef>;
  /** Ages given in apposition ("Walsh, 52,"), by actor index, for "the 52-year-old" descriptions. */
  ages: Map<number, number>;
  /**
   * The actors by the words that describe them ("the ministry", "the Ukrainian president"), built at the first
   * description resolved, and again should `actors` have grown since.
   */
  descriptionIndex(): ActorsByDescriptionWord;
}

/** Indexes mentions by position for constant-time lookups while parsing attributions. */
export function buildContext(
  doc: ArticleDocument,
  actors: ActorDraft[],
  salience: Salience,
  placeTokens: Uint8Array,
): AnalysisContext {
  const mentionEndingAt = new Map<number, MentionRef>();
  const mentionStartingAt = new Map<number, MentionRef>();
  for (const a of actors) {
    for (const m of a.mentions) {
      mentionEndingAt.set(m.last - 1, m);
      // "Federal Reserve Governor Lawrence Lindsey": the person whose role holds an organisation starts there too, and
      // the longer mention is the one an attribution reads.
      for (const k of [m.lead, m.first]) {
        const known = mentionStartingAt.get(k);
        if (!known || known.last < m.last) mentionStartingAt.set(k, m);
      }
    }
  }
  let descriptions: { size: number; index: ActorsByDescriptionWord } | undefined;
  const descriptionIndex = (): ActorsByDescriptionWord => {
    if (descriptions?.size !== actors.length) descriptions = { size: actors.length, index: new ActorsByDescriptionWord(actors) };
    return descriptions.index;
  };
  return { doc, actors, salience, placeTokens, mentionEndingAt, mentionStartingAt, ages: salience.ages, descriptionIndex };
}
