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
  const window = contextWindow(text, s, e);
  return sentimentFromProbabilities(targetProbabilities(text.slice(window.from, window.to), s - window.from, e - window.from));
}

/**
 * How far on each side of a target its context reaches, in UTF-16 units. Longer "sentences" (a transcript or a
 * list with no full stop, or hostile text) are cut to this, so scoring every mention of an article stays linear in
 * its length; of NewsMTSC's 9,524 train and dev targets, 45 have words further away than this.
 */
export const TARGET_CONTEXT_CHARS = 400;

/** The part of `text` within {@link TARGET_CONTEXT_CHARS} of [start, end), cut at whitespace so no word is split. */
export function contextWindow(text: string, start: number, end: number): { from: number; to: number } {
  let from = 0;
  let to = text.length;
  if (start > TARGET_CONTEXT_CHARS) {
    const cut = start - TARGET_CONTEXT_CHARS;
    const space = text.slice(cut, start).search(/\s/);
    from = space < 0 ? start : cut + space + 1;
  }
  if (text.length - end > TARGET_CONTEXT_CHARS) {
    const cut = end + TARGET_CONTEXT_CHARS;
    const space = text.slice(end, cut).search(/\s\S*$/);
    to = space < 0 ? end : end + space;
  }
  return { from, to };
}
