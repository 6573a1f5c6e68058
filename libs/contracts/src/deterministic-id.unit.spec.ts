import { describe, expect, it } from 'vitest';
import { deterministicId } from './deterministic-id';

describe(deterministicId.name, () => {
  describe('when given the parts of a stored id', () => {
    it('gives the id earlier versions gave: stored rows and alerts refer to them, so they may never change', () => {
      // Computed by the implementation these ids were first stored with (a SHA-1 Hash object).
      expect(deterministicId('statement', 'a1', 'direct', '10', '42')).toBe('fe111711-945c-52da-8d0c-bc8b9e92e12d');
      expect(deterministicId('statement-cluster', 'person:x', 'we will not accept it')).toBe(
        'aa65d78d-df21-5246-bc6a-423d9a14bce5',
      );
    });
  });

  describe('when parts differ only in where one ends', () => {
    it('gives different ids', () => {
      expect(deterministicId('ab', 'c')).not.toBe(deterministicId('a', 'bc'));
    });
  });

  it('is shaped like a version 5 UUID', () => {
    expect(deterministicId('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
