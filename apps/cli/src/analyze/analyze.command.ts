import { loadConfig } from '@chronicle/config';
import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { prepareInput } from './analysis-input';
import type { ArticleAnalyzer } from '@chronicle/nlp';
import { analyzeNdjsonStream } from './ndjson-analysis.stream';
import { parseArticleText } from '../ingest/article-file.reader';

async function readAll(source: string): Promise<string> {
  if (source !== '-') return readFile(source, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `chronicle analyze FILE|-` and `chronicle analyze --ndjson`: the extractor, no Kafka, no database. */
export function buildAnalyzeCommand(): Command {
  return new Command('analyze')
    .description('Run the extractor on one article (JSON or plain text: first line title) or on NDJSON from stdin')
    .argument('[file]', 'article file, or - for stdin', '-')
    .option('--ndjson', 'read NDJSON lines {id,title?,body,targets?} on stdin; write one result line per input line')
    .option(
      '--no-sentiment-encoder',
      'judge sentiment toward actors and targets with the linear model alone (about twenty times faster)',
    )
    .action(async (file: string, flags: { ndjson?: boolean; sentimentEncoder: boolean }) => {
      const maxBytes = loadConfig().limits.maxArticleBytes;
      // Loaded here, not at the top, so `chronicle` starts without the extractor and the encoder.
      const { loadArticleAnalyzer } = await import('@chronicle/sentence-encoder');
      const { analyze, close } = await loadArticleAnalyzer({ sentimentEncoder: flags.sentimentEncoder });
      try {
        if (flags.ndjson) await analyzeNdjsonStream(process.stdin, process.stdout, maxBytes, analyze);
        else await analyzeFile(file, maxBytes, analyze);
      } finally {
        await close();
      }
    });
}

async function analyzeFile(file: string, maxBytes: number, analyze: ArticleAnalyzer): Promise<void> {
  const text = await readAll(file);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = { id: file === '-' ? 'stdin' : basename(file), ...parseArticleText(text) };
  }
  const { input } = prepareInput(raw, maxBytes);
  process.stdout.write(`${JSON.stringify(await analyze(input), null, 2)}\n`);
}
