// Copies model files the TypeScript build does not emit (JSON models are imported, so tsc emits them; the encoder's
// ONNX file and tokenizer are read at run time) beside the compiled code, so dist/ runs on its own (the Docker image
// ships dist/ without the sources).
import { cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const dir of ['libs/sentence-encoder/model']) cpSync(join(root, dir), join(root, 'dist', dir), { recursive: true });
