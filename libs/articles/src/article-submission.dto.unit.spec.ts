import { isArticleId, sanitizeText } from '@chronicle/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  articleIdParamSchema,
  articleRetractionSchema,
  articleRevisionSchema,
  articleSubmissionBatchSchema,
  ArticleSubmissionDto,
} from './article-submission.dto';

const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)) });
const hostileText = fc.oneof(
  codeUnits,
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom('a', ' ', '\u0000', '\r', '\r\n', '\t', '\u001b', '\uD800', '\uDFFF', 'e\u0301', '"', '😀'),
  }),
);

/** What the 400 would list: `{path, message}` as the validation pipe renders them. */
function problems(result: { success: boolean; error?: { issues: Array<{ path: Array<string | number>; message: string }> } }) {
  return (result.error?.issues ?? []).map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
}

describe('articleSubmissionBatchSchema', () => {
  describe('when text fields hold NUL, lone surrogates, CRLF, controls or decomposed characters', () => {
    it('accepts them sanitised', () => {
      const result = articleSubmissionBatchSchema.safeParse({
        title: 'Zu\u0308rich\u0000',
        body: 'line\r\nnext\u0007 \uD800',
        outlet: ' Wire\u0001 ',
        language: 'en\u0000',
      });
      expect(result.success).toBe(true);
      expect(result.data).toEqual({ title: 'Zürich\uFFFD', body: 'line\nnext \uFFFD', outlet: 'Wire', language: 'en\uFFFD' });
    });
  });

  describe('when any text is posted in any field', () => {
    it('either refuses it with problems at named paths, or accepts only sanitised text and valid ids; it never throws', () => {
      fc.assert(
        fc.property(
          fc.record(
            {
              id: hostileText,
              url: hostileText,
              outlet: hostileText,
              title: hostileText,
              body: hostileText,
              language: hostileText,
            },
            { requiredKeys: ['title', 'body'] },
          ),
          (article) => {
            const result = articleSubmissionBatchSchema.safeParse(article);
            if (!result.success) {
              for (const problem of problems(result)) expect(Object.keys(article)).toContain(problem.path);
              return;
            }
            const accepted = result.data as ArticleSubmissionDto;
            for (const value of [accepted.title, accepted.body, accepted.outlet, accepted.language]) {
              if (value !== undefined) expect(sanitizeText(value)).toBe(value);
            }
            if (accepted.id !== undefined) expect(isArticleId(accepted.id)).toBe(true);
            if (accepted.url !== undefined) expect(['http:', 'https:']).toContain(new URL(accepted.url).protocol);
          },
        ),
        { numRuns: 1000 },
      );
    });
  });

  describe('when the id or url is outside the grammar', () => {
    it('names each field in its problems', () => {
      const result = articleSubmissionBatchSchema.safeParse([
        { id: 'a\u0000b', title: 't', body: 'b' },
        { url: 'javascript:alert(1)', title: 't', body: 'b' },
        { id: 'x'.repeat(129), url: 'https://a.example/x y', title: 't', body: 'b' },
      ]);
      expect(problems(result).map((p) => p.path)).toEqual(['0.id', '1.url', '2.id', '2.url']);
    });

    it('keeps the ids samples and derived ids use', () => {
      for (const id of ['01-istanbul-talks', 'sample-sanctions-vote', '6f1c2d3e-0000-5000-8000-000000000000']) {
        expect(articleSubmissionBatchSchema.safeParse({ id, title: 't', body: 'b' }).success).toBe(true);
      }
    });
  });

  describe('when the JSON carries __proto__, constructor or other unknown keys', () => {
    it('refuses each at its own path, with every other problem, and pollutes no prototype', () => {
      const body = JSON.parse(
        '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "title": "t", "body": "", "extra": 1}',
      ) as unknown;
      const result = articleSubmissionBatchSchema.safeParse(body);
      expect(problems(result)).toEqual(
        expect.arrayContaining([
          { path: '__proto__', message: 'unknown field' },
          { path: 'constructor', message: 'unknown field' },
          { path: 'extra', message: 'unknown field' },
          { path: 'body', message: 'must not be empty' },
        ]),
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('never throws, whatever JSON is posted', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.json(),
            fc.jsonValue().map((v) => `{"__proto__":${JSON.stringify(v)},"title":"t","body":"b"}`),
          ),
          (json) => {
            const parsed = JSON.parse(json) as unknown;
            expect(() => articleSubmissionBatchSchema.safeParse(parsed)).not.toThrow();
            expect(() => articleRevisionSchema.safeParse(parsed)).not.toThrow();
            expect(() => articleRetractionSchema.safeParse(parsed)).not.toThrow();
            expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          },
        ),
      );
    });
  });
});

describe('articleRevisionSchema', () => {
  describe('when the body carries an id', () => {
    it('refuses it: the id comes from the path', () => {
      expect(problems(articleRevisionSchema.safeParse({ id: 'x', title: 't', body: 'b' }))).toEqual([
        { path: 'id', message: 'unknown field' },
      ]);
    });
  });
});

describe('articleRetractionSchema', () => {
  describe('when there is no body or a reason with controls', () => {
    it('gives an empty retraction, or the reason sanitised', () => {
      expect(articleRetractionSchema.parse(undefined)).toEqual({});
      expect(articleRetractionSchema.parse({ reason: ' wrong\u0000 story\r\n' })).toEqual({ reason: 'wrong\uFFFD story' });
    });
  });
});

describe('articleIdParamSchema', () => {
  describe('when the path id is outside the grammar (PUT /v1/articles/a%00b)', () => {
    it('refuses it with a problem at path id', () => {
      for (const id of ['a\u0000b', '', '../x', 'a b', 'é']) {
        expect(problems(articleIdParamSchema.safeParse(id))[0]?.path, JSON.stringify(id)).toBe('id');
      }
    });
  });

  describe('when the path id is valid', () => {
    it('passes it through', () => {
      expect(articleIdParamSchema.parse('01-istanbul-talks')).toBe('01-istanbul-talks');
    });
  });
});
