/**
 * Every actor's sentiment sums packed in one `bytea` (`actor_totals_by_day.totals`): a slot of {@link SLOT_BYTES}
 * per actor key (`actor_keys.key`, from 1) holding mentions and articles (int32) and the score sum in micro-units
 * (float64, an integer well inside its exact range), little-endian. A key past the end holds zeros.
 */
export const SLOT_BYTES = 16;

/** An actor's summed mentions, articles and score micro-units over some buckets. */
export interface ActorSums {
  mentions: number;
  articles: number;
  scoreMicros: number;
}

/** The slot of actor `key` (keys start at 1). */
function offsetOf(key: number): number {
  if (!Number.isInteger(key) || key < 1) throw new RangeError(`actor key must be a positive integer, got ${key}`);
  return (key - 1) * SLOT_BYTES;
}

/** Keys whose slot the packed vector holds (a vector is as long as its highest key needs). */
export function keysIn(vector: Uint8Array): number {
  return Math.floor(vector.byteLength / SLOT_BYTES);
}

function asBuffer(vector: Uint8Array): Buffer {
  return Buffer.isBuffer(vector) ? vector : Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The vector's slots as int32 and float64 arrays (slot s: ints[4s], ints[4s + 1], doubles[2s + 1]), read in place
 * when the bytes are 8-byte aligned on a little-endian machine, else from an aligned copy (decoded byte by byte
 * on a big-endian one). Typed arrays read a 3,000-actor vector several times faster than `readInt32LE`.
 */
function slotViews(vector: Uint8Array): { ints: Int32Array; doubles: Float64Array } {
  const length = keysIn(vector) * SLOT_BYTES;
  if (!LITTLE_ENDIAN) {
    const bytes = asBuffer(vector);
    const ints = new Int32Array(length / 4);
    const doubles = new Float64Array(length / 8);
    for (let offset = 0; offset < length; offset += SLOT_BYTES) {
      ints[offset / 4] = bytes.readInt32LE(offset);
      ints[offset / 4 + 1] = bytes.readInt32LE(offset + 4);
      doubles[offset / 8 + 1] = bytes.readDoubleLE(offset + 8);
    }
    return { ints, doubles };
  }
  const aligned = vector.byteOffset % 8 === 0 ? vector : Uint8Array.from(vector.subarray(0, length));
  return {
    ints: new Int32Array(aligned.buffer, aligned.byteOffset, length / 4),
    doubles: new Float64Array(aligned.buffer, aligned.byteOffset, length / 8),
  };
}

function checkedInt32(value: number, what: string): number {
  if (value > 0x7fffffff || value < -0x80000000) throw new RangeError(`${what} beyond a 32-bit integer: ${value}`);
  return value;
}

/** A packed vector being added to: grows to the highest key given. */
export class SumVector {
  /** Room for the slots, at least `length` bytes (it grows by doubling, so adding keys in rising order copies little). */
  private bytes: Buffer;
  private length: number;

  constructor(stored?: Uint8Array) {
    this.bytes = Buffer.from(stored ?? new Uint8Array(0));
    this.length = this.bytes.byteLength;
  }

  /** Adds `sums` to the slot of `key`. */
  add(key: number, sums: ActorSums): void {
    const offset = offsetOf(key);
    this.ensure(offset + SLOT_BYTES);
    this.addAt(offset, sums.mentions, sums.articles, sums.scoreMicros);
  }

  /** Adds every slot of another packed vector. */
  addVector(other: Uint8Array): void {
    const keys = keysIn(other);
    this.ensure(keys * SLOT_BYTES);
    const { ints, doubles } = slotViews(other);
    for (let slot = 0; slot < keys; slot++)
      this.addAt(slot * SLOT_BYTES, ints[4 * slot]!, ints[4 * slot + 1]!, doubles[2 * slot + 1]!);
  }

  /** The packed bytes, to store: up to the highest key's slot. */
  packed(): Buffer {
    return this.bytes.subarray(0, this.length);
  }

  private addAt(offset: number, mentions: number, articles: number, scoreMicros: number): void {
    const key = offset / SLOT_BYTES + 1;
    this.bytes.writeInt32LE(checkedInt32(this.bytes.readInt32LE(offset) + mentions, `mentions of actor key ${key}`), offset);
    this.bytes.writeInt32LE(
      checkedInt32(this.bytes.readInt32LE(offset + 4) + articles, `articles of actor key ${key}`),
      offset + 4,
    );
    const score = this.bytes.readDoubleLE(offset + 8) + scoreMicros;
    if (!Number.isSafeInteger(score)) throw new RangeError(`score sum of actor key ${key} is beyond exact integers`);
    this.bytes.writeDoubleLE(score, offset + 8);
  }

  private ensure(length: number): void {
    if (this.length >= length) return;
    if (this.bytes.byteLength < length) {
      const grown = Buffer.alloc(Math.max(length, 2 * this.bytes.byteLength));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    this.length = length;
  }
}

/**
 * Sums per actor key over two windows (the current one, sign +1, and the one before it, −1), for ranking every
 * actor without an object per actor: parallel typed arrays indexed by key.
 */
export class KeyedWindowSums {
  /** [mentions, articles, scoreMicros] per key, for the window (index 0) and the previous one (1). */
  private readonly columns: [Float64Array, Float64Array, Float64Array][];
  private size: number;

  constructor(keys = 0) {
    this.columns = [this.allocate(keys), this.allocate(keys)];
    this.size = keys;
  }

  /** The highest key there is room for (keys without sums read as zero). */
  get keys(): number {
    return this.size;
  }

  /** Adds (`factor` +1) or subtracts (−1) every slot of a packed vector in the window `sign` picks. */
  addVector(vector: Uint8Array, sign: 1 | -1, factor: 1 | -1 = 1): void {
    const keys = keysIn(vector);
    this.grow(keys);
    const [mentions, articles, score] = this.columns[sign > 0 ? 0 : 1]!;
    const { ints, doubles } = slotViews(vector);
    for (let slot = 1, i = 0, d = 1; slot <= keys; slot++, i += 4, d += 2) {
      mentions[slot] += factor * ints[i]!;
      articles[slot] += factor * ints[i + 1]!;
      score[slot] += factor * doubles[d]!;
    }
  }

  /** |mentions in the window − mentions in the one before| of `key`. */
  mentionChange(key: number): number {
    return Math.abs(this.columns[0][0][key]! - this.columns[1][0][key]!);
  }

  /** Articles of `key` in both windows together. */
  articlesInBoth(key: number): number {
    return this.columns[0][1][key]! + this.columns[1][1][key]!;
  }

  /** Adds one actor's sums to the window `sign` picks. */
  add(key: number, sign: 1 | -1, sums: ActorSums): void {
    offsetOf(key);
    this.grow(key);
    const [mentions, articles, score] = this.columns[sign > 0 ? 0 : 1]!;
    mentions[key] += sums.mentions;
    articles[key] += sums.articles;
    score[key] += sums.scoreMicros;
  }

  /** The sums of `key` in the window (`sign` +1) or the one before (−1). */
  sums(key: number, sign: 1 | -1): ActorSums {
    const [mentions, articles, score] = this.columns[sign > 0 ? 0 : 1]!;
    if (key < 1 || key > this.size) return { mentions: 0, articles: 0, scoreMicros: 0 };
    return { mentions: mentions[key]!, articles: articles[key]!, scoreMicros: score[key]! };
  }

  private allocate(keys: number): [Float64Array, Float64Array, Float64Array] {
    return [new Float64Array(keys + 1), new Float64Array(keys + 1), new Float64Array(keys + 1)];
  }

  private grow(keys: number): void {
    if (keys <= this.size) return;
    const capacity = Math.max(keys, this.size * 2);
    for (let window = 0; window < 2; window++) {
      const grown = this.allocate(capacity);
      for (let column = 0; column < 3; column++) grown[column]!.set(this.columns[window]![column]!);
      this.columns[window] = grown;
    }
    this.size = capacity;
  }
}
