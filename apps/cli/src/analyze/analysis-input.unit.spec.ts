import { describe, expect, it } from 'vitest';
import { AnalysisInputError, prepareInput } from './analysis-input';

describe(prepareInput.name, () => {
  describe('when the body is plain text', () => {
    it('passes it through unchanged with its targets', () => {
      const { input, htmlConverted } = prepareInput({ id: 'a', body: 'Hello world', targets: [{ start: 0, end: 5 }] }, 100);
      expect(input).toEqual({ id: 'a', title: undefined, body: 'Hello world', targets: [{ start: 0, end: 5 }] });
      expect(htmlConverted).toBe(false);
    });
  });

  describe('when the body is HTML', () => {
    it('extracts the text', () => {
      const { input, htmlConverted } = prepareInput({ id: 'h', body: '<html><body><p>Rubio <b>said</b> no.</p></body></html>' }, 1000);
      expect(htmlConverted).toBe(true);
      expect(input.body).toContain('Rubio said no.');
      expect(input.body).not.toContain('<');
    });
  });

  describe.each([
    ['empty', { id: 'e', body: '   ' }, /empty/],
    ['binary', { id: 'b', body: 'abc\u0000\u0001def' }, /binary/],
    ['over the size limit', { id: 'big', body: 'x'.repeat(101) }, /larger than the limit of 100 bytes/],
    ['missing its body', { id: 'm' }, /"body" must be a string/],
    ['given a target outside the body', { id: 't', body: 'short', targets: [{ start: 2, end: 50 }] }, /targets\[0\]/],
  ])('when the input is %s', (_, raw, reason) => {
    it('is refused with a clear reason', () => {
      expect(() => prepareInput(raw, 100)).toThrow(AnalysisInputError);
      expect(() => prepareInput(raw, 100)).toThrow(reason);
    });
  });
});
