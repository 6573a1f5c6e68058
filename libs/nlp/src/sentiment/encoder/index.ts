export type { EncodedText, SentenceEncoder } from './sentence-encoder.port';
export { EncoderSentimentHead, mixProbabilities, type EncoderHeadJson } from './encoder-head';
export { poolTarget } from './encoder-pooling';
export { shippedEncoderHead } from './shipped-encoder-head';
