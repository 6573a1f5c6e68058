import { actorPairsSlice } from '@chronicle/read-models';
import { describeSliceInPostgres } from './support/slice-in-postgres';

describeSliceInPostgres(actorPairsSlice);
