import type { Mention, Sentiment, TargetSentiment } from './analysis.types';
import { labelFor, linearTargetSentiment, scoreTarget, type TargetSentimentJudge } from './sentiment';
import type { Sentence } from './text/sentence-splitter';

const NEUTRAL: Sentiment = { score: 0, label: 'neutral' };

/** The sentence containing offset `pos`, by binary search over sentence start offsets. */
function sentenceAt(sentences: readonly Sentence[], pos: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  let found: Sentence | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (s.start <= pos) {
      found = s;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Sentiment toward [start, end), judged within its sentence(s). */
export function spanSentiment(
  body: string,
  sentences: readonly Sentence[],
  start: number,
  end: number,
  judge: TargetSentimentJudge = linearTargetSentiment,
): Sentiment {
  const first = sentenceAt(sentences, start);
  const last = sentenceAt(sentences, Math.max(start, end - 1));
  if (!first || !last) return NEUTRAL;
  const from = Math.min(first.start, start);
  const to = Math.max(last.end, end);
  return scoreTarget(body.slice(from, to), start - from, end - from, judge);
}

/**
 * The most mentions an actor's sentiment is judged on. Each judgement reads the mention's whole sentence (up to 300
 * tokens), so a body naming one actor on every word ("— Kiro" a hundred thousand times) cost that many sentences'
 * worth per mention, 40 s for 2 MB. News names an actor far fewer times (at most 152 in the PolNeAR and CoNLL train
 * and dev texts), so every mention still counts there; past this, an even sample across the body does.
 */
export const MAX_MENTIONS_JUDGED = 256;

/**
 * An actor's sentiment: the mean of the target sentiment of each mention within its sentence (of at most
 * `MAX_MENTIONS_JUDGED` mentions spread evenly over the article), labelled with the sentiment module's own thresholds
 * so labels agree with statement sentiment.
 */
export function actorSentiment(
  body: string,
  sentences: readonly Sentence[],
  mentions: readonly Mention[],
  judge: TargetSentimentJudge = linearTargetSentiment,
): Sentiment {
  if (mentions.length === 0) return NEUTRAL;
  const judged = Math.min(mentions.length, MAX_MENTIONS_JUDGED);
  let total = 0;
  for (let k = 0; k < judged; k += 1) {
    const m = mentions[Math.floor((k * mentions.length) / judged)]!;
    total += spanSentiment(body, sentences, m.start, m.end, judge).score;
  }
  const score = total / judged;
  return { score, label: labelFor(score) };
}

/** Sentiment for each caller-supplied target span. */
export function targetSentiments(
  body: string,
  sentences: readonly Sentence[],
  targets: ReadonlyArray<{ start: number; end: number }>,
  judge: TargetSentimentJudge = linearTargetSentiment,
): TargetSentiment[] {
  return targets.map((t) => ({
    start: t.start,
    end: t.end,
    sentiment: spanSentiment(body, sentences, t.start, t.end, judge),
  }));
}
