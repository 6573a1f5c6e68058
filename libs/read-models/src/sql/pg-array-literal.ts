/**
 * PostgreSQL array literals for `unnest($1::text[], $2::int[], …)` parameters. Built here rather
 * than by pg's generic array serialiser because the read-model writes send tens of thousands of
 * elements per batch: one pass per column, numbers unquoted.
 */

const NEEDS_ESCAPE = /[\\"]/g;

function element(value: string | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  // Most values hold neither character; `includes` is far cheaper than a regex replace.
  return value.includes('"') || value.includes('\\') ? `"${value.replace(NEEDS_ESCAPE, '\\$&')}"` : `"${value}"`;
}

/** `{"a","b",NULL}`: every element quoted, so commas, braces, spaces and the word NULL stay text. */
export function textArrayLiteral(values: ReadonlyArray<string | null>): string {
  return `{${values.map(element).join(',')}}`;
}

/** `{1,-2,0.5}` for int, bigint and real columns; only finite numbers are valid input. */
export function numberArrayLiteral(values: readonly number[]): string {
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  }
  return `{${values.join(',')}}`;
}

/** `{t,f}` */
export function booleanArrayLiteral(values: readonly boolean[]): string {
  return `{${values.map((value) => (value ? 't' : 'f')).join(',')}}`;
}

/** Element-wise text[] literals, for a column of arrays of different lengths (cast back per row with `::text[]`). */
export function textArraysLiteral(values: ReadonlyArray<readonly string[]>): string {
  return textArrayLiteral(values.map((inner) => textArrayLiteral(inner)));
}
