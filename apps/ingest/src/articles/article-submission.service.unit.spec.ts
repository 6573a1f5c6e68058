import { describe, expect, it } from 'vitest';
import { articleIdFor } from './article-submission.service';

describe(articleIdFor.name, () => {
  describe('when the caller gives an id', () => {
    it('uses it', () => {
      expect(articleIdFor({ id: 'abc', title: 't', body: 'b' })).toBe('abc');
    });
  });
  describe('when only a url is given', () => {
    it('derives the same id from the same url, ignoring a trailing slash and case', () => {
      const a = articleIdFor({ url: 'https://News.example/x/', title: 't', body: 'b' });
      const b = articleIdFor({ url: 'https://news.example/x', title: 'other', body: 'other' });
      expect(a).toBe(b);
    });
  });
  describe('when neither is given', () => {
    it('derives the id from the content', () => {
      expect(articleIdFor({ title: 't', body: 'b' })).toBe(articleIdFor({ title: 't', body: 'b' }));
      expect(articleIdFor({ title: 't', body: 'b' })).not.toBe(articleIdFor({ title: 't', body: 'c' }));
    });
  });
});
