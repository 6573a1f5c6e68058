import { ANALYZER_VERSION } from '@chronicle/nlp';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyzeNdjsonStream } from './ndjson-analysis.stream';

async function run(lines: string[]): Promise<Array<Record<string, unknown>>> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  await analyzeNdjsonStream(Readable.from(lines.map((l) => `${l}\n`)), output, 10_000);
  return chunks
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe(analyzeNdjsonStream.name, () => {
  describe('when good and bad lines are mixed', () => {
    it('writes one line per input line, in order, errors in place, and goes on', async () => {
      const out = await run([
        JSON.stringify({ id: 'one', body: '"We will win," Prime Minister Maria Lindqvist said.' }),
        'not json at all',
        JSON.stringify({ id: 'empty', body: '' }),
        '',
        JSON.stringify({ id: 'two', body: 'Finance Minister Tomas Herrera said the budget was balanced.' }),
      ]);
      expect(out.map((o) => o.id)).toEqual(['one', null, 'empty', 'two']);
      expect(out[0]).toMatchObject({ analyzerVersion: ANALYZER_VERSION });
      expect(out[1]).toEqual({ id: null, error: 'line is not valid JSON' });
      expect(out[2]).toEqual({ id: 'empty', error: 'body is empty' });
      const statements = out[0]!.statements as Array<{ kind: string; speaker: { name: string } | null }>;
      expect(statements[0]).toMatchObject({ kind: 'direct', speaker: { name: 'Maria Lindqvist' } });
    });
  });

  describe('when targets are given', () => {
    it('returns a sentiment for each target span', async () => {
      const body = 'Critics said the minister had failed disastrously.';
      const [result] = await run([JSON.stringify({ id: 't', body, targets: [{ start: 17, end: 25 }] })]);
      expect(result!.targets).toEqual([
        { start: 17, end: 25, sentiment: { score: expect.any(Number), label: expect.stringMatching(/^(negative|neutral|positive)$/) } },
      ]);
    });
  });
});
