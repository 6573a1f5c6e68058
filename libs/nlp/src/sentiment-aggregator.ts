import type { Mention, Sentiment, TargetSentiment } from './analysis.types';
import { labelFor, scoreTarget } from './sentiment';
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
export function spanSentiment(body: string, sentences: readonly Sentence[], start: number, end: number): Sentiment {
  const first = sentenceAt(sentences, start);
  const last = sentenceAt(sentences, Math.max(start, end - 1));
  if (!first || !last) return NEUTRAL;
  const from = Math.min(first.start, start);
  const to = Math.max(last.end, end);
  return scoreTarget(body.slice(from, to), start - from, end - from);
}

/**
 * An actor's sentiment: the mean of the target sentiment of each mention within its sentence, labelled with the
 * sentiment module's own thresholds so labels agree with statement sentiment.
 */
export function actorSentiment(body: string, sentences: readonly Sentence[], mentions: readonly Mention[]): Sentiment {
  if (mentions.length === 0) return NEUTRAL;
  let total = 0;
  for (const m of mentions) total += spanSentiment(body, sentences, m.start, m.end).score;
  const score = total / mentions.length;
  return { score, label: labelFor(score) };
}

/** Sentiment for each caller-supplied target span. */
export function targetSentiments(
  body: string,
  sentences: readonly Sentence[],
  targets: ReadonlyArray<{ start: number; end: number }>,
): TargetSentiment[] {
  return targets.map((t) => ({ start: t.start, end: t.end, sentiment: spanSentiment(body, sentences, t.start, t.end) }));
}
