import { describe, expect, it } from 'vitest';
import { nonPublicReason, parseIpAddress, WebhookAllowListError, WebhookTargetPolicy } from './alert-webhook-target';

const resolvesTo =
  (...addresses: string[]) =>
  async () =>
    addresses;

describe(nonPublicReason.name, () => {
  describe('when the address is loopback, private, link-local or metadata', () => {
    it.each([
      ['127.0.0.1', 'loopback'],
      ['10.1.2.3', 'private'],
      ['172.20.0.1', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'shared (carrier-grade NAT)'],
      ['169.254.169.254', 'cloud metadata'],
      ['169.254.10.10', 'link-local'],
      ['0.0.0.0', 'unspecified'],
      ['::1', 'loopback'],
      ['fd00::1', 'private (unique local)'],
      ['fe80::1%eth0', 'link-local'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['[::ffff:a9fe:a9fe]', 'cloud metadata'],
    ])('refuses %s (%s)', (ip, reason) => {
      expect(nonPublicReason(ip)).toBe(reason);
    });
  });
  describe('when the address is public', () => {
    it.each(['93.184.216.34', '172.32.0.1', '2606:4700::1111'])('allows %s', (ip) => {
      expect(nonPublicReason(ip)).toBeNull();
    });
  });
});

describe(parseIpAddress.name, () => {
  it('rejects malformed literals', () => {
    expect(parseIpAddress('256.1.1.1')).toBeNull();
    expect(parseIpAddress('1:2:3')).toBeNull();
    expect(parseIpAddress('example.com')).toBeNull();
  });
});

describe(WebhookTargetPolicy.name, () => {
  describe('when nothing is allow-listed', () => {
    const policy = new WebhookTargetPolicy([]);
    it('refuses a private IP literal', async () => {
      expect(await policy.check('http://10.0.0.5/hook', resolvesTo())).toMatchObject({
        allowed: false,
        reason: expect.stringContaining('private'),
      });
    });
    it('refuses a hostname when any of its addresses is private (DNS pointing inside)', async () => {
      const verdict = await policy.check('https://hooks.example.com/x', resolvesTo('93.184.216.34', '169.254.169.254'));
      expect(verdict).toMatchObject({ allowed: false, reason: expect.stringContaining('cloud metadata') });
    });
    it('allows a hostname with only public addresses', async () => {
      expect(await policy.check('https://hooks.example.com/x', resolvesTo('93.184.216.34'))).toEqual({
        allowed: true,
        addresses: ['93.184.216.34'],
      });
    });
    it('refuses other schemes, credentials and unresolvable names', async () => {
      expect(await policy.check('ftp://example.com/', resolvesTo('93.184.216.34'))).toMatchObject({ allowed: false });
      expect(await policy.check('http://u:p@example.com/', resolvesTo('93.184.216.34'))).toMatchObject({ allowed: false });
      expect(
        await policy.check('http://nowhere.invalid/', async () => {
          throw new Error('ENOTFOUND');
        }),
      ).toMatchObject({ allowed: false, reason: expect.stringContaining('cannot resolve') });
    });
  });

  describe('when loopback is allow-listed by CIDR', () => {
    const policy = new WebhookTargetPolicy(['127.0.0.0/8', '::1']);
    it('allows loopback but still refuses private ranges', async () => {
      expect(await policy.check('http://127.0.0.1:8080/hook', resolvesTo())).toMatchObject({ allowed: true });
      expect(await policy.check('http://[::1]:8080/hook', resolvesTo())).toMatchObject({ allowed: true });
      expect(await policy.check('http://192.168.0.10/hook', resolvesTo())).toMatchObject({ allowed: false });
    });
  });

  describe('when a hostname is allow-listed', () => {
    it('allows it whatever it resolves to', async () => {
      const policy = new WebhookTargetPolicy(['hooks.internal']);
      expect(await policy.check('http://HOOKS.internal./x', resolvesTo('10.0.0.1'))).toMatchObject({ allowed: true });
    });
  });

  describe('when an allow-list entry is malformed', () => {
    it('names it', () => {
      expect(() => new WebhookTargetPolicy(['10.0.0.0/99', 'ok.example', 'bad host'])).toThrow(WebhookAllowListError);
    });
  });
});
