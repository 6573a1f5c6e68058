import { sanitizeText } from '@chronicle/contracts';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkArticles, parseArticleText, readArticleFile, sanitizeArticleFields } from './article-file.reader';

const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) });

describe(parseArticleText.name, () => {
  describe('when the file has CRLF line ends, controls and a decomposed title', () => {
    it('takes the first line as title and sanitises both', () => {
      expect(parseArticleText('\r\n  Zu\u0308rich talks\r\nBody\u0000 line\r\n')).toEqual({
        title: 'Zürich talks',
        body: 'Body\uFFFD line\n',
      });
    });
  });

  describe('when given any text', () => {
    it('returns only sanitised text', () => {
      fc.assert(
        fc.property(codeUnits, (text) => {
          const { title, body } = parseArticleText(text);
          expect(sanitizeText(title)).toBe(title);
          expect(sanitizeText(body)).toBe(body);
        }),
      );
    });
  });
});

describe(sanitizeArticleFields.name, () => {
  it('sanitises the text fields and leaves ids, urls and non-objects to ingest', () => {
    expect(sanitizeArticleFields({ id: ' a\u0000', url: 'x', title: 'a\r\nb', body: 'c\u0007', outlet: 'o', n: 1 })).toEqual({
      id: ' a\u0000',
      url: 'x',
      title: 'a\nb',
      body: 'c',
      outlet: 'o',
      n: 1,
    });
    expect(sanitizeArticleFields('text')).toBe('text');
    expect(sanitizeArticleFields(null)).toBeNull();
  });
});

describe(chunkArticles.name, () => {
  describe('when given any articles', () => {
    it('keeps each once, in order, within the count, and within the bytes unless alone', () => {
      fc.assert(
        fc.property(
          fc.array(fc.string({ maxLength: 50 })),
          fc.integer({ min: 1, max: 5 }),
          fc.integer({ min: 1, max: 120 }),
          (bodies, maxCount, maxBytes) => {
            const articles = bodies.map((body) => ({ body }));
            const chunks = chunkArticles(articles, { maxCount, maxBytes });
            expect(chunks.flat()).toEqual(articles);
            for (const chunk of chunks) {
              expect(chunk.length).toBeLessThanOrEqual(maxCount);
              if (chunk.length > 1) expect(Buffer.byteLength(JSON.stringify(chunk))).toBeLessThanOrEqual(maxBytes + 1);
            }
          },
        ),
      );
    });
  });
});

describe(readArticleFile.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'chronicle-ingest-'));

  describe('when a plain-text file name is not a valid article id', () => {
    it('makes one of it', async () => {
      const path = join(dir, 'Zürich report (draft).txt');
      writeFileSync(path, 'Title\nBody');
      expect(await readArticleFile(path)).toEqual([{ id: 'Zurich-report-draft', title: 'Title', body: 'Body' }]);
    });
  });

  describe('when a JSON file starts with a byte-order mark and holds controls', () => {
    it('reads it, text sanitised', async () => {
      const path = join(dir, 'bom.json');
      writeFileSync(path, `\uFEFF${JSON.stringify([{ id: 'a', title: 't\u0000', body: 'b\r\n' }])}`);
      expect(await readArticleFile(path)).toEqual([{ id: 'a', title: 't\uFFFD', body: 'b\n' }]);
    });
  });

  describe('when an NDJSON line is not JSON', () => {
    it('names the line', async () => {
      const path = join(dir, 'bad.ndjson');
      writeFileSync(path, '{"title":"t","body":"b"}\n\nnot json\n');
      await expect(readArticleFile(path)).rejects.toThrow(/bad\.ndjson:3: not valid JSON/);
    });
  });
});
