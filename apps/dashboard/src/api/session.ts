/** The API key of this browser tab: kept in sessionStorage, so it ends with the tab and is never shared with other tabs. */
const STORAGE_KEY = 'chronicle.apiKey';

type Listener = (key: string | null, reason?: string) => void;
const listeners = new Set<Listener>();

export function currentKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function signIn(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key);
  for (const listener of listeners) listener(key);
}

/** Forgets the key; `reason` is shown on the sign-in screen (e.g. the key was revoked meanwhile). */
export function signOut(reason?: string): void {
  sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener(null, reason);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
