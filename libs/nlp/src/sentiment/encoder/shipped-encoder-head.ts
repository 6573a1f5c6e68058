import { EncoderSentimentHead, type EncoderHeadJson } from './encoder-head';
// Loaded through the module system (resolveJsonModule), not the file system; the build copies the JSON assets.
import headJson from './model/target-encoder-head.model.json';

let shipped: EncoderSentimentHead | undefined;

/** The shipped encoder head (trained by training/train-encoder-sentiment.ts), parsed on first use. */
export function shippedEncoderHead(): EncoderSentimentHead {
  shipped ??= EncoderSentimentHead.fromJson(headJson as unknown as EncoderHeadJson);
  return shipped;
}
