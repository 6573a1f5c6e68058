import type { StatementDraft } from './statement-draft';

/**
 * The drafts (sorted by start, then end) without any whose span repeats one already kept. Nested attributions are
 * real ("Trump said he was happy, according to the Times": the Times reports what Trump said) and stay, but two cues
 * of one stage can claim exactly the same words ("Kiro said, Kiro said, …": each cue reported the whole sentence),
 * and one statement is reported once, with the first cue.
 */
export function withoutRepeatedSpans(sorted: readonly StatementDraft[]): StatementDraft[] {
  const kept: StatementDraft[] = [];
  for (const d of sorted) {
    const last = kept[kept.length - 1];
    if (last && last.start === d.start && last.end === d.end) continue;
    kept.push(d);
  }
  return kept;
}
