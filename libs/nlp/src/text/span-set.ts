import { countBelow } from './count-below';

/** Spans sorted by start, with the furthest end reached by each prefix. */
interface Run {
  starts: number[];
  ends: number[];
  reach: number[];
}

/**
 * Character spans [start, end) that keep arriving while they are queried: "does one start here" and "does one
 * overlap this range" in logarithmic time, where a scan over every span added so far would cost the square of an
 * article that gives one actor thousands of mentions.
 *
 * Spans are kept as a few runs sorted by start. A span after the last run's last start extends that run (mentions
 * mostly arrive in text order); any other opens a run of its own, and runs are merged whenever the last is at least
 * half the size of the one before it, so their sizes halve down the list: at most log n runs, and each span is
 * merged about log n times in all.
 */
export class SpanSet {
  private readonly runs: Run[] = [];

  add(start: number, end: number): void {
    const last = this.runs[this.runs.length - 1];
    if (last && last.starts[last.starts.length - 1]! <= start) {
      last.starts.push(start);
      last.ends.push(end);
      last.reach.push(Math.max(last.reach[last.reach.length - 1]!, end));
    } else {
      this.runs.push({ starts: [start], ends: [end], reach: [end] });
    }
    while (this.runs.length >= 2) {
      const [before, after] = this.runs.slice(-2) as [Run, Run];
      if (before.starts.length > 2 * after.starts.length) break;
      this.runs.splice(-2, 2, merged(before, after));
    }
  }

  /** Whether some span starts at `start`. */
  hasStart(start: number): boolean {
    return this.runs.some((run) => run.starts[countBelow(run.starts, (s) => s, start)] === start);
  }

  /** Whether some span overlaps [start, end): starts before `end` and ends after `start`. */
  overlaps(start: number, end: number): boolean {
    return this.runs.some((run) => {
      // The spans starting before `end` are the run's first n; one of them ends after `start` iff the furthest does.
      const n = countBelow(run.starts, (s) => s, end);
      return n > 0 && run.reach[n - 1]! > start;
    });
  }
}

function merged(a: Run, b: Run): Run {
  const run: Run = { starts: [], ends: [], reach: [] };
  let i = 0;
  let j = 0;
  while (i < a.starts.length || j < b.starts.length) {
    const fromA = j >= b.starts.length || (i < a.starts.length && a.starts[i]! <= b.starts[j]!);
    const start = fromA ? a.starts[i]! : b.starts[j]!;
    const end = fromA ? a.ends[i++]! : b.ends[j++]!;
    run.starts.push(start);
    run.ends.push(end);
    run.reach.push(Math.max(run.reach[run.reach.length - 1] ?? -Infinity, end));
  }
  return run;
}
