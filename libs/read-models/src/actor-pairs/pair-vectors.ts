/**
 * One actor's co-mentions in one UTC week, packed in one `bytea` (`actor_pair_vectors.others`): a slot of
 * {@link PAIR_SLOT_BYTES} per co-mentioned actor, its key (`actor_pair_keys.key`) and its articles, both int32
 * big-endian (as PostgreSQL's `int4send` writes them, so SQL can build and read slots too), in key order, no slot
 * at zero articles.
 */
export const PAIR_SLOT_BYTES = 8;

/** A co-mentioned actor's key and its articles. */
export interface PairSlot {
  key: number;
  articles: number;
}

/** How many slots the vector holds. */
export function slotsIn(vector: Uint8Array): number {
  if (vector.byteLength % PAIR_SLOT_BYTES !== 0) {
    throw new RangeError(`a pair vector is a whole number of ${PAIR_SLOT_BYTES}-byte slots, got ${vector.byteLength} bytes`);
  }
  return vector.byteLength / PAIR_SLOT_BYTES;
}

const view = (vector: Uint8Array) => new DataView(vector.buffer, vector.byteOffset, vector.byteLength);

/** The vector's slots, in key order. */
export function decodePairVector(vector: Uint8Array): PairSlot[] {
  const data = view(vector);
  const slots: PairSlot[] = new Array(slotsIn(vector));
  for (let i = 0; i < slots.length; i += 1) {
    slots[i] = { key: data.getInt32(i * PAIR_SLOT_BYTES), articles: data.getInt32(i * PAIR_SLOT_BYTES + 4) };
  }
  return slots;
}

function checkedInt32(value: number, what: string): number {
  if (!Number.isInteger(value) || value > 0x7fffffff || value < -0x80000000) {
    throw new RangeError(`${what} is not a 32-bit integer: ${value}`);
  }
  return value;
}

/** Slots (in strictly increasing key order, none at zero) as a vector. */
export function encodePairVector(slots: readonly PairSlot[]): Buffer {
  const bytes = Buffer.alloc(slots.length * PAIR_SLOT_BYTES);
  let previous = 0;
  slots.forEach(({ key, articles }, i) => {
    if (checkedInt32(key, 'a pair key') <= previous)
      throw new RangeError(`pair keys must be positive and increasing, got ${key}`);
    if (checkedInt32(articles, 'a pair count') === 0) throw new RangeError(`a pair vector holds no slot at zero (key ${key})`);
    bytes.writeInt32BE(key, i * PAIR_SLOT_BYTES);
    bytes.writeInt32BE(articles, i * PAIR_SLOT_BYTES + 4);
    previous = key;
  });
  return bytes;
}

/**
 * The slot-by-slot sum of any number of vectors (a key in any is in the sum, a key whose sum is zero is not): a
 * week's change rows merged into one. One pass over every slot, then one sort of the keys, however many vectors.
 */
export function sumPairVectors(vectors: readonly Uint8Array[]): Buffer {
  const sums = new Map<number, number>();
  for (const vector of vectors) addPairVectorInto(sums, vector);
  const keys = Int32Array.from([...sums.keys()]).sort();
  const slots: PairSlot[] = [];
  for (const key of keys) {
    const articles = sums.get(key)!;
    if (articles !== 0) slots.push({ key, articles });
  }
  return encodePairVector(slots);
}

/** Adds the vector's articles into `sums` by key (a window's weeks summed, one vector after another). */
export function addPairVectorInto(sums: Map<number, number>, vector: Uint8Array): void {
  const data = view(vector);
  const slots = slotsIn(vector);
  for (let i = 0; i < slots; i += 1) {
    const key = data.getInt32(i * PAIR_SLOT_BYTES);
    sums.set(key, (sums.get(key) ?? 0) + data.getInt32(i * PAIR_SLOT_BYTES + 4));
  }
}
