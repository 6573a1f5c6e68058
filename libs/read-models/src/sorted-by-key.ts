/** Composite keys joined by NUL, which sorts below every character ids and names can hold, so they sort like the tuple. */
export const KEY_SEPARATOR = '\u0000';

/** The map's values in the order of its (composite) keys, which is the lock order. */
export function sortedByKey<T>(entries: Map<string, T>, keep: (value: T) => boolean = () => true): T[] {
  // The default sort compares strings by UTF-16 code units, like `compareCodePoints`, without a callback per comparison.
  const sorted: T[] = [];
  for (const key of [...entries.keys()].sort()) {
    const value = entries.get(key)!;
    if (keep(value)) sorted.push(value);
  }
  return sorted;
}
