import { describe, expect, it } from 'vitest';
import { mergeSubscriptionPatch } from './subscription-patch';
import { SubscriptionView } from './subscription.view';

const current: SubscriptionView = {
  id: '00000000-0000-4000-8000-000000000001',
  actors: ['person:maria-lindqvist'],
  kinds: ['direct'],
  query: 'sanctions',
  outlets: { include: ['Wire One'] },
  channel: 'webhook',
  webhookUrl: 'https://hooks.example/chronicle',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: null,
};

describe(mergeSubscriptionPatch.name, () => {
  describe('when the patch is empty', () => {
    it('keeps every condition and the target, without ids or times', () => {
      expect(mergeSubscriptionPatch(current, {})).toEqual({
        actors: ['person:maria-lindqvist'],
        kinds: ['direct'],
        query: 'sanctions',
        outlets: { include: ['Wire One'] },
        channel: 'webhook',
        webhookUrl: 'https://hooks.example/chronicle',
      });
    });
  });

  describe('when a field is given', () => {
    it('replaces that field only', () => {
      const merged = mergeSubscriptionPatch(current, { kinds: ['direct', 'indirect'] });
      expect(merged.kinds).toEqual(['direct', 'indirect']);
      expect(merged.query).toBe('sanctions');
    });
  });

  describe('when an optional condition is null', () => {
    it('removes it', () => {
      expect(mergeSubscriptionPatch(current, { query: null, outlets: null })).not.toHaveProperty('query');
      expect(mergeSubscriptionPatch(current, { outlets: null })).not.toHaveProperty('outlets');
    });
  });

  describe('when the channel becomes stream', () => {
    it('drops the webhook URL unless the patch names one', () => {
      expect(mergeSubscriptionPatch(current, { channel: 'stream' })).not.toHaveProperty('webhookUrl');
      expect(mergeSubscriptionPatch(current, { channel: 'stream', webhookUrl: 'https://other.example/' }).webhookUrl).toBe(
        'https://other.example/',
      );
    });
  });

  describe('when a stream subscription is patched', () => {
    it('carries no webhook URL', () => {
      const stream = { ...current, channel: 'stream' as const, webhookUrl: null };
      expect(mergeSubscriptionPatch(stream, { kinds: ['indirect'] }).webhookUrl).toBeUndefined();
    });
  });

  describe('when a new secret is given', () => {
    it('passes it on, to be validated with the rest', () => {
      expect(mergeSubscriptionPatch(current, { secret: 'whsec_' + 'A'.repeat(32) }).secret).toBe('whsec_' + 'A'.repeat(32));
    });
  });
});
