import { AggregateSlice } from '../read-model-slice';
import { statementReachRows } from './rows';
import { deriveStatementReach } from './derive';
import { ClusterChange, StatementReachFold } from './fold';
import { EncodedClusters, encodeClusters, writeStatementReach } from './write';

/** Per near-duplicate statement cluster: who said it, where and when it first appeared, how many outlets carry it. */
export const statementReachSlice: AggregateSlice<'statementReach', ClusterChange[], EncodedClusters> = {
  name: 'statementReach',
  tables: ['statement_reach'],
  startFold: () => new StatementReachFold(),
  encode: encodeClusters,
  write: writeStatementReach,
  derive: deriveStatementReach,
  rows: statementReachRows,
};
