/** A timestamp column's value as an ISO 8601 UTC string (null stays null). */
export function isoInstant(value: Date | string): string;
export function isoInstant(value: Date | string | null): string | null;
export function isoInstant(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/**
 * SQL for a timestamptz expression as an ISO 8601 UTC string to the microsecond, which a JavaScript Date would round
 * to the millisecond: what a keyset cursor must hold to continue exactly where a page ended.
 */
export function exactInstantSql(expression: string): string {
  return `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
