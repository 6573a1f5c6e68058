export * from './onnx-sentence-encoder';
export * from './article-analyzer.factory';
