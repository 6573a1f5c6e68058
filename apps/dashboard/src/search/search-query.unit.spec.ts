import { describe, expect, it } from 'vitest';
import { apiSearch, fieldsFromQuery, queryFromFields } from './search-query';

describe(fieldsFromQuery.name, () => {
  describe('when a shared link is opened', () => {
    it('reads the fields it names and drops values the form does not offer', () => {
      const fields = fieldsFromQuery({
        q: 'sanctions',
        kind: 'direct',
        sentiment: 'furious',
        from: '2026-05-16',
        to: 'yesterday',
      });
      expect(fields).toMatchObject({ q: 'sanctions', kind: 'direct', sentiment: '', from: '2026-05-16', to: '', order: '' });
      expect(queryFromFields(fields)).toBe('q=sanctions&kind=direct&from=2026-05-16');
    });
  });
});

describe(apiSearch.name, () => {
  it('asks for best match with words and newest without, and whole UTC days with `to` included', () => {
    expect(apiSearch(fieldsFromQuery({ q: 'sanctions', to: '2026-05-16' }))).toMatchObject({
      q: 'sanctions',
      order: 'rank',
      to: '2026-05-17T00:00:00.000Z',
    });
    expect(apiSearch(fieldsFromQuery({ outlet: 'Example Wire', from: '2026-05-16' }))).toMatchObject({
      order: 'newest',
      from: '2026-05-16T00:00:00.000Z',
    });
  });
});
