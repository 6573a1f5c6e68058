import type { Sentiment } from '../analysis.types';
import { sentimentFromProbabilities, targetProbabilities, textProbabilities } from './target-sentiment.model';

export { labelFor, NEUTRAL_BAND } from './sentiment-label';
export { lexiconScore, lexiconTargetScore } from './lexicon-scorer';

/**
 * Tone of a statement's text (e.g. the words of a quote), from the model's whole-text head.
 * Deterministic; `score` in [-1, 1] and `label === labelFor(score)`.
 */
export function scoreText(text: string): Sentiment {
  if (!text.trim()) return { score: 0, label: 'neutral' };
  return sentimentFromProbabilities(textProbabilities(text));
}

/**
 * Sentiment toward the span [start, end) of `text` (usually the sentence containing a mention), judged from its
 * context by the target-dependent model trained on NewsMTSC. Offsets are clamped to the text.
 * Deterministic; `score` in [-1, 1] and `label === labelFor(score)`.
 */
export function scoreTarget(text: string, start: number, end: number): Sentiment {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  if (!text.trim()) return { score: 0, label: 'neutral' };
  return sentimentFromProbabilities(targetProbabilities(text, s, e));
}
