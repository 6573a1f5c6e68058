import { analyzeArticle, type ArticleAnalyzer } from '@chronicle/nlp';
import { createInterface } from 'node:readline';
import { Readable, Writable } from 'node:stream';
import { AnalysisInputError, prepareInput } from './analysis-input';

/** Analyses one NDJSON line into one output line (a result or an error object). */
export async function analyzeLine(line: string, maxBytes: number, analyze: ArticleAnalyzer = analyzeArticle): Promise<string> {
  let id: unknown = null;
  try {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new AnalysisInputError('line is not valid JSON');
    }
    id = (parsed as { id?: unknown } | null)?.id ?? null;
    const { input, htmlConverted } = prepareInput(parsed, maxBytes);
    const result = await analyze(input);
    return JSON.stringify(
      htmlConverted ? { ...result, warnings: ['html converted to text; offsets refer to the text'] } : result,
    );
  } catch (error) {
    if (!(error instanceof AnalysisInputError)) throw error;
    return JSON.stringify({ id, error: error.message });
  }
}

/**
 * Reads NDJSON from `input`, writes one result line per input line in order, flushing as it
 * goes and respecting back-pressure so memory stays flat on long streams. Blank lines are skipped.
 */
export async function analyzeNdjsonStream(
  input: Readable,
  output: Writable,
  maxBytes: number,
  analyze: ArticleAnalyzer = analyzeArticle,
): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let count = 0;
  for await (const line of lines) {
    if (line.trim().length === 0) continue;
    count += 1;
    if (!output.write(`${await analyzeLine(line, maxBytes, analyze)}\n`)) {
      await new Promise<void>((resolve) => output.once('drain', resolve));
    }
  }
  return count;
}
