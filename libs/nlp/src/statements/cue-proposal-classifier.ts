// Loaded through the module system (resolveJsonModule), not the file system; the build copies the JSON assets.
import modelJson from './model/cue-proposals.model.json';
import objectModelJson from './model/cue-proposals-objects.model.json';
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

interface LoadedModel {
  json: CueProposalModelJson;
  weights: Map<string, number>;
  cueShares: Map<string, number>;
}

function load(json: CueProposalModelJson): LoadedModel {
  return { json, weights: new Map(Object.entries(json.weights)), cueShares: new Map(Object.entries(json.cueShares)) };
}

const model = load(modelJson as CueProposalModelJson);
const objectModel = load(objectModelJson as CueProposalModelJson);
/** Both models' cue words: the proposals are generated once for both. */
const allShares = new Map([...objectModel.cueShares, ...model.cueShares]);

/** The classifier's score of a proposal: the sum of its features' weights. */
export function proposalScore(features: readonly string[], w: ReadonlyMap<string, number> = model.weights): number {
  let score = 0;
  for (const f of features) score += w.get(f) ?? 0;
  return score;
}

/** What the classifiers keep: reported statements, and the plain objects that are stances rather than statements. */
export interface KeptProposals {
  statements: StatementDraft[];
  stances: StatementDraft[];
}

/**
 * Attributions around learned cue words that the rules leave out, kept when the classifier scores them at or above
 * its threshold; an earlier kept proposal wins over a later one it overlaps. The plain objects of cue words
 * ("criticized the decision") are weighed by a second model trained on them alone, after and around the statements the
 * default model keeps, and come back apart as stances: the statements are exactly those kept without them.
 */
export function extractCueProposals(ctx: AnalysisContext, taken: Uint8Array): KeptProposals {
  const kept = acceptWithObjects(
    cueProposals(ctx, taken, allShares, true),
    (p) => model.cueShares.has(p.word) && proposalScore(p.features) >= model.json.threshold,
    (p) => objectModel.cueShares.has(p.word) && proposalScore(p.features, objectModel.weights) >= objectModel.json.threshold,
  );
  return { statements: kept.others.map((p) => p.draft), stances: kept.objects.map((p) => p.draft) };
}

/**
 * The proposals other than plain objects that `keepOther` accepts, in order, skipping any that overlaps one already
 * accepted; then, the same way, the plain objects that `keepObject` accepts among those overlapping none of them.
 */
export function acceptWithObjects(
  proposals: readonly CueProposal[],
  keepOther: (p: CueProposal) => boolean,
  keepObject: (p: CueProposal) => boolean,
): { others: CueProposal[]; objects: CueProposal[] } {
  const others = accepted(
    proposals.filter((p) => p.form !== 'object'),
    keepOther,
  );
  const objects = accepted(
    proposals.filter((p) => p.form === 'object' && !others.some((o) => reach(o)[0] < reach(p)[1] && reach(p)[0] < reach(o)[1])),
    keepObject,
  );
  return { others, objects };
}

/** The tokens a proposal spans, cue and content. */
function reach(p: CueProposal): [number, number] {
  return [Math.min(p.cue, p.first), Math.max(p.last, p.cue + 1)];
}

function accepted(proposals: readonly CueProposal[], keep: (p: CueProposal) => boolean): CueProposal[] {
  const out: CueProposal[] = [];
  let end = -1;
  for (const p of proposals) {
    if (p.cue < end || p.first < end || !keep(p)) continue;
    out.push(p);
    end = Math.max(p.last, p.cue + 1);
  }
  return out;
}
