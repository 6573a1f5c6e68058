import type { StatementSearch } from '../api/types';

/** The search form's fields as they stand in the URL (`/search?q=sanctions&kind=direct…`), so a search is a link. */
export interface SearchFields {
  q: string;
  actor: string;
  kind: '' | 'direct' | 'indirect';
  outlet: string;
  from: string;
  to: string;
  sentiment: '' | 'negative' | 'neutral' | 'positive';
  /** Empty: best match first when there are words to match, else newest first. */
  order: '' | 'rank' | 'newest';
}

const pick = <T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

export function fieldsFromQuery(query: Record<string, string>): SearchFields {
  return {
    q: query.q ?? '',
    actor: query.actor ?? '',
    kind: pick(query.kind, ['', 'direct', 'indirect'] as const, ''),
    outlet: query.outlet ?? '',
    from: /^\d{4}-\d{2}-\d{2}$/.test(query.from ?? '') ? query.from! : '',
    to: /^\d{4}-\d{2}-\d{2}$/.test(query.to ?? '') ? query.to! : '',
    sentiment: pick(query.sentiment, ['', 'negative', 'neutral', 'positive'] as const, ''),
    order: pick(query.order, ['', 'rank', 'newest'] as const, ''),
  };
}

export function queryFromFields(fields: SearchFields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value) params.set(name, value);
  return params.toString();
}

/** The API request for the fields: dates are whole UTC days, `to` inclusive. */
export function apiSearch(fields: SearchFields): StatementSearch {
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    q: fields.q.trim() || undefined,
    actor: fields.actor.trim() || undefined,
    kind: fields.kind || undefined,
    outlet: fields.outlet.trim() || undefined,
    from: fields.from ? `${fields.from}T00:00:00.000Z` : undefined,
    to: fields.to ? nextDay(fields.to) : undefined,
    sentiment: fields.sentiment || undefined,
    order: fields.order || (fields.q.trim() ? 'rank' : 'newest'),
    limit: 20,
  };
}

export const anySearch = (fields: SearchFields): boolean =>
  Boolean(fields.q || fields.actor || fields.outlet || fields.from || fields.to || fields.kind || fields.sentiment);
