/**
 * Link-based (MUC, Vilain et al. 1995) and mention-based (B³, Bagga and Baldwin 1998) coreference scores of a response
 * partition against a key partition. Mentions are ids (here "start:end" token spans); a mention of one partition that
 * the other lacks counts there as a singleton, as the CoNLL-2012 reference scorer treats twinless mentions. Scores
 * come as sums so documents can be pooled before dividing.
 */
export interface CorefCounts {
  recallNum: number;
  recallDen: number;
  precisionNum: number;
  precisionDen: number;
}

export type Partition = ReadonlyArray<readonly string[]>;

export const emptyCounts = (): CorefCounts => ({ recallNum: 0, recallDen: 0, precisionNum: 0, precisionDen: 0 });

export function addCounts(total: CorefCounts, more: CorefCounts): void {
  total.recallNum += more.recallNum;
  total.recallDen += more.recallDen;
  total.precisionNum += more.precisionNum;
  total.precisionDen += more.precisionDen;
}

/** Cluster index of each mention of a partition. */
function clusterOf(partition: Partition): Map<string, number> {
  const of = new Map<string, number>();
  partition.forEach((cluster, i) => cluster.forEach((m) => of.set(m, i)));
  return of;
}

/** MUC's side: Σ (|S| − |parts of S under the other partition|) over Σ (|S| − 1), for each cluster S of `side`. */
function mucSide(side: Partition, other: Partition): [number, number] {
  const otherOf = clusterOf(other);
  let num = 0;
  let den = 0;
  for (const cluster of side) {
    const parts = new Set(cluster.map((m) => (otherOf.has(m) ? `c${otherOf.get(m)}` : `m${m}`)));
    num += cluster.length - parts.size;
    den += cluster.length - 1;
  }
  return [num, den];
}

export function mucCounts(key: Partition, response: Partition): CorefCounts {
  const [recallNum, recallDen] = mucSide(key, response);
  const [precisionNum, precisionDen] = mucSide(response, key);
  return { recallNum, recallDen, precisionNum, precisionDen };
}

/** B³'s side: Σ over mentions m of `side` of |S(m) ∩ O(m)| / |S(m)|, where O(m) is m's cluster in the other partition. */
function bcubedSide(side: Partition, other: Partition): [number, number] {
  const otherOf = clusterOf(other);
  let num = 0;
  let den = 0;
  for (const cluster of side) {
    const counts = new Map<number, number>();
    for (const m of cluster) {
      const o = otherOf.get(m);
      if (o !== undefined) counts.set(o, (counts.get(o) ?? 0) + 1);
    }
    for (const m of cluster) {
      const o = otherOf.get(m);
      num += (o === undefined ? 1 : counts.get(o)!) / cluster.length;
      den += 1;
    }
  }
  return [num, den];
}

export function bcubedCounts(key: Partition, response: Partition): CorefCounts {
  const [recallNum, recallDen] = bcubedSide(key, response);
  const [precisionNum, precisionDen] = bcubedSide(response, key);
  return { recallNum, recallDen, precisionNum, precisionDen };
}

/** Precision, recall and F1 in percent, one decimal. */
export function corefPrf({ recallNum, recallDen, precisionNum, precisionDen }: CorefCounts): {
  p: number;
  r: number;
  f1: number;
} {
  const p = precisionDen ? precisionNum / precisionDen : 0;
  const r = recallDen ? recallNum / recallDen : 0;
  const round = (x: number): number => Math.round(x * 1000) / 10;
  return { p: round(p), r: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0) };
}
