import { useEffect, useRef, useState } from 'preact/hooks';
import { checkKey } from '../api/chronicle';
import { ApiError, describeError } from '../api/errors';
import { signIn } from '../api/session';
import './login.css';

/**
 * The first screen: an API key, checked against the API before it is kept (in this tab's
 * sessionStorage only). `reason` says why the dashboard came back here (e.g. a revoked key).
 */
export function LoginView({ reason }: { reason?: string }) {
  const [key, setKey] = useState('');
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<string | undefined>(reason);
  const field = useRef<HTMLInputElement>(null);
  // The only thing to do here is type the key (also after signing out, when `autofocus` would not apply again).
  useEffect(() => field.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) return setError('Enter your API key. It starts with "chr_".');
    setChecking(true);
    setError(undefined);
    try {
      await checkKey(trimmed);
      signIn(trimmed);
    } catch (failure) {
      // A key without the "read" scope is still a key: the views say what it cannot do.
      if (failure instanceof ApiError && failure.status === 403) return signIn(trimmed);
      setError(describeError(failure));
    } finally {
      setChecking(false);
    }
  };

  return (
    <main id="main" class="login">
      <form class="card login-card" onSubmit={submit} noValidate>
        <h1>Chronicle</h1>
        <p>
          Sign in with the API key your administrator gave you. It is kept in this browser tab only, until you sign out or close
          it.
        </p>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          ref={field}
          spellcheck={false}
          value={key}
          onInput={(event) => setKey(event.currentTarget.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'login-error' : undefined}
          required
        />
        {error ? (
          <p id="login-error" class="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={checking}>
          {checking ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
