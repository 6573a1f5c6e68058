import type { StatementDraft } from './statement-draft';

/** The most statements one word of an article may lie in: a report of a report ("…, Trump said, according to the Times"). */
export const MAX_STATEMENT_DEPTH = 2;

/**
 * The drafts (sorted by start, then end) without those that repeat a kept span or would put a word in more than
 * {@link MAX_STATEMENT_DEPTH} statements. Nested attributions are real ("Trump said he was happy, according to the
 * Times": the Times reports what Trump said) and stay, but cues can pile up on the same words ("Kiro said, Kiro
 * said, …", "according to Kiro according to Kiro …": each cue claimed all before it), and then an article's
 * statements would repeat its text once per cue, growing with the square of its length. Of PolNeAR's 924 train and
 * dev articles, none has a word in three statements. A repeated span keeps its first cue.
 */
export function withinStatementDepth(sorted: readonly StatementDraft[]): StatementDraft[] {
  const kept: StatementDraft[] = [];
  // The kept drafts that reach past the current start: every one of them overlaps the draft at hand.
  let open: StatementDraft[] = [];
  for (const d of sorted) {
    open = open.filter((o) => o.end > d.start);
    if (open.length >= MAX_STATEMENT_DEPTH || open.some((o) => o.start === d.start && o.end === d.end)) continue;
    kept.push(d);
    open.push(d);
  }
  return kept;
}
