import { describe, expect, it } from 'vitest';
import { isReadableBody } from './json-content-type.guard';

describe(isReadableBody.name, () => {
  describe('when the body is JSON', () => {
    it('lets it through, whatever the case and parameters', () => {
      expect(isReadableBody({ 'content-type': 'application/json', 'content-length': '2' })).toBe(true);
      expect(isReadableBody({ 'content-type': 'Application/JSON; charset=utf-8', 'transfer-encoding': 'chunked' })).toBe(true);
    });
  });

  describe('when there is no body', () => {
    it('lets it through, so a DELETE without a body is fine', () => {
      expect(isReadableBody({})).toBe(true);
      expect(isReadableBody({ 'content-type': 'text/plain', 'content-length': '0' })).toBe(true);
    });
  });

  describe('when the body is not JSON', () => {
    it('refuses it (415)', () => {
      expect(isReadableBody({ 'content-type': 'text/plain', 'content-length': '5' })).toBe(false);
      expect(isReadableBody({ 'content-type': 'application/x-www-form-urlencoded', 'content-length': '5' })).toBe(false);
      expect(isReadableBody({ 'content-type': 'application/vnd.api+json', 'transfer-encoding': 'chunked' })).toBe(false);
      expect(isReadableBody({ 'content-length': '5' })).toBe(false);
    });
  });
});
