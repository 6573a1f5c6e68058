import { ApiScope, StoredApiKey } from '@chronicle/domain';
import { Pool } from 'pg';

interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: ApiScope[];
  tenant: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export type ListedApiKey = Omit<StoredApiKey, 'secretHash'> & { lastUsedAt: Date | null };

function toStored(row: ApiKeyRow): StoredApiKey & { lastUsedAt: Date | null } {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    secretHash: row.secret_hash,
    scopes: row.scopes,
    tenant: row.tenant,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/** `application_name` of key lookups' database sessions, so they can be told from a service's writes. */
export const API_KEYS_APPLICATION_NAME = 'chronicle-api-keys';

const COLUMNS = 'id, name, prefix, secret_hash, scopes, tenant, created_at, expires_at, revoked_at, last_used_at';

/**
 * API keys in PostgreSQL, over a plain pg pool so services without TypeORM (ingest) verify keys
 * the same way. Holds hashes only; the key itself is shown once by `chronicle keys create`.
 */
export class ApiKeyStore {
  constructor(private readonly pool: Pool) {
    // An idle connection dropped by the server (restart, outage) is an 'error' event on the pool; unheard, it
    // would end the process. The pool discards that client and the next lookup reconnects or fails, answered 503.
    pool.on('error', () => undefined);
  }

  /** A small pool for a service's key lookups; connects on first use, so a service starts even while Postgres is down. */
  static connect(url: string, max = 2): ApiKeyStore {
    return new ApiKeyStore(new Pool({ connectionString: url, max, application_name: API_KEYS_APPLICATION_NAME, idleTimeoutMillis: 30_000 }));
  }

  async insert(key: Omit<StoredApiKey, 'createdAt' | 'revokedAt'>): Promise<StoredApiKey> {
    const { rows } = await this.pool.query<ApiKeyRow>(
      `INSERT INTO api_keys (id, name, prefix, secret_hash, scopes, tenant, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [key.id, key.name, key.prefix, key.secretHash, key.scopes, key.tenant, key.expiresAt],
    );
    return toStored(rows[0]!);
  }

  async findByPrefix(prefix: string): Promise<StoredApiKey | null> {
    const { rows } = await this.pool.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE prefix = $1`, [prefix]);
    return rows[0] ? toStored(rows[0]) : null;
  }

  async list(): Promise<ListedApiKey[]> {
    const { rows } = await this.pool.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, prefix`);
    return rows.map((row) => {
      const { secretHash: _hash, ...listed } = toStored(row);
      return listed;
    });
  }

  /** Revokes by id or prefix; returns the key, or null when none matched. Revoking twice keeps the first time. */
  async revoke(idOrPrefix: string): Promise<ListedApiKey | null> {
    const { rows } = await this.pool.query<ApiKeyRow>(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now())
        WHERE prefix = $1 OR id::text = $1 RETURNING ${COLUMNS}`,
      [idOrPrefix],
    );
    if (!rows[0]) return null;
    const { secretHash: _hash, ...listed } = toStored(rows[0]);
    return listed;
  }

  /** Records use at most once a minute per key, so reads stay cheap. */
  async touch(id: string): Promise<void> {
    await this.pool.query(
      `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
