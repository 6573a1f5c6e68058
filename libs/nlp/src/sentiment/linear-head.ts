import type { FeatureVector } from './feature-extractor';

/** Serialized form of one hashed 3-class linear head (negative, neutral, positive). */
export interface LinearHeadJson {
  /** Table size is 2^bits buckets, each holding 3 class weights. */
  bits: number;
  /** Weights are int16 values times `scale`. */
  scale: number;
  /** Base64 of little-endian Int16 weights, laid out bucket-major: [b0 neg, b0 neu, b0 pos, b1 neg, ...]. */
  weights: string;
}

/** A hashed multinomial logistic-regression head. Decoded once; `predict` allocates nothing. */
export class LinearHead {
  private readonly mask: number;

  constructor(
    readonly weights: Float32Array,
    readonly bits: number,
  ) {
    this.mask = (1 << bits) - 1;
  }

  /** Decodes a head from its JSON form. */
  static fromJson(json: LinearHeadJson): LinearHead {
    const bytes = decodeBase64(json.weights);
    const n = bytes.length >> 1;
    const w = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const u = bytes[2 * i] | (bytes[2 * i + 1] << 8);
      w[i] = (u >= 0x8000 ? u - 0x10000 : u) * json.scale;
    }
    if (n !== 3 << json.bits) throw new Error(`sentiment model: expected ${3 << json.bits} weights, got ${n}`);
    return new LinearHead(w, json.bits);
  }

  /** Writes softmax class probabilities [P(neg), P(neu), P(pos)] into `probs`; `extra` adds class scores of its own. */
  predict(fv: FeatureVector, probs: Float64Array, extra?: ArrayLike<number>): void {
    let z0 = extra ? extra[0] : 0,
      z1 = extra ? extra[1] : 0,
      z2 = extra ? extra[2] : 0;
    const w = this.weights;
    for (let i = 0; i < fv.size; i++) {
      const b = (fv.index[i] & this.mask) * 3;
      const v = fv.value[i];
      z0 += w[b] * v;
      z1 += w[b + 1] * v;
      z2 += w[b + 2] * v;
    }
    const m = Math.max(z0, z1, z2);
    const e0 = Math.exp(z0 - m),
      e1 = Math.exp(z1 - m),
      e2 = Math.exp(z2 - m);
    const s = e0 + e1 + e2;
    probs[0] = e0 / s;
    probs[1] = e1 / s;
    probs[2] = e2 / s;
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 decoder, so the library needs neither Buffer nor atob. */
export function decodeBase64(s: string): Uint8Array {
  const lookup = new Uint8Array(128);
  for (let i = 0; i < B64.length; i++) lookup[B64.charCodeAt(i)] = i;
  let len = s.length;
  while (len > 0 && s[len - 1] === '=') len--;
  const out = new Uint8Array((len * 3) >> 2);
  let o = 0;
  for (let i = 0; i < len; i += 4) {
    const a = lookup[s.charCodeAt(i)];
    const b = i + 1 < len ? lookup[s.charCodeAt(i + 1)] : 0;
    const c = i + 2 < len ? lookup[s.charCodeAt(i + 2)] : 0;
    const d = i + 3 < len ? lookup[s.charCodeAt(i + 3)] : 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** Base64 encoder (training side), the inverse of `decodeBase64`. */
export function encodeBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    s += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    s += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return s;
}
