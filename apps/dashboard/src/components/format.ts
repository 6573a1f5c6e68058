const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** Times are shown in UTC, as the API gives them, so two desks reading one link see the same time. */
export const formatDateTime = (iso: string | null | undefined): string => (iso ? `${dateTime.format(new Date(iso))} UTC` : '—');
export const formatDate = (iso: string | null | undefined): string => (iso ? date.format(new Date(iso)) : '—');

export const formatScore = (score: number | null | undefined): string =>
  score === null || score === undefined ? '—' : (score > 0 ? '+' : '') + score.toFixed(2);

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export const actorPath = (id: string): string => `/actors/${encodeURIComponent(id)}`;
export const articlePath = (id: string, statementId?: string): string =>
  `/articles/${encodeURIComponent(id)}${statementId ? `#s-${encodeURIComponent(statementId)}` : ''}`;
