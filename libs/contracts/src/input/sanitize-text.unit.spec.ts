import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPLACEMENT_CHARACTER, isSanitizedText, sanitizeText } from './sanitize-text';

/** Any sequence of UTF-16 code units: lone surrogates, NUL and every control included. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) });
/** Text weighted towards the characters that break storage and comparison. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\u0000', '\r', '\n', '\t', '\r\n', '\u0001', '\u001b', '\u007f', '\u0085', '\u2028', '\uFEFF'),
    fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D\uDE00'),
    fc.constantFrom('e\u0301', '\u00e9', 'A\u030A', '\u212B', '\u1E9B\u0323', '\uAC00', '\u1100\u1161'),
    fc.string({ unit: 'binary', maxLength: 3 }),
  ),
});
const anyText = fc.oneof(codeUnits, hostile, fc.string({ unit: 'binary' }));

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const DISALLOWED_CONTROL = /[\u0000-\u0008\u000B-\u001F]/;

describe(sanitizeText.name, () => {
  describe('when given any UTF-16 string', () => {
    it('returns no lone surrogate, NUL, carriage return or other C0 control but tab and newline', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const clean = sanitizeText(text);
          expect(clean).not.toMatch(LONE_SURROGATE);
          expect(clean).not.toMatch(DISALLOWED_CONTROL);
        }),
        { numRuns: 2000 },
      );
    });

    it('returns NFC text that PostgreSQL accepts: encodable as UTF-8 and back unchanged', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const clean = sanitizeText(text);
          expect(clean.normalize('NFC')).toBe(clean);
          expect(Buffer.from(clean, 'utf8').toString('utf8')).toBe(clean);
          expect(JSON.parse(JSON.stringify(clean))).toBe(clean);
        }),
        { numRuns: 2000 },
      );
    });

    it('is idempotent', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const once = sanitizeText(text);
          expect(sanitizeText(once)).toBe(once);
          expect(isSanitizedText(once)).toBe(true);
        }),
        { numRuns: 2000 },
      );
    });
  });

  describe('when the text is already clean', () => {
    const clean = fc.string({ unit: 'binary' }).map((text) => text.replace(/[\u0000-\u0008\u000B-\u001F]/g, '').normalize('NFC')); // eslint-disable-line no-control-regex

    it('returns it unchanged', () => {
      fc.assert(
        fc.property(clean, (text) => {
          expect(sanitizeText(text)).toBe(text);
        }),
      );
    });

    it('keeps tabs, newlines, emoji, right-to-left and CJK text', () => {
      const text = 'Line one\n\tindented 😀 — שלום عربي 漢字 Ünïcödé';
      expect(sanitizeText(text)).toBe(text);
    });
  });

  describe('when the text holds NUL or lone surrogates', () => {
    it('replaces each with U+FFFD, keeping the text around it', () => {
      expect(sanitizeText('a\u0000b')).toBe(`a${REPLACEMENT_CHARACTER}b`);
      expect(sanitizeText('x\uD800y\uDC00z')).toBe(`x${REPLACEMENT_CHARACTER}y${REPLACEMENT_CHARACTER}z`);
      expect(sanitizeText('\uDC00\uD800')).toBe(REPLACEMENT_CHARACTER.repeat(2));
      expect(sanitizeText('\uD83D\uDE00')).toBe('😀');
    });
  });

  describe('when the text has carriage returns and other controls', () => {
    it('turns CRLF and CR into LF and strips the other controls', () => {
      expect(sanitizeText('a\r\nb\rc\n\rd')).toBe('a\nb\nc\n\nd');
      expect(sanitizeText('be\u0007ll\u001b[31mred\u000b\u000c')).toBe('bell[31mred');
    });
  });

  describe('when the text is decomposed', () => {
    it('composes it (NFC)', () => {
      expect(sanitizeText('Zu\u0308rich')).toBe('Zürich');
      expect(sanitizeText('\u212B')).toBe('\u00C5');
    });
  });
});
