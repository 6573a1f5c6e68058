/** Longest correlation id propagated from outside. */
export const CORRELATION_ID_MAX_LENGTH = 128;

// Printable ASCII (space to tilde): safe in headers, log lines and JSON without escaping.
const PRINTABLE_ASCII = /^[\x20-\x7E]+$/;

/** True when a correlation id may be propagated as given. */
export function isAcceptableCorrelationId(id: string): boolean {
  return id.length > 0 && id.length <= CORRELATION_ID_MAX_LENGTH && PRINTABLE_ASCII.test(id);
}

/**
 * The correlation id to carry: the caller's (surrounding spaces trimmed) when it is 1 to 128
 * printable ASCII characters, otherwise a fresh one from `newId`. An unusable id is replaced,
 * never propagated, so no header can put control characters or megabytes into every event and
 * log line downstream. A repeated header (an array) counts as unusable.
 */
export function normalizeCorrelationId(header: string | readonly string[] | null | undefined, newId: () => string): string {
  if (typeof header !== 'string') return newId();
  const trimmed = header.trim();
  return isAcceptableCorrelationId(trimmed) ? trimmed : newId();
}
