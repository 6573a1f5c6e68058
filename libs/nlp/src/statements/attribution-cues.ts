// Loaded through the module system (resolveJsonModule), not the file system; the build copies the JSON asset.
import cuesJson from './model/attribution-cues.data.json';

/** Cue words learned from PolNeAR train (see training/learn-attribution-cues.ts and model/LICENSE-DATA.md). */
export interface AttributionCuesJson {
  format: 'chronicle-attribution-cues/1';
  trainedOn: string;
  minCount: number;
  minShare: number;
  /** share: of the word's occurrences, those inside a cue; follows: of those, the ones whose content comes after. */
  cues: Record<string, { share: number; follows: number }>;
}

const cues = new Map(Object.entries((cuesJson as AttributionCuesJson).cues));

/** The learned cue statistics of a lower-cased word, or undefined when it seldom cues an attribution. */
export function attributionCue(lower: string): { share: number; follows: number } | undefined {
  return cues.get(lower);
}
