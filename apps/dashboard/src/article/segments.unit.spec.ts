import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentArticle } from './segments';

const actors = [
  { name: 'Volodymyr Zelenskyy', kind: 'person' },
  { name: 'Recep Tayyip Erdoğan', kind: 'person' },
];

describe(segmentArticle.name, () => {
  describe('when a quote names an actor', () => {
    const body = 'Zelenskyy said: "Out of respect for Erdoğan, we go." Then he left.';
    const start = body.indexOf('Out');
    const end = body.indexOf('." ') + 1;
    const segments = segmentArticle(body, [{ start, end }], actors);

    it('gives the quote span as quote segments and marks both names', () => {
      expect(
        segments
          .filter((s) => s.statement === 0)
          .map((s) => s.text)
          .join(''),
      ).toBe(body.slice(start, end));
      expect(segments.filter((s) => s.actor !== undefined).map((s) => [s.text, s.actor, s.statement])).toEqual([
        ['Zelenskyy', 0, undefined],
        ['Erdoğan', 1, 0],
      ]);
    });
  });

  describe('when spans overlap or fall outside the text', () => {
    it('keeps the text whole and every kept span exact', () => {
      fc.assert(
        fc.property(
          fc.string({ maxLength: 80 }),
          fc.array(fc.tuple(fc.integer({ min: -5, max: 90 }), fc.integer({ min: -5, max: 90 }))),
          (body, pairs) => {
            const spans = pairs.map(([start, end]) => ({ start, end }));
            const segments = segmentArticle(body, spans, actors);
            expect(segments.map((s) => s.text).join('')).toBe(body);
            const quoted = new Map<number, string>();
            for (const s of segments)
              if (s.statement !== undefined) quoted.set(s.statement, (quoted.get(s.statement) ?? '') + s.text);
            for (const [index, text] of quoted) expect(text).toBe(body.slice(spans[index]!.start, spans[index]!.end));
          },
        ),
      );
    });
  });

  describe('when the body names an actor more times than a call takes arguments', () => {
    it('marks every name and keeps the text whole', () => {
      const body = 'Zelenskyy\n'.repeat(300_000);
      const segments = segmentArticle(body, [], actors);
      expect(segments.filter((s) => s.actor === 0)).toHaveLength(300_000);
      expect(segments.map((s) => s.text).join('')).toBe(body);
    });
  });
});
