import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPolnearSplit } from './dev-split-readers';

const TEXT = '“We will win,” Reyes said. “It is close.” Polls agree.';

// Brat standoff as PolNeAR writes it: a split quote is one event whose second piece is `Content2`.
const ANN = [
  'T1\tContent 0 14\t“We will win,”',
  'T2\tCue 21 25\tsaid',
  'T3\tSource 15 20\tReyes',
  'T4\tAttribution 21 25\tsaid',
  'T5\tContent 27 41\t“It is close.”',
  'E1\tAttribution:T4 Source:T3 Cue:T2 Content:T1 Content2:T5',
].join('\n');

describe(readPolnearSplit.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'polnear-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'dev', 'text'), { recursive: true });
  mkdirSync(join(dir, 'dev', 'attributions'), { recursive: true });
  writeFileSync(join(dir, 'dev', 'text', 'doc.txt'), TEXT);
  writeFileSync(join(dir, 'dev', 'attributions', 'doc_ab12.ann'), ANN);

  it('reads a split quote as one content over both pieces', () => {
    const [doc] = readPolnearSplit(dir, 'dev');
    expect(doc!.statements).toEqual([
      { contentStart: 0, contentEnd: 41, sources: [{ start: 15, end: 20 }], cues: [{ start: 21, end: 25 }] },
    ]);
  });
});
