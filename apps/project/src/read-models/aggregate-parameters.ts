import { AggregateChanges } from '@chronicle/domain';
import { EncodedCopy, encodeSentimentEntries } from './contribution-encoding';
import { booleanArrayLiteral, numberArrayLiteral, textArrayLiteral, textArraysLiteral } from './pg-array-literal';

/**
 * Aggregate changes with the `unnest` parameters of their upserts (and the ledger's COPY text)
 * already encoded. Encoding tens of thousands of rows takes a while; done before the first
 * aggregate row is locked (for most batches before the transaction opens: `prepareAnalyses`), the
 * locked part of a batch is database work only, and a concurrent batch waiting on the same hot
 * rows (popular actors, their outlets) waits less.
 */
export interface EncodedAggregates {
  changes: AggregateChanges;
  /** The sentiment deltas, as rows appended to the ledger. */
  entries: EncodedCopy;
  actors: string[];
  clusters: string[];
  outletActors: string[];
}

type TextColumns<T> = {
  [K in keyof T]: T[K] extends string | null ? K : never;
}[keyof T];
type NumberColumns<T> = {
  [K in keyof T]: T[K] extends number ? K : never;
}[keyof T];

/** One array literal per column of `rows`, for `unnest`. */
function columnOf<T>(rows: readonly T[]) {
  return {
    text: (key: TextColumns<T>) => textArrayLiteral(rows.map((row) => row[key] as string | null)),
    number: (key: NumberColumns<T>) => numberArrayLiteral(rows.map((row) => row[key] as number)),
  };
}

/** The parameters of every aggregate upsert, in the order of their `$n` placeholders. */
export function encodeAggregates(changes: AggregateChanges): EncodedAggregates {
  const actors = columnOf(changes.actors);
  const clusters = columnOf(changes.clusters);
  const outletActors = columnOf(changes.outletActors);
  return {
    changes,
    entries: encodeSentimentEntries(changes.buckets),
    actors: [
      actors.text('id'),
      actors.text('name'),
      actors.text('kind'),
      actors.text('role'),
      textArraysLiteral(changes.actors.map((a) => a.aliases)),
      actors.text('firstSeen'),
      actors.text('lastSeen'),
      actors.number('mentions'),
      actors.number('articles'),
      actors.number('statements'),
    ],
    clusters: [
      clusters.text('clusterId'),
      clusters.text('speakerId'),
      clusters.number('statements'),
      clusters.number('outlets'),
      clusters.text('firstStatementId'),
      clusters.text('firstArticleId'),
      clusters.text('firstOutlet'),
      clusters.text('firstSeen'),
      clusters.text('lastSeen'),
      booleanArrayLiteral(changes.clusters.map((c) => c.recompute)),
    ],
    outletActors: [outletActors.text('outlet'), outletActors.text('actorId'), outletActors.number('articles')],
  };
}
