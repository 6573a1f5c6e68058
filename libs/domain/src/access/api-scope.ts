/**
 * What an API key may do. `read`: the shared read models (articles, actors, statements, outlets).
 * `ingest`: submit, revise and retract articles. `subscriptions`: the key's tenant's subscriptions,
 * alerts and live stream. `admin`: projection status and rebuilds. `metrics`: `/metrics`.
 */
export const API_SCOPES = ['read', 'ingest', 'subscriptions', 'admin', 'metrics'] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}
