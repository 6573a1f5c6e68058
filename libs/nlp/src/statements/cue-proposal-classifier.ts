// Loaded through the module system (resolveJsonModule), not the file system; the build copies the JSON asset.
import modelJson from './model/cue-proposals.model.json';
import type { AnalysisContext } from './analysis-context';
import { cueProposals, type CueProposal } from './cue-proposals';
import type { StatementDraft } from './statement-draft';

/** An averaged perceptron over proposal features (see training/train-cue-proposals.ts and model/LICENSE-DATA.md). */
export interface CueProposalModelJson {
  format: 'chronicle-cue-proposals/1';
  trainedOn: string;
  seed: number;
  epochs: number;
  /** Proposals scoring at least this are kept; chosen on held-out folds of PolNeAR train. */
  threshold: number;
  /** Candidate cue words with the share of their train occurrences that are part of a cue. */
  cueShares: Record<string, number>;
  weights: Record<string, number>;
}

const model = modelJson as CueProposalModelJson;
const weights = new Map(Object.entries(model.weights));
const cueShares = new Map(Object.entries(model.cueShares));

/** The classifier's score of a proposal: the sum of its features' weights. */
export function proposalScore(features: readonly string[], w: ReadonlyMap<string, number> = weights): number {
  let score = 0;
  for (const f of features) score += w.get(f) ?? 0;
  return score;
}

/**
 * Attributions around learned cue words that the rules leave out, kept when the classifier scores them at or above
 * its threshold; an earlier kept proposal wins over a later one it overlaps.
 */
export function extractCueProposals(ctx: AnalysisContext, taken: Uint8Array): StatementDraft[] {
  return acceptProposals(cueProposals(ctx, taken, cueShares), (p) => proposalScore(p.features) >= model.threshold);
}

/** The proposals `keep` accepts, in order, skipping any that overlaps one already accepted. */
export function acceptProposals(proposals: readonly CueProposal[], keep: (p: CueProposal) => boolean): StatementDraft[] {
  const out: StatementDraft[] = [];
  let end = -1;
  for (const p of proposals) {
    if (p.cue < end || p.first < end || !keep(p)) continue;
    out.push(p.draft);
    end = Math.max(p.last, p.cue + 1);
  }
  return out;
}
