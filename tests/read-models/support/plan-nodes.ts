/** A node of `EXPLAIN (FORMAT JSON)`'s plan, with the fields the plan checks read. */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  /** With ANALYZE: rows the node returned (per loop), rows its filter turned away, and its loops. */
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** The node and every node under it. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/**
 * Rows the plan's scans of `tables` read, over every loop: those they returned and those a filter or a lossy recheck
 * turned away (EXPLAIN ANALYZE gives each per loop). The writes of a ModifyTable node are not reads.
 */
export function rowsRead(plans: readonly PlanNode[], tables: readonly string[]): number {
  return plans
    .flatMap(planNodes)
    .filter((node) => tables.includes(String(node['Relation Name'])) && node['Node Type'] !== 'ModifyTable')
    .reduce(
      (sum, node) =>
        sum +
        ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) *
          (node['Actual Loops'] ?? 1),
      0,
    );
}
