/** A timestamp column's value as an ISO 8601 UTC string (null stays null). */
export function isoInstant(value: Date | string): string;
export function isoInstant(value: Date | string | null): string | null;
export function isoInstant(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
