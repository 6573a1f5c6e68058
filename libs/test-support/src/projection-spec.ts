import { FoldedSlice, ReadModelRow } from '@chronicle/read-models';
import { deepStrictEqual } from 'node:assert/strict';
import { InMemoryProjection, ProjectionBatch } from './in-memory-projection';

/**
 * Given/when/then for a read-model slice, run against the in-memory projection:
 * `projectionSpec(slice).given(batches).when(batch).then(rows)`. The same batches can be checked
 * against PostgreSQL with `tests/read-models/support` (one integration spec per slice).
 */
export function projectionSpec(slice: FoldedSlice) {
  return {
    given: (...history: ProjectionBatch[]) => ({
      when: (...batches: ProjectionBatch[]) => {
        const run = () => [...history, ...batches].reduce((store, batch) => store.apply(batch), new InMemoryProjection());
        return {
          /** Asserts the slice's rows after history and batches; returns them. */
          then: (expected: readonly ReadModelRow[]): ReadModelRow[] => {
            const rows = run().rows(slice);
            deepStrictEqual(rows, expected);
            return rows;
          },
          /** Asserts the slice's rows are those of another history (e.g. one that never had a retracted article). */
          thenSameAs: (...other: ProjectionBatch[]): ReadModelRow[] => {
            const rows = run().rows(slice);
            deepStrictEqual(rows, other.reduce((store, batch) => store.apply(batch), new InMemoryProjection()).rows(slice));
            return rows;
          },
        };
      },
    }),
  };
}
