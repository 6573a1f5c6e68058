import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiSchemaOf, unknownFieldSchema } from './zod-json-schema';

describe(openApiSchemaOf.name, () => {
  describe('when a schema transforms what the client sends', () => {
    it('documents what the client sends', () => {
      const limit = z.string().regex(/^\d+$/).transform(Number).pipe(z.number().max(500));
      expect(openApiSchemaOf(limit)).toEqual({ type: 'string', pattern: '^\\d+$' });
    });
  });

  describe('when a pipe checks the same type further', () => {
    it("keeps the second schema's bounds", () => {
      const outlet = z
        .string()
        .transform((text) => text.normalize('NFC'))
        .pipe(z.string().trim().min(1).max(200));
      expect(openApiSchemaOf(outlet)).toEqual({ type: 'string', minLength: 1, maxLength: 200 });
    });
  });

  describe('when an object refuses unknown fields one by one', () => {
    it('documents that no other field may be there', () => {
      const article = z.object({ title: z.string() }).catchall(unknownFieldSchema);
      expect(openApiSchemaOf(article)).toMatchObject({ required: ['title'], additionalProperties: { not: {} } });
      expect(article.safeParse({ title: 't', extra: 1 }).error?.issues).toEqual([
        expect.objectContaining({ path: ['extra'], message: 'unknown field' }),
      ]);
    });
  });

  describe('when a response schema strips unknown keys', () => {
    it('documents a closed object with nullable fields as OpenAPI 3.0 writes them', () => {
      expect(openApiSchemaOf(z.object({ at: z.string().datetime().nullable() }))).toEqual({
        type: 'object',
        properties: { at: { type: 'string', format: 'date-time', nullable: true } },
        required: ['at'],
        additionalProperties: false,
      });
    });
  });
});
