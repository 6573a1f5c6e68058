import { hash as digestOf } from 'node:crypto';

/**
 * A UUID-shaped id derived from its inputs (name-based, SHA-1 like RFC 4122 v5), so that
 * re-processing the same input yields the same id and downstream effects stay idempotent.
 */
export function deterministicId(...parts: string[]): string {
  // One-shot digest: the projector hashes two ids per statement, and this is about twice as fast as a Hash object.
  const hash = digestOf('sha1', parts.join('\u0000'), 'buffer');
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
