import { ChronicleConfig, loadConfig } from '@chronicle/config';
import { EventPublisher } from '@chronicle/kafka';
import { PayloadTooLargeException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { articleIdFor } from '@chronicle/contracts';
import { ArticleSubmissionService, articleSizeProblem } from './article-submission.service';

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

describe(articleSizeProblem.name, () => {
  describe('when the body is at most MAX_ARTICLE_BYTES in UTF-8', () => {
    it('accepts it', () => {
      expect(articleSizeProblem('x'.repeat(10), 10)).toBeNull();
      expect(articleSizeProblem('é'.repeat(5), 10)).toBeNull();
    });
  });
  describe('when the body is over it, counting UTF-8 bytes rather than characters', () => {
    it('says so', () => {
      expect(articleSizeProblem('é'.repeat(6), 10)).toMatch(/12 bytes, over MAX_ARTICLE_BYTES \(10\)/);
    });
  });
});

/** A publisher over a Kafka stand-in that records what would be sent. */
function recordingPublisher(config: ChronicleConfig, maxMessageBytes = config.kafka.maxMessageBytes) {
  const sent: unknown[] = [];
  const producer = { sendBatch: async (request: unknown) => void sent.push(request) };
  const kafka = { producer: () => producer } as unknown as ConstructorParameters<typeof EventPublisher>[0];
  return { publisher: new EventPublisher(kafka, { ...config.kafka, maxMessageBytes }), sent };
}

describe(ArticleSubmissionService.name, () => {
  const config = loadConfig({ MAX_ARTICLE_BYTES: '1000' });

  describe('when an article of a batch is over MAX_ARTICLE_BYTES', () => {
    it('refuses the request with 413 and publishes nothing', async () => {
      const { publisher, sent } = recordingPublisher(config);
      const service = new ArticleSubmissionService(publisher, config);
      const articles = [
        { id: 'ok', title: 't', body: 'x'.repeat(1000) },
        { id: 'big', title: 't', body: 'x'.repeat(1001) },
      ];
      await expect(service.submit(articles, 'c')).rejects.toBeInstanceOf(PayloadTooLargeException);
      await expect(service.revise('big', articles[1]!, 'c')).rejects.toThrow(/big: article body is 1001 bytes/);
      expect(sent).toEqual([]);
    });
  });

  describe('when an article at the limit is all quotes, doubling once JSON-escaped', () => {
    it('fits the message limit derived from the same setting, and is published', async () => {
      const { publisher, sent } = recordingPublisher(config);
      const service = new ArticleSubmissionService(publisher, config);
      await expect(service.submit([{ id: 'quotes', title: '"'.repeat(1000), body: '"'.repeat(1000) }], 'c')).resolves.toEqual([
        'quotes',
      ]);
      expect(sent).toHaveLength(1);
    });
  });

  describe('when an encoded event would be over the message limit', () => {
    it('refuses the request with 413 before anything is published', async () => {
      const { publisher, sent } = recordingPublisher(config, 900);
      const service = new ArticleSubmissionService(publisher, config);
      const articles = [
        { id: 'small', title: 't', body: 'b' },
        { id: 'large', title: 't', body: 'x'.repeat(900) },
      ];
      await expect(service.submit(articles, 'c')).rejects.toThrow(
        /article large is \d+ bytes once encoded, over the 900-byte message limit/,
      );
      expect(sent).toEqual([]);
    });
  });
});
