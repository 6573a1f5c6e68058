import { describe, expect, it } from 'vitest';
import { createSubscriptionSchema, updateSubscriptionSchema } from './subscription.dto';

const paths = (input: unknown, schema = createSubscriptionSchema): string[] => {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('createSubscriptionSchema', () => {
  describe('when a full rule is given', () => {
    it('accepts it and expands kind "any"', () => {
      const parsed = createSubscriptionSchema.parse({
        actors: ['Marco Rubio'],
        query: '"air defence" AND (ukraine OR kyiv) -russia',
        words: ['sanctions'],
        kinds: ['any'],
        outlets: { exclude: ['Daily Two'] },
        sentiment: { labels: ['negative'], toward: { actor: 'Putin', below: -0.2 } },
        webhookUrl: 'https://hooks.example.com/x',
      });
      expect(parsed).toMatchObject({ channel: 'webhook', kinds: ['direct', 'indirect'] });
    });
  });

  describe('when only actors and a webhook are given', () => {
    it('defaults to direct quotes on the webhook channel', () => {
      expect(createSubscriptionSchema.parse({ actors: ['Trump'], webhookUrl: 'http://127.0.0.1:9/hook' })).toMatchObject({
        kinds: ['direct'],
        channel: 'webhook',
      });
    });
  });

  describe('when fields are invalid', () => {
    it('names each one', () => {
      expect(paths({ actors: [], query: 'ukraine OR', kinds: [], webhookUrl: 'ftp://x' })).toEqual(
        expect.arrayContaining(['actors', 'query', 'kinds', 'webhookUrl']),
      );
      expect(paths({ actors: ['a'], webhookUrl: 'https://x.example', sentiment: {} })).toEqual(['sentiment']);
      expect(paths({ actors: ['a'], webhookUrl: 'https://x.example', sentiment: { toward: { actor: 'b' } } })).toEqual([
        'sentiment.toward',
      ]);
      expect(paths({ actors: ['a'], webhookUrl: 'https://x.example', outlets: {} })).toEqual(['outlets']);
      expect(paths({ actors: ['a'], webhookUrl: 'https://x.example', unknown: 1 })).toEqual(['']);
    });
  });

  describe('when text holds what Postgres cannot store (NUL, a lone surrogate)', () => {
    it.each(['a\0b', 'a\uD800b'])('names each field holding %j', (bad) => {
      expect(
        paths({
          actors: [bad],
          query: bad,
          words: [bad],
          outlets: { include: [bad] },
          sentiment: { toward: { actor: bad, below: 0 } },
          webhookUrl: `https://x.example/${bad}`,
          secret: `0123456789abcdef${bad}`,
        }),
      ).toEqual(
        expect.arrayContaining([
          'actors.0',
          'query',
          'words.0',
          'outlets.include.0',
          'sentiment.toward.actor',
          'webhookUrl',
          'secret',
        ]),
      );
    });
  });

  describe('when a signing secret is given', () => {
    const withSecret = (secret: string) => ({ actors: ['a'], webhookUrl: 'https://x.example', secret });

    it('accepts a Standard Webhooks whsec_ secret and, deprecated, a legacy one of 16..200 characters', () => {
      expect(paths(withSecret(`whsec_${Buffer.alloc(32, 7).toString('base64')}`))).toEqual([]);
      expect(paths(withSecret('0123456789abcdef'))).toEqual([]);
    });

    it('refuses a whsec_ secret that is not padded base64 of 24..64 bytes, and a too short legacy one', () => {
      expect(paths(withSecret(`whsec_${Buffer.alloc(32, 7).toString('base64url')}`))).toEqual(['secret']);
      expect(paths(withSecret(`whsec_${Buffer.alloc(16, 7).toString('base64')}`))).toEqual(['secret']);
      expect(paths(withSecret('short'))).toEqual(['secret']);
      expect(paths({ secret: 'whsec_AAAAAAAAAAAA' }, updateSubscriptionSchema as never)).toEqual(['secret']);
    });
  });

  describe('when the channel and webhook disagree', () => {
    it('explains what is missing or extra', () => {
      expect(paths({ actors: ['a'] })).toEqual(['webhookUrl']);
      expect(paths({ actors: ['a'], channel: 'webhook' })).toEqual(['webhookUrl']);
      expect(paths({ actors: ['a'], channel: 'stream', webhookUrl: 'https://x.example' })).toEqual(['webhookUrl']);
      expect(paths({ actors: ['a'], channel: 'stream' })).toEqual([]);
    });
  });
});

describe('updateSubscriptionSchema', () => {
  it('accepts null to remove a condition and refuses an empty patch', () => {
    expect(paths({ query: null, outlets: null }, updateSubscriptionSchema as never)).toEqual([]);
    expect(paths({}, updateSubscriptionSchema as never)).toEqual(['']);
  });
});
