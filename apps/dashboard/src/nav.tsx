import { useLocation } from 'preact-iso';
import { useFeed } from './live/use-feed';
import { liveAlerts } from './live/live-feed';

const LINKS = [
  { href: '/live', label: 'Live' },
  { href: '/search', label: 'Search' },
  { href: '/alerts', label: 'Alerts' },
];

export function Nav({ onSignOut }: { onSignOut: () => void }) {
  const { path } = useLocation();
  const alerts = useFeed(liveAlerts);
  return (
    <header class="top">
      <a class="brand" href="/live">
        Chronicle
      </a>
      <nav aria-label="Views">
        <ul>
          {LINKS.map((link) => (
            <li key={link.href}>
              <a href={link.href} aria-current={path.startsWith(link.href) ? 'page' : undefined}>
                {link.label}
                {link.href === '/live' && alerts.arrived > 0 ? (
                  <span class="count">
                    {' '}
                    {alerts.arrived}
                    <span class="visually-hidden"> new alerts</span>
                  </span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <button type="button" class="secondary" onClick={onSignOut}>
        Sign out
      </button>
    </header>
  );
}
