import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes, gunzipIfNeeded } from './decode-feed-bytes';
import { FeedParseError } from './feed-parse-error';

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

describe(decodeFeedBytes.name, () => {
  describe('when the Content-Type names a charset', () => {
    it('decodes with it, over the XML declaration', () => {
      const bytes = latin1('<?xml version="1.0" encoding="UTF-8"?><t>Caf\u00e9</t>');
      expect(decodeFeedBytes(bytes, 'text/xml; charset="ISO-8859-1"')).toBe(
        '<?xml version="1.0" encoding="UTF-8"?><t>Caf\u00e9</t>',
      );
    });
  });

  describe('when only the XML declaration names an encoding', () => {
    it('decodes ISO-8859-1 as browsers do (Windows-1252), keeping \u00e9 and \u00fc', () => {
      expect(decodeFeedBytes(latin1('<?xml version="1.0" encoding="iso-8859-1"?><t>\u00e9\u00fc\x93</t>'))).toBe(
        '<?xml version="1.0" encoding="iso-8859-1"?><t>\u00e9\u00fc\u201c</t>',
      );
    });
  });

  describe('when an HTML page declares its charset in a meta tag', () => {
    it.each([
      ['<meta charset="windows-1252">', '<meta charset="windows-1252">'],
      [
        '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
        '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
      ],
    ])('decodes with it: %s', (meta) => {
      expect(decodeFeedBytes(latin1(`<html><head>${meta}</head><body>\u00e9t\u00e9 \x96</body></html>`))).toBe(
        `<html><head>${meta}</head><body>\u00e9t\u00e9 \u2013</body></html>`,
      );
    });
  });

  describe('when nothing names an encoding', () => {
    it('decodes UTF-8, strips a BOM and replaces invalid bytes', () => {
      expect(
        decodeFeedBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<t>\u00e9</t>'), Buffer.from([0xff])])),
      ).toBe('<t>\u00e9</t>\ufffd');
    });
  });

  describe('when a BOM contradicts the Content-Type', () => {
    it('follows the BOM', () => {
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<t>\u00e9</t>', 'utf16le')]);
      expect(decodeFeedBytes(bytes, 'text/xml; charset=iso-8859-1')).toBe('<t>\u00e9</t>');
    });
  });

  describe('when the named charset is unknown', () => {
    it('falls back to the next source, then UTF-8', () => {
      expect(decodeFeedBytes(Buffer.from('<t>\u00e9</t>'), 'text/xml; charset=klingon')).toBe('<t>\u00e9</t>');
    });
  });

  describe('when given arbitrary bytes and headers', () => {
    it('returns a string without a leading BOM and never throws', () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ maxLength: 200 }),
          fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
          (bytes, contentType) => {
            expect(decodeFeedBytes(bytes, contentType).startsWith('\ufeff')).toBe(false);
          },
        ),
      );
    });
  });
});

describe(gunzipIfNeeded.name, () => {
  describe('when the bytes are gzipped', () => {
    it('gunzips them', () => {
      expect(Buffer.from(gunzipIfNeeded(gzipSync('<urlset/>'), 1000)).toString()).toBe('<urlset/>');
    });

    it('refuses output over the limit', () => {
      expect(() => gunzipIfNeeded(gzipSync(Buffer.alloc(100_000)), 1000)).toThrow(FeedParseError);
    });

    it('refuses corrupt data', () => {
      expect(() => gunzipIfNeeded(Buffer.from([0x1f, 0x8b, 1, 2, 3]), 1000)).toThrow(FeedParseError);
    });
  });

  describe('when the bytes are not gzipped', () => {
    it('returns them as they are', () => {
      const bytes = Buffer.from('<rss/>');
      expect(gunzipIfNeeded(bytes, 10)).toBe(bytes);
    });
  });
});
