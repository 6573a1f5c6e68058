import type { Tokenizer } from '@huggingface/tokenizers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { EncodedText, SentenceEncoder } from '@chronicle/nlp';

type OnnxRuntime = typeof import('onnxruntime-node');

/** The encoder shipped in libs/sentence-encoder/model (see its NOTICE.md): e5-small-v2, int8-quantised ONNX. */
export const SHIPPED_ENCODER = {
  id: 'e5-small-v2-q',
  model: 'e5-small-v2-q.onnx',
  tokenizer: 'e5-small-v2-q.tokenizer.json',
} as const;

/** The shipped model folder: beside src/ in the sources, copied beside the compiled src/ by the build. */
export const SHIPPED_ENCODER_DIR = join(__dirname, '..', 'model');

/**
 * The most word pieces one text is encoded with, the special start and end pieces included. Target contexts are at
 * most a sentence and 400 characters on each side of the target; a text longer than this is cut, and a target cut
 * off is judged by the linear model alone.
 */
export const MAX_PIECES = 256;

interface TokenizerOutput {
  ids: number[];
}

/**
 * A BERT-style encoder run by ONNX Runtime on the CPU: word pieces from the model's own tokenizer.json, the
 * last layer's states per piece. Deterministic for a given model file and machine.
 */
export class OnnxSentenceEncoder implements SentenceEncoder {
  private constructor(
    readonly id: string,
    private readonly runtime: OnnxRuntime,
    private readonly session: InferenceSession,
    private readonly tokenizer: Tokenizer,
  ) {}

  /** Loads the shipped encoder (or another with the same layout); `threads` caps ONNX Runtime's intra-op threads. */
  static async load(options: { dir?: string; threads?: number } = {}): Promise<OnnxSentenceEncoder> {
    const dir = options.dir ?? SHIPPED_ENCODER_DIR;
    // The native runtime and the tokenizer load here, not on import: `chronicle analyze --no-sentiment-encoder` and
    // enrich with the stage off never need them.
    const runtime = await import('onnxruntime-node');
    const { Tokenizer } = await import('@huggingface/tokenizers');
    const tokenizer = new Tokenizer(JSON.parse(readFileSync(join(dir, SHIPPED_ENCODER.tokenizer), 'utf8')), {});
    const session = await runtime.InferenceSession.create(join(dir, SHIPPED_ENCODER.model), {
      intraOpNumThreads: options.threads ?? 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    return new OnnxSentenceEncoder(SHIPPED_ENCODER.id, runtime, session, tokenizer);
  }

  private pieces(text: string): number[] {
    return (this.tokenizer.encode(text, { add_special_tokens: false }) as TokenizerOutput).ids;
  }

  async encode(text: string): Promise<EncodedText> {
    const withSpecials = (this.tokenizer.encode(text) as TokenizerOutput).ids;
    const ids =
      withSpecials.length <= MAX_PIECES ? withSpecials : [...withSpecials.slice(0, MAX_PIECES - 1), withSpecials.at(-1)!];
    const rows = ids.length;
    const shape = [1, rows];
    const { Tensor } = this.runtime;
    const feeds: Record<string, Tensor> = {
      input_ids: new Tensor('int64', BigInt64Array.from(ids, BigInt), shape),
      attention_mask: new Tensor('int64', new BigInt64Array(rows).fill(1n), shape),
    };
    if (this.session.inputNames.includes('token_type_ids'))
      feeds.token_type_ids = new Tensor('int64', new BigInt64Array(rows), shape);
    const output = await this.session.run(feeds);
    const states = output[this.session.outputNames[0]!]!;
    const dimensions = states.dims[2]!;
    const lastTextRow = rows - 1;
    // A piece range from the pieces of the text before each offset: the tokenizer splits at spaces and punctuation,
    // so a target starting and ending at word boundaries (names always do) gets exactly its own pieces.
    const rowsOf = (from: number, to: number) => {
      const start = 1 + this.pieces(text.slice(0, from)).length;
      const end = Math.max(start + 1, 1 + this.pieces(text.slice(0, to)).length);
      return end <= lastTextRow ? { start, end } : undefined;
    };
    return { states: states.data as Float32Array, rows, dimensions, textRows: { start: 1, end: lastTextRow }, rowsOf };
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
