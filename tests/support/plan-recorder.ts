import { SqlRunner } from '@chronicle/read-models';
import { PlanNode } from '../read-models/support/plan-nodes';

/** A runner whose statements are also explained with ANALYZE first, and the plans those gave. */
export interface PlanRecordingRunner {
  runner: SqlRunner;
  plans: PlanNode[];
}

const EXPLAINABLE = /^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\b/i;

/**
 * Wraps `sql` (a transaction's runner): every explainable statement first runs as `EXPLAIN (ANALYZE, FORMAT JSON)` in a
 * savepoint that is rolled back, then for real, so the caller's code sees its own results while the test reads what
 * each statement read (the plans' ANALYZE counts). Statements run twice, so it is for tests only.
 */
export function planRecordingRunner(sql: SqlRunner): PlanRecordingRunner {
  const plans: PlanNode[] = [];
  let savepoints = 0;
  const runner: SqlRunner = {
    async query(statement: string, parameters?: unknown[]) {
      if (EXPLAINABLE.test(statement)) {
        const savepoint = `plan_recorder_${(savepoints += 1)}`;
        await sql.query(`SAVEPOINT ${savepoint}`);
        const [
          {
            'QUERY PLAN': [explained],
          },
        ] = await sql.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`, parameters);
        await sql.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
        plans.push((explained as { Plan: PlanNode }).Plan);
      }
      return sql.query(statement, parameters);
    },
  };
  return { runner, plans };
}
