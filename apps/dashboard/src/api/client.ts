import { ApiError, errorFromResponse, MESSAGES } from './errors';
import { currentKey, signOut } from './session';

export type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** A key to try instead of the session's (sign-in checks one before keeping it). */
  key?: string;
  /** What a 404 means for this call, in words. */
  notFound?: string;
  /** What a 409 means for this call, in words. */
  conflict?: string;
}

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * One call to the Chronicle API with the session's key. Errors come back as `ApiError` with a message
 * for people; a 401 with the session's own key also signs out, since the key no longer works.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const key = options.key ?? currentKey();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, MESSAGES.unreachable);
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => ({}));
  if (response.ok) return body as T;
  const error = errorFromResponse(response.status, (body ?? {}) as object, options.notFound, options.conflict);
  if (response.status === 401 && !options.key) signOut(MESSAGES.badKey);
  throw error;
}
