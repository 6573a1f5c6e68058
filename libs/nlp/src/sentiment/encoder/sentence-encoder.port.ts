/**
 * The last-layer states a transformer sentence encoder gives for one text. The encoder itself runs outside this pure
 * library (libs/sentence-encoder runs it with ONNX Runtime); the sentiment stage only reads its output.
 */
export interface EncodedText {
  /** Row-major `rows × dimensions` states, one row per word piece, the special pieces included. */
  readonly states: Float32Array;
  readonly rows: number;
  readonly dimensions: number;
  /** The rows of the text's own pieces (without the special start and end pieces): [start, end). */
  readonly textRows: { start: number; end: number };
  /**
   * The rows of the pieces covering characters [from, to) of the text, or undefined when the encoder cut them off
   * (a text longer than its window).
   */
  rowsOf(from: number, to: number): { start: number; end: number } | undefined;
}

/** Runs a transformer encoder over texts. `id` names the model, so a head trained on one is never fed another. */
export interface SentenceEncoder {
  readonly id: string;
  encode(text: string): Promise<EncodedText>;
}
