/** The shipped form of {@link EncoderSentimentHead} (written by libs/nlp/training/train-encoder-sentiment.ts). */
export interface EncoderHeadJson {
  format: 'chronicle-target-encoder-head/1';
  /** The `SentenceEncoder.id` the head was trained on. */
  encoder: string;
  /** Input length: the pooled states (see `poolTarget`). */
  inputs: number;
  /** Per-input mean and standard deviation on the training set (inputs are standardised first). */
  mean: number[];
  scale: number[];
  /** Class-major weights (negative, neutral, positive) × inputs, and the three biases. */
  weights: number[];
  bias: number[];
  /** Weight of the head's log-probabilities against the linear model's (1 − mix), chosen by cross-validation. */
  mix: number;
}

/**
 * Multinomial logistic regression over pooled encoder states, mixed with the linear target model: the log-linear
 * mixture (1 − mix)·log p_linear + mix·log p_encoder, renormalised.
 */
export class EncoderSentimentHead {
  private constructor(private readonly json: EncoderHeadJson) {}

  static fromJson(json: EncoderHeadJson): EncoderSentimentHead {
    if (json.format !== 'chronicle-target-encoder-head/1') throw new Error(`encoder head: unknown format ${json.format}`);
    const { inputs } = json;
    if (
      json.mean.length !== inputs ||
      json.scale.length !== inputs ||
      json.weights.length !== 3 * inputs ||
      json.bias.length !== 3
    )
      throw new Error('encoder head: array lengths do not match its inputs');
    return new EncoderSentimentHead(json);
  }

  get encoder(): string {
    return this.json.encoder;
  }

  /** [P(neg), P(neu), P(pos)] from the pooled states alone. */
  probabilities(pooled: ArrayLike<number>): Float64Array {
    const { inputs, mean, scale, weights, bias } = this.json;
    if (pooled.length !== inputs) throw new Error(`encoder head: ${pooled.length} inputs, expected ${inputs}`);
    const z = new Float64Array(3);
    for (let c = 0; c < 3; c += 1) {
      let s = bias[c]!;
      for (let i = 0; i < inputs; i += 1) s += weights[c * inputs + i]! * ((pooled[i]! - mean[i]!) / scale[i]!);
      z[c] = s;
    }
    return softmax(z);
  }

  /** The linear model's probabilities mixed with this head's for the same target. */
  mixed(linear: ArrayLike<number>, pooled: ArrayLike<number>): Float64Array {
    return mixProbabilities(linear, this.probabilities(pooled), this.json.mix);
  }
}

/** Log-linear mixture of two class distributions: softmax((1 − weight)·log a + weight·log b). */
export function mixProbabilities(a: ArrayLike<number>, b: ArrayLike<number>, weight: number): Float64Array {
  const z = new Float64Array(3);
  for (let c = 0; c < 3; c += 1) z[c] = (1 - weight) * Math.log(a[c]! + 1e-12) + weight * Math.log(b[c]! + 1e-12);
  return softmax(z);
}

function softmax(z: Float64Array): Float64Array {
  const max = Math.max(z[0]!, z[1]!, z[2]!);
  let sum = 0;
  for (let c = 0; c < 3; c += 1) sum += z[c] = Math.exp(z[c]! - max);
  for (let c = 0; c < 3; c += 1) z[c] = z[c]! / sum;
  return z;
}
