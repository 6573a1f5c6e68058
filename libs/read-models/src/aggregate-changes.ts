import { ArticleContribution } from './contributions/fold';
import { ChangesOf, EncodedOf } from './read-model-slice';
import { AGGREGATE_SLICES } from './registry';
import { SqlSession } from './sql/sql-session';

type AggregateSlices = (typeof AGGREGATE_SLICES)[number];

/** Each aggregate read model's changes, by slice name. */
export type AggregateChanges = { [S in AggregateSlices as S['name']]: ChangesOf<S> };

/** Each aggregate read model's changes encoded for its write, by slice name. */
export type EncodedAggregates = { [S in AggregateSlices as S['name']]: EncodedOf<S> };

/**
 * The aggregate changes of replacing the `removed` contributions (as stored) with the `added`
 * ones, folded by every aggregate slice: removed rows count negatively, added rows positively,
 * and keys whose deltas cancel out are dropped. Replaying a replacement against the rows it
 * produced changes no count.
 */
export function aggregateChanges(
  removed: readonly ArticleContribution[],
  added: readonly ArticleContribution[],
): AggregateChanges {
  const folds = AGGREGATE_SLICES.map((slice) => slice.startFold());
  // Added first, so merge fields (name, aliases, seen window) come from live rows where possible.
  for (const contribution of added) for (const fold of folds) fold.add(contribution, 1);
  for (const contribution of removed) for (const fold of folds) fold.add(contribution, -1);
  return Object.fromEntries(AGGREGATE_SLICES.map((slice, i) => [slice.name, folds[i]!.changes()])) as AggregateChanges;
}

/** Encodes every slice's changes (before the batch locks anything). */
export function encodeAggregates(changes: AggregateChanges): EncodedAggregates {
  const encode = <S extends AggregateSlices>(slice: S) =>
    (slice.encode as (c: unknown) => unknown)(changes[slice.name as S['name']]);
  return Object.fromEntries(AGGREGATE_SLICES.map((slice) => [slice.name, encode(slice)])) as EncodedAggregates;
}

/** Writes every slice's changes, in registry order (the global lock order). */
export async function writeAggregates(session: SqlSession, encoded: EncodedAggregates): Promise<void> {
  for (const slice of AGGREGATE_SLICES) {
    await (slice.write as (s: SqlSession, e: unknown) => Promise<void>)(session, encoded[slice.name]);
  }
}
