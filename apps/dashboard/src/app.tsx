import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { currentKey, onSessionChange, signOut } from './api/session';
import { ActorView } from './actor/actor-view';
import { AlertsView } from './alerts/alerts-view';
import { ArticleView } from './article/article-view';
import { liveAlerts, liveStatements } from './live/live-feed';
import { LiveView } from './live/live-view';
import { LoginView } from './login/login-view';
import { SearchView } from './search/search-view';
import { Nav } from './nav';

function NotFound() {
  return (
    <section class="view">
      <h1>Page not found</h1>
      <p>
        This address is not a page of the dashboard. Go to <a href="/search">Search</a> or <a href="/live">Live</a>.
      </p>
    </section>
  );
}

function Home() {
  const { route } = useLocation();
  useEffect(() => route('/live', true), [route]);
  return null;
}

/** Moves focus to the new view's heading after navigation, so keyboard and screen-reader users land on it. */
function focusMain(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
}

export function App() {
  const [key, setKey] = useState(currentKey());
  const [reason, setReason] = useState<string | undefined>();
  useEffect(
    () =>
      onSessionChange((next, why) => {
        setKey(next);
        setReason(why);
      }),
    [],
  );
  useEffect(() => {
    if (!key) return;
    liveAlerts.start();
    liveStatements.start();
    return () => {
      liveAlerts.stop();
      liveStatements.stop();
    };
  }, [key]);

  if (!key) return <LoginView reason={reason} />;
  return (
    <LocationProvider>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <Nav onSignOut={() => signOut()} />
      <main id="main" tabIndex={-1}>
        <Router onRouteChange={focusMain}>
          <Route path="/" component={Home} />
          <Route path="/live" component={LiveView} />
          <Route path="/search" component={SearchView} />
          <Route path="/actors/:id" component={ActorView} />
          <Route path="/articles/:id" component={ArticleView} />
          <Route path="/alerts" component={AlertsView} />
          <Route path="/alerts/:subscription" component={AlertsView} />
          <Route default component={NotFound} />
        </Router>
      </main>
    </LocationProvider>
  );
}
