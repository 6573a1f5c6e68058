import { loadConfig } from '@chronicle/config';
import { API_SCOPES, ApiScope, DEFAULT_TENANT, isApiScope } from '@chronicle/domain';
import { ApiKeyStore, issueApiKey } from '@chronicle/persistence';
import { Command, InvalidArgumentError } from 'commander';

function scopeList(value: string): ApiScope[] {
  const scopes = value
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
  const unknown = scopes.filter((scope) => !isApiScope(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`scopes are a comma-separated list of ${API_SCOPES.join(', ')}${unknown.length ? ` (not: ${unknown.join(', ')})` : ''}`);
  }
  return scopes as ApiScope[];
}

function futureDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidArgumentError('an ISO date or date-time, e.g. 2027-06-30');
  return date;
}

async function withStore<T>(work: (store: ApiKeyStore) => Promise<T>): Promise<T> {
  const store = ApiKeyStore.connect(loadConfig().database.url, 1);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** `chronicle keys create|list|revoke`: API keys, stored hashed; a key is printed once, at creation. */
export function buildKeysCommand(): Command {
  const keys = new Command('keys').description('Create, list and revoke API keys');

  keys
    .command('create')
    .description('Create a key and print it once (only its hash is stored)')
    .requiredOption('--name <name>', 'who or what uses the key, e.g. "politics desk dashboard"')
    .requiredOption('--scopes <list>', `comma-separated: ${API_SCOPES.join(', ')}`, scopeList)
    .option('--tenant <tenant>', 'tenant owning its subscriptions and alerts', DEFAULT_TENANT)
    .option('--expires <date>', 'expiry (ISO date or date-time)', futureDate)
    .option('--json', 'print {"key", "id", ...} as JSON (for scripts)')
    .action(async (flags: { name: string; scopes: ApiScope[]; tenant: string; expires?: Date; json?: boolean }) => {
      const { key, stored } = await withStore((store) =>
        issueApiKey(store, { name: flags.name, scopes: flags.scopes, tenant: flags.tenant, expiresAt: flags.expires ?? null }),
      );
      if (flags.json) {
        console.log(JSON.stringify({ key, id: stored.id, prefix: stored.prefix, scopes: stored.scopes, tenant: stored.tenant }));
        return;
      }
      console.log(key);
      console.error(
        `Key ${stored.prefix} "${stored.name}" (${stored.scopes.join(',')}, tenant ${stored.tenant}${stored.expiresAt ? `, expires ${stored.expiresAt.toISOString()}` : ''}). ` +
          'This is the only time it is shown: send it as "Authorization: Bearer <key>".',
      );
    });

  keys
    .command('list')
    .description('Every key with its scopes, tenant and state (never the secret)')
    .action(async () => {
      const listed = await withStore((store) => store.list());
      const now = Date.now();
      console.table(
        listed.map((key) => ({
          id: key.id,
          prefix: key.prefix,
          name: key.name,
          scopes: key.scopes.join(','),
          tenant: key.tenant,
          state: key.revokedAt ? 'revoked' : key.expiresAt && key.expiresAt.getTime() <= now ? 'expired' : 'active',
          expires: key.expiresAt?.toISOString() ?? '',
          lastUsed: key.lastUsedAt?.toISOString() ?? '',
        })),
      );
    });

  keys
    .command('revoke')
    .description('Revoke a key by id or prefix; services refuse it within 10 seconds')
    .argument('<id-or-prefix>')
    .action(async (idOrPrefix: string) => {
      const revoked = await withStore((store) => store.revoke(idOrPrefix));
      if (!revoked) {
        console.error(`No key with id or prefix "${idOrPrefix}".`);
        process.exitCode = 1;
        return;
      }
      console.log(`Revoked ${revoked.prefix} "${revoked.name}".`);
    });
  return keys;
}
