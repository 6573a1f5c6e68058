import { AggregateSlice } from '../read-model-slice';
import { outletRows } from './rows';
import { deriveOutlets } from './derive';
import { OutletChanges, OutletsFold } from './fold';
import { EncodedOutlets, encodeOutlets, writeOutlets } from './write';

/** Per outlet: live articles, distinct actors covered, seen window; and articles per (outlet, actor). */
export const outletsSlice: AggregateSlice<'outlets', OutletChanges, EncodedOutlets> = {
  name: 'outlets',
  // Pairs before outlets: the outlet rows are updated with what the pairs report.
  tables: ['outlet_actors', 'outlets'],
  startFold: () => new OutletsFold(),
  encode: encodeOutlets,
  write: writeOutlets,
  derive: deriveOutlets,
  rows: outletRows,
};
