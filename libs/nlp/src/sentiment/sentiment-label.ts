import type { SentimentLabel } from '../analysis.types';

/**
 * Half-width of the neutral band of a sentiment score: |score| ≤ NEUTRAL_BAND is neutral. The trained model places
 * its scores so that this band reproduces its most-probable class (see `sentimentFromProbabilities`).
 */
export const NEUTRAL_BAND = 0.2;

/** Maps a score in [-1, 1] to its label; every Sentiment returned by this module satisfies it. */
export function labelFor(score: number): SentimentLabel {
  if (score > NEUTRAL_BAND) return 'positive';
  if (score < -NEUTRAL_BAND) return 'negative';
  return 'neutral';
}
