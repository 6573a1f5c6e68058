import type { Sentiment } from '../analysis.types';
import { sentimentFromProbabilities, targetProbabilities, textProbabilities } from './target-sentiment.model';

export { sentimentFromProbabilities } from './target-sentiment.model';

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

/** A target in the context its sentiment is judged from: characters [start, end) of `text`. */
export interface TargetContext {
  text: string;
  start: number;
  end: number;
}

/** Judges the sentiment toward a target from its context (the linear model by default; see `AnalyzeOptions`). */
export type TargetSentimentJudge = (context: TargetContext) => Sentiment;

/**
 * The context a target's sentiment is judged from: [start, end) of `text` (usually the sentence containing a mention)
 * with offsets clamped to the text and the text cut to {@link TARGET_CONTEXT_CHARS} on each side. Undefined for a
 * blank text, which says nothing of anyone.
 */
export function targetContext(text: string, start: number, end: number): TargetContext | undefined {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  if (!text.trim()) return undefined;
  const window = contextWindow(text, s, e);
  return { text: text.slice(window.from, window.to), start: s - window.from, end: e - window.from };
}

/** [P(neg), P(neu), P(pos)] toward a target from the linear target-dependent model, as a new array. */
export function linearTargetProbabilities(context: TargetContext): Float64Array {
  return Float64Array.from(targetProbabilities(context.text, context.start, context.end));
}

/** The linear target-dependent model's judgement (trained on NewsMTSC): the default {@link TargetSentimentJudge}. */
export const linearTargetSentiment: TargetSentimentJudge = (context) =>
  sentimentFromProbabilities(targetProbabilities(context.text, context.start, context.end));

/**
 * Sentiment toward the span [start, end) of `text` (usually the sentence containing a mention), judged from its
 * context by the target-dependent model trained on NewsMTSC. Offsets are clamped to the text.
 * Deterministic; `score` in [-1, 1] and `label === labelFor(score)`.
 */
export function scoreTarget(text: string, start: number, end: number, judge = linearTargetSentiment): Sentiment {
  const context = targetContext(text, start, end);
  return context === undefined ? { score: 0, label: 'neutral' } : judge(context);
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
