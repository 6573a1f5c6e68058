import { contributionsSlice } from '@chronicle/read-models';
import { describeSliceInPostgres } from './support/slice-in-postgres';

describeSliceInPostgres(contributionsSlice);
