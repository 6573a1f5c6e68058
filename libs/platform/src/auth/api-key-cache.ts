import { StoredApiKey } from '@chronicle/domain';

export interface ApiKeyCacheOptions {
  /** How long a looked-up key is used without asking the database again: the most a revocation lags. */
  freshMs: number;
  /** How long an older entry still serves while the database cannot be reached. */
  staleIfErrorMs: number;
  /** Entries kept at most (oldest dropped first), so unknown prefixes cannot grow it without bound. */
  maxEntries: number;
}

type Lookup = (prefix: string) => Promise<StoredApiKey | null>;

/**
 * Key rows by prefix, briefly: a busy key costs one query per `freshMs`, not one per request, and
 * services keep serving known keys through a database outage (ingest needs only Kafka otherwise).
 * Misses (unknown prefixes) are not cached, so a new key works at once.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, { key: StoredApiKey; fetchedAt: number }>();

  constructor(
    private readonly lookup: Lookup,
    private readonly options: ApiKeyCacheOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** @throws the lookup's error when the database fails and no entry is young enough to stand in. */
  async find(prefix: string): Promise<StoredApiKey | null> {
    const cached = this.entries.get(prefix);
    const age = cached ? this.now() - cached.fetchedAt : Infinity;
    if (cached && age < this.options.freshMs) return cached.key;
    try {
      const key = await this.lookup(prefix);
      this.entries.delete(prefix);
      if (key) this.remember(prefix, key);
      return key;
    } catch (error) {
      if (cached && age < this.options.staleIfErrorMs) return cached.key;
      throw error;
    }
  }

  private remember(prefix: string, key: StoredApiKey): void {
    this.entries.set(prefix, { key, fetchedAt: this.now() });
    while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
