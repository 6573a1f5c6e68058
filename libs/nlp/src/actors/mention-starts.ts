import { countBelow } from '../text/count-below';

/**
 * The start offsets of one actor's mentions while actors are folded, for "is this start taken" in logarithmic time.
 * Mentions arrive in text order within each pass over the candidates, so the offsets are kept as a few increasing
 * runs (a new run opens when an offset comes before the last one).
 */
const MAX_RUNS = 8;

export class MentionStarts {
  private readonly runs: number[][] = [];

  /** Adds `start`; false when it is already there. */
  add(start: number): boolean {
    if (this.has(start)) return false;
    const run = this.runs[this.runs.length - 1];
    if (run && run[run.length - 1]! < start) run.push(start);
    else this.runs.push([start]);
    // Out-of-order arrivals beyond a few passes: merge, so lookups never scan many runs.
    if (this.runs.length > MAX_RUNS)
      this.runs.splice(
        0,
        this.runs.length,
        this.runs.flat().sort((a, b) => a - b),
      );
    return true;
  }

  has(start: number): boolean {
    return this.runs.some((run) => run[countBelow(run, (s) => s, start)] === start);
  }

  /** Every start added, in no particular order. */
  *[Symbol.iterator](): IterableIterator<number> {
    for (const run of this.runs) yield* run;
  }
}
