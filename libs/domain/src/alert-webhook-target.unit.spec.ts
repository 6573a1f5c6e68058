import fc from 'fast-check';
import { BlockList } from 'node:net';
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
  describe('when the address lies in any other non-public range', () => {
    it.each([
      ['10.255.255.255', 'private'],
      ['100.127.255.255', 'shared (carrier-grade NAT)'],
      ['127.255.255.254', 'loopback'],
      ['172.31.255.255', 'private'],
      ['192.0.0.8', 'IETF protocol assignments'],
      ['192.0.2.1', 'documentation'],
      ['192.168.255.255', 'private'],
      ['198.19.255.255', 'benchmarking'],
      ['198.51.100.7', 'documentation'],
      ['203.0.113.9', 'documentation'],
      ['224.0.0.251', 'multicast'],
      ['239.255.255.250', 'multicast'],
      ['240.0.0.1', 'reserved'],
      ['255.255.255.255', 'reserved'],
      ['::', 'unspecified'],
      ['64:ff9b::7f00:1', 'NAT64'],
      ['100::1', 'discard'],
      ['2001:db8::1', 'documentation'],
      ['fd00:ec2::254', 'cloud metadata'],
      ['fdff:ffff::1', 'private (unique local)'],
      ['febf::1', 'link-local'],
      ['fec0::1', 'site-local'],
      ['ff02::1', 'multicast'],
    ])('refuses %s (%s)', (ip, reason) => {
      expect(nonPublicReason(ip)).toBe(reason);
    });
  });
  describe('when the address is public', () => {
    it.each(['93.184.216.34', '172.32.0.1', '2606:4700::1111', '11.0.0.1', '100.128.0.1', '198.20.0.1', '2001:db9::1'])(
      'allows %s',
      (ip) => {
        expect(nonPublicReason(ip)).toBeNull();
      },
    );
  });
  describe('when the text is not an IP address', () => {
    it('says so', () => {
      expect(nonPublicReason('localhost')).toBe('not an IP address');
    });
  });
  describe('when an IPv4 address is written as IPv4-mapped IPv6', () => {
    it('refuses or allows it exactly as the IPv4 address', () => {
      fc.assert(
        fc.property(fc.ipV4(), (ip) => {
          expect(nonPublicReason(`::ffff:${ip}`)).toBe(nonPublicReason(ip));
          expect(nonPublicReason(`[::FFFF:${ip}]`)).toBe(nonPublicReason(ip));
        }),
      );
    });
  });
});

/** The address `parsed` stands for, written out in full for Node's own parser. */
function written(parsed: { version: 4 | 6; bytes: number[] }): string {
  if (parsed.version === 4) return `::ffff:${parsed.bytes.join('.')}`;
  const groups = Array.from({ length: 8 }, (_, i) => ((parsed.bytes[2 * i]! << 8) | parsed.bytes[2 * i + 1]!).toString(16));
  return groups.join(':');
}

describe(parseIpAddress.name, () => {
  it('rejects malformed literals', () => {
    expect(parseIpAddress('256.1.1.1')).toBeNull();
    expect(parseIpAddress('1:2:3')).toBeNull();
    expect(parseIpAddress('example.com')).toBeNull();
  });

  describe('when an IPv4 literal has the wrong number of parts or spells a part otherwise', () => {
    it.each(['1.2.3', '1.2.3.4.5', '0x7f.0.0.1', '1e2.0.0.1', '127.0.0.01x', '1.2.3.'])('rejects %j', (text) => {
      expect(parseIpAddress(text)).toBeNull();
    });
  });

  describe('when an IPv4 literal is valid', () => {
    it('reads its four bytes, up to 255', () => {
      expect(parseIpAddress('255.255.255.255')).toEqual({ version: 4, bytes: [255, 255, 255, 255] });
      expect(parseIpAddress('10.0.0.7')).toEqual({ version: 4, bytes: [10, 0, 0, 7] });
    });
  });

  describe('when an IPv6 literal has too many or too few groups, a bad group or a bracket inside', () => {
    it.each([
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4::5:6:7:8',
      '1::2::3',
      '12345::1',
      '1:zz::1',
      '::ffff:1.2.3',
      '::1.2.3.400',
      '1:[2::3',
      '1:]2::3',
    ])('rejects %j', (text) => {
      expect(parseIpAddress(text)).toBeNull();
    });
  });

  describe('when an IPv6 literal is written in full or with :: for one or more zero groups', () => {
    it('reads its sixteen bytes', () => {
      const loopback = [...Array<number>(15).fill(0), 1];
      expect(parseIpAddress('0:0:0:0:0:0:0:1')).toEqual({ version: 6, bytes: loopback });
      expect(parseIpAddress('2606:4700::1111')).toEqual({
        version: 6,
        bytes: [0x26, 0x06, 0x47, 0x00, ...Array<number>(10).fill(0), 0x11, 0x11],
      });
      expect(parseIpAddress('1:2:3::5:6:7:8')).toEqual({
        version: 6,
        bytes: [0, 1, 0, 2, 0, 3, 0, 0, 0, 5, 0, 6, 0, 7, 0, 8],
      });
    });
  });

  describe('when an IPv6 address only resembles an IPv4-mapped one', () => {
    it.each(['1::ffff:7f00:1', '::ff00:7f00:1', '::ff:7f00:1'])('keeps %s an IPv6 address', (text) => {
      expect(parseIpAddress(text)?.version).toBe(6);
    });
  });

  describe('when any IPv4 or IPv6 literal is given', () => {
    it("reads the address Node's own parser reads", () => {
      fc.assert(
        fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (text) => {
          const parsed = parseIpAddress(text);
          expect(parsed).not.toBeNull();
          const reference = new BlockList();
          reference.addAddress(written(parsed!), 'ipv6');
          expect(reference.check(text, text.includes(':') ? 'ipv6' : 'ipv4')).toBe(true);
        }),
      );
    });
  });

  describe('when hostile text is given', () => {
    it('never throws, and gives either nothing or 4 or 16 bytes of 0..255', () => {
      const ipLike = fc.stringMatching(/^\[?[0-9a-fA-F:.]{0,45}(%[a-z0-9]{1,5})?\]?$/);
      fc.assert(
        fc.property(fc.oneof(fc.string(), ipLike, fc.ipV4Extended()), (text) => {
          const parsed = parseIpAddress(text);
          if (parsed === null) return;
          expect(parsed.bytes).toHaveLength(parsed.version === 4 ? 4 : 16);
          for (const byte of parsed.bytes) expect(Number.isInteger(byte) && byte >= 0 && byte <= 255).toBe(true);
        }),
      );
    });
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
    it('names every malformed entry at once, and only those', () => {
      const entries = [
        '10.0.0.0/33',
        '::1/129',
        '::1/x',
        '::1/1e1',
        '300.0.0.1',
        'bad host',
        '-bad.example',
        'bad_host.example',
        'hooks..example',
      ];
      let error: unknown;
      try {
        new WebhookTargetPolicy(['ok.example', ...entries, '10.0.0.0/8']);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(WebhookAllowListError);
      expect(error).toMatchObject({
        name: 'WebhookAllowListError',
        entries,
        message: `not a hostname, IP address or CIDR range (with an optional :port): ${entries.join(', ')}`,
      });
    });
  });

  describe('when entries are hostnames of any valid shape', () => {
    it.each(['webhook-receiver-1', '1password.internal', 'x.y.example', 'hooks.eu.example.com', 'hooks.internal.'])(
      'accepts %s and allows it',
      async (entry) => {
        const policy = new WebhookTargetPolicy([entry]);
        const host = entry.replace(/\.$/, '');
        expect(policy.allowsHost(host)).toBe(true);
        expect(await policy.check(`http://${host}/x`, resolvesTo('10.0.0.1'))).toEqual({ allowed: true, addresses: [] });
      },
    );
  });

  describe('when an IP address or range is allow-listed', () => {
    const policy = new WebhookTargetPolicy(['10.0.0.1', '10.1.0.0/16', 'fd00::/8']);
    it('allows the addresses it covers, also when a hostname resolves to them', async () => {
      expect(policy.refusalForAddress('10.0.0.1')).toBeNull();
      expect(policy.refusalForAddress('10.1.200.3')).toBeNull();
      expect(policy.refusalForAddress('fd00::5')).toBeNull();
      expect(await policy.check('http://hooks.internal/x', resolvesTo('10.1.0.9'))).toEqual({
        allowed: true,
        addresses: ['10.1.0.9'],
      });
    });
    it('still refuses addresses next to them', () => {
      expect(policy.refusalForAddress('10.0.0.2')).toBe('10.0.0.2 is a private address');
      expect(policy.refusalForAddress('10.2.0.1')).toBe('10.2.0.1 is a private address');
    });
  });

  describe('when an entry names a port', () => {
    const policy = new WebhookTargetPolicy(['127.0.0.1:3999', '[::1]:3999', 'hooks.internal:8443', 'hooks.internal:9443', '10.9.0.0/16:80']);
    it('opens only that port of the host, address or range', async () => {
      expect(policy.refusalForAddress('127.0.0.1', 3999)).toBeNull();
      expect(policy.refusalForAddress('::1', 3999)).toBeNull();
      expect(policy.refusalForAddress('10.9.3.4', 80)).toBeNull();
      expect(policy.allowsHost('hooks.internal', 8443)).toBe(true);
      expect(policy.allowsHost('hooks.internal', 9443)).toBe(true);
      expect(await policy.check('http://127.0.0.1:3999/hook', resolvesTo())).toEqual({ allowed: true, addresses: ['127.0.0.1'] });
      expect(await policy.check('https://hooks.internal:8443/x', resolvesTo('10.0.0.1'))).toEqual({ allowed: true, addresses: [] });
    });
    it('refuses every other port with the same words whatever listens there', async () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 65535 }), (port) => {
          fc.pre(port !== 3999);
          expect(policy.refusalForAddress('127.0.0.1', port)).toBe(
            `port ${port} of 127.0.0.1 is not among the ports WEBHOOK_ALLOWED_HOSTS opens there`,
          );
          expect(policy.allowsHost('hooks.internal', port === 8443 || port === 9443 ? 1 : port)).toBe(false);
        }),
      );
      expect(await policy.check('http://127.0.0.1/hook', resolvesTo())).toMatchObject({ allowed: false, reason: expect.stringContaining('port 80 of 127.0.0.1') });
      expect(await policy.check('http://hooks.internal/x', resolvesTo('10.0.0.1'))).toMatchObject({ allowed: false, reason: expect.stringContaining('port 80 of hooks.internal') });
    });
    it('leaves public addresses open on any port', () => {
      expect(policy.refusalForAddress('93.184.216.34', 8080)).toBeNull();
    });
    it('refuses ports that are not ports', () => {
      for (const entry of ['127.0.0.1:0', '127.0.0.1:65536', 'hooks.internal:http', '[::1]:', '127.0.0.1:']) {
        expect(() => new WebhookTargetPolicy([entry]), entry).toThrow(WebhookAllowListError);
      }
    });
  });

  describe('when everything is allow-listed with /0 ranges', () => {
    it('allows any address', () => {
      const policy = new WebhookTargetPolicy(['0.0.0.0/0', '::/0']);
      expect(policy.refusalForAddress('127.0.0.1')).toBeNull();
      expect(policy.refusalForAddress('fe80::1')).toBeNull();
    });
  });

  describe('when a resolved address is not an IP address', () => {
    it('refuses it, saying so', () => {
      expect(new WebhookTargetPolicy([]).refusalForAddress('garbage')).toBe('"garbage" is not an IP address');
      expect(new WebhookTargetPolicy(['10.0.0.0/8']).refusalForAddress('garbage')).toBe('"garbage" is not an IP address');
    });
  });

  describe('when the URL is refused', () => {
    const policy = new WebhookTargetPolicy([]);
    it.each([
      ['not a url', 'not a URL'],
      ['ftp://example.com/', 'must be an http or https URL'],
      ['http://user@example.com/', 'must not contain credentials'],
      ['http://:secret@example.com/', 'must not contain credentials'],
      ['http://10.0.0.5/hook', '10.0.0.5 is a private address; allow-list it in WEBHOOK_ALLOWED_HOSTS to permit'],
      ['http://[fe80::1]/hook', 'fe80::1 is a link-local address; allow-list it in WEBHOOK_ALLOWED_HOSTS to permit'],
    ])('refuses %s: %s', async (url, reason) => {
      expect(await policy.check(url, resolvesTo('93.184.216.34'))).toEqual({ allowed: false, reason });
    });
    it('says which address a hostname resolved to', async () => {
      expect(await policy.check('https://hooks.example.com/x', resolvesTo('169.254.169.254'))).toEqual({
        allowed: false,
        reason:
          'hooks.example.com resolves to 169.254.169.254 is a cloud metadata address; allow-list it in WEBHOOK_ALLOWED_HOSTS to permit',
      });
    });
    it('refuses a hostname that resolves to no address', async () => {
      expect(await policy.check('https://hooks.example.com/x', resolvesTo())).toEqual({
        allowed: false,
        reason: 'hooks.example.com resolves to no address',
      });
    });
  });

  describe('when asked whether a hostname is allow-listed', () => {
    const policy = new WebhookTargetPolicy(['hooks.internal']);
    it('compares it case-insensitively, with or without the trailing dot', () => {
      expect(policy.allowsHost('HOOKS.internal.')).toBe(true);
      expect(policy.allowsHost('hooks.internal')).toBe(true);
      expect(policy.allowsHost('other.internal')).toBe(false);
      expect(policy.allowsHost('hooks')).toBe(false);
    });
  });
});
