/**
 * Which addresses a webhook may be sent to. Chronicle runs inside a network: a subscriber must
 * not be able to make it POST to loopback, private, link-local or cloud-metadata addresses
 * (server-side request forgery) unless the operator allow-lists them.
 */

type Address = { version: 4 | 6; bytes: number[] };
type Range = { version: 4 | 6; bytes: number[]; prefix: number };

function parseIPv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = parts.map((part) => (/^\d{1,3}$/.test(part) ? Number(part) : NaN));
  return bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255) ? bytes : null;
}

function parseIPv6(text: string): number[] | null {
  let value = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  let tail: number[] = [];
  const lastColon = value.lastIndexOf(':');
  if (value.includes('.') && lastColon >= 0) {
    const v4 = parseIPv4(value.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    value = `${value.slice(0, lastColon + 1)}0:0`;
  }
  const halves = value.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out = part.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN));
    return out.every((g) => !Number.isNaN(g)) ? out : null;
  };
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !rest) return null;
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0 || (halves.length === 2 && missing < 1)) return null;
  const all = [...head, ...Array<number>(missing).fill(0), ...rest];
  const bytes = all.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** Parses an IPv4 or IPv6 literal (brackets and zone ids allowed); null for anything else. */
export function parseIpAddress(text: string): Address | null {
  const v4 = parseIPv4(text);
  if (v4) return { version: 4, bytes: v4 };
  if (!text.includes(':')) return null;
  const v6 = parseIPv6(text);
  if (!v6) return null;
  // IPv4-mapped (::ffff:a.b.c.d) is that IPv4 address.
  if (v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff) return { version: 4, bytes: v6.slice(12) };
  return { version: 6, bytes: v6 };
}

function parseRange(text: string): Range | null {
  const [ip, prefixText] = text.split('/');
  const address = parseIpAddress(ip!);
  if (!address) return null;
  const max = address.version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { ...address, prefix };
}

function inRange(address: Address, range: Range): boolean {
  if (address.version !== range.version) return false;
  for (let bit = 0; bit < range.prefix; bit += 1) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((address.bytes[byte]! & mask) !== (range.bytes[byte]! & mask)) return false;
  }
  return true;
}

/** Non-public ranges, each with the reason a webhook there is refused. */
const BLOCKED: Array<[string, string]> = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared (carrier-grade NAT)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.169.254/32', 'cloud metadata'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['64:ff9b::/96', 'NAT64'],
  ['100::/64', 'discard'],
  ['2001:db8::/32', 'documentation'],
  ['fd00:ec2::254/128', 'cloud metadata'],
  ['fc00::/7', 'private (unique local)'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
];
const BLOCKED_RANGES = BLOCKED.map(([cidr, reason]) => ({ range: parseRange(cidr)!, reason }));

/** Why an address is not public, or null when it is. */
export function nonPublicReason(ip: string): string | null {
  const address = parseIpAddress(ip);
  if (!address) return 'not an IP address';
  return BLOCKED_RANGES.find(({ range }) => inRange(address, range))?.reason ?? null;
}

/** Thrown for an allow-list entry that is neither a hostname, an IP address nor a CIDR range, with an optional port. */
export class WebhookAllowListError extends Error {
  constructor(readonly entries: string[]) {
    super(`not a hostname, IP address or CIDR range (with an optional :port): ${entries.join(', ')}`);
    this.name = 'WebhookAllowListError';
  }
}

/** Looks a hostname up: every address it resolves to. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export type TargetVerdict = { allowed: true; addresses: string[] } | { allowed: false; reason: string };

const HOSTNAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i;

/** Ports an entry opens: a set, or null for every port (an entry that names none). */
type Ports = Set<number> | null;

function parsePort(text: string): number | null {
  return /^\d{1,5}$/.test(text) && Number(text) >= 1 && Number(text) <= 65535 ? Number(text) : null;
}

/**
 * Splits `target[:port]`: `[v6 or v6/prefix]:port` in brackets, `v4-or-host[/prefix]:port` with one
 * colon; a bare IPv6 (several colons) has no port.
 */
function splitEntry(entry: string): { target: string; port: number | null } | null {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  if (bracketed) {
    if (bracketed[2] === undefined) return { target: bracketed[1]!, port: null };
    const port = parsePort(bracketed[2]);
    return port === null ? null : { target: bracketed[1]!, port };
  }
  const colons = entry.split(':').length - 1;
  if (colons !== 1) return { target: entry, port: null };
  const [target, portText] = entry.split(':') as [string, string];
  const port = parsePort(portText);
  return port === null ? null : { target, port };
}

function widen(current: Ports | undefined, port: number | null): Ports {
  if (current === null || port === null) return null;
  return new Set([...(current ?? []), port]);
}

const opens = (ports: Ports, port: number | undefined) => ports === null || (port !== undefined && ports.has(port));

/**
 * Decides whether webhooks may go to a URL or an address. Allow-list entries are hostnames
 * (exact, case-insensitive), IP addresses or CIDR ranges (`127.0.0.0/8`, `::1`), each with an
 * optional port (`127.0.0.1:3999`, `hooks.internal:8443`, `[::1]:3999`): an entry with ports opens
 * only those ports of its host; one without opens every port. Public addresses need no entry.
 */
export class WebhookTargetPolicy {
  private readonly hosts = new Map<string, Ports>();
  private readonly ranges: Array<{ range: Range; ports: Ports }> = [];

  /**
   * @param setting the setting the allow-list comes from, named in refusals (feeds reuse this policy).
   * @throws WebhookAllowListError naming every malformed entry.
   */
  constructor(
    allowList: readonly string[],
    private readonly setting = 'WEBHOOK_ALLOWED_HOSTS',
  ) {
    const bad: string[] = [];
    for (const entry of allowList) {
      const split = splitEntry(entry);
      if (!split) {
        bad.push(entry);
      } else if (/^[\d.]+(\/\d+)?$/.test(split.target) || split.target.includes(':')) {
        const range = parseRange(split.target);
        if (range) this.ranges.push({ range, ports: split.port === null ? null : new Set([split.port]) });
        else bad.push(entry);
      } else if (HOSTNAME.test(split.target)) {
        const host = split.target.toLowerCase().replace(/\.$/, '');
        this.hosts.set(host, widen(this.hosts.get(host), split.port));
      } else {
        bad.push(entry);
      }
    }
    if (bad.length > 0) throw new WebhookAllowListError(bad);
  }

  /**
   * Why connecting to this resolved address (on this port) is refused, or null when it is allowed.
   * Without a port only entries that open every port count. The answer depends on the policy
   * alone, never on whether anything listens there.
   */
  refusalForAddress(ip: string, port?: number): string | null {
    const address = parseIpAddress(ip);
    if (!address) return `"${ip}" is not an IP address`;
    const listed = this.ranges.filter(({ range }) => inRange(address, range));
    if (listed.some(({ ports }) => opens(ports, port))) return null;
    const reason = nonPublicReason(ip);
    if (!reason) return null;
    if (listed.length > 0) return `port ${port ?? '(default)'} of ${ip} is not among the ports ${this.setting} opens there`;
    return `${ip} is a ${reason} address`;
  }

  /**
   * Checks a webhook URL: scheme, then every address its host resolves to (all must be
   * allowed, so a name with one public and one private address is refused).
   */
  async check(url: string, resolve: ResolveHost): Promise<TargetVerdict> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { allowed: false, reason: 'not a URL' };
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      return { allowed: false, reason: 'must be an http or https URL' };
    if (parsed.username || parsed.password) return { allowed: false, reason: 'must not contain credentials' };
    const host = parsed.hostname
      .toLowerCase()
      .replace(/^\[|\]$/g, '')
      .replace(/\.$/, '');
    const port = webhookPort(parsed);
    if (this.allowsHost(host, port)) return { allowed: true, addresses: [] };
    if (this.hosts.has(host)) {
      return { allowed: false, reason: `port ${port} of ${host} is not among the ports ${this.setting} opens there` };
    }
    let addresses: string[];
    if (parseIpAddress(host)) {
      addresses = [host];
    } else {
      try {
        addresses = await resolve(host);
      } catch (error) {
        return { allowed: false, reason: `cannot resolve ${host}: ${(error as Error).message}` };
      }
      if (addresses.length === 0) return { allowed: false, reason: `${host} resolves to no address` };
    }
    for (const address of addresses) {
      const refusal = this.refusalForAddress(address, port);
      if (refusal)
        return {
          allowed: false,
          reason: `${host === address ? '' : `${host} resolves to `}${refusal}; allow-list it in ${this.setting} to permit`,
        };
    }
    return { allowed: true, addresses };
  }

  /**
   * True when the hostname itself is allow-listed for this port (its addresses are then not
   * checked). Without a port only an entry that opens every port counts.
   */
  allowsHost(hostname: string, port?: number): boolean {
    const ports = this.hosts.get(hostname.toLowerCase().replace(/\.$/, ''));
    return ports !== undefined && opens(ports, port);
  }
}

/** The port a webhook URL connects to: its own, or its scheme's default. */
export function webhookPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}
