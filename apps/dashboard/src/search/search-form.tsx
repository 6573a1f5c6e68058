import { useEffect, useState } from 'preact/hooks';
import type { SearchFields } from './search-query';

/** The search box and its filters; submitting puts them in the URL. */
export function SearchForm({ initial, onSearch }: { initial: SearchFields; onSearch: (fields: SearchFields) => void }) {
  const [fields, setFields] = useState(initial);
  useEffect(() => setFields(initial), [JSON.stringify(initial)]);
  const set =
    <K extends keyof SearchFields>(name: K) =>
    (event: Event) =>
      setFields({ ...fields, [name]: (event.currentTarget as HTMLInputElement | HTMLSelectElement).value as SearchFields[K] });
  return (
    <form
      class="card search-form"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(fields);
      }}
    >
      <div class="search-main">
        <label for="search-q">Statements containing</label>
        <div class="row">
          <input
            id="search-q"
            type="search"
            value={fields.q}
            onInput={set('q')}
            placeholder='sanctions, "ceasefire talks", negotiat*'
            aria-describedby="search-help"
          />
          <button type="submit">Search</button>
        </div>
        <p id="search-help" class="muted">
          Words, "exact phrases", AND, OR, NOT or -word, and prefix* — as in subscriptions.
        </p>
      </div>
      <details
        class="filters"
        open={Boolean(fields.actor || fields.outlet || fields.from || fields.to || fields.kind || fields.sentiment)}
      >
        <summary>Filters</summary>
        <div class="grid">
          <div>
            <label for="search-actor">Speaker</label>
            <input id="search-actor" value={fields.actor} onInput={set('actor')} placeholder="A name, e.g. Zelenskyy" />
          </div>
          <div>
            <label for="search-kind">Kind</label>
            <select id="search-kind" value={fields.kind} onChange={set('kind')}>
              <option value="">Quotes and reported speech</option>
              <option value="direct">Direct quotes</option>
              <option value="indirect">Reported speech</option>
            </select>
          </div>
          <div>
            <label for="search-outlet">Outlet</label>
            <input id="search-outlet" value={fields.outlet} onInput={set('outlet')} />
          </div>
          <div>
            <label for="search-from">From (UTC day)</label>
            <input id="search-from" type="date" value={fields.from} onInput={set('from')} />
          </div>
          <div>
            <label for="search-to">To (UTC day, included)</label>
            <input id="search-to" type="date" value={fields.to} onInput={set('to')} />
          </div>
          <div>
            <label for="search-sentiment">Sentiment</label>
            <select id="search-sentiment" value={fields.sentiment} onChange={set('sentiment')}>
              <option value="">Any</option>
              <option value="negative">Negative</option>
              <option value="neutral">Neutral</option>
              <option value="positive">Positive</option>
            </select>
          </div>
          <div>
            <label for="search-order">Order</label>
            <select id="search-order" value={fields.order} onChange={set('order')}>
              <option value="">Best of the newest 1,000 matches (newest without words)</option>
              <option value="rank">Best of the newest 1,000 matches</option>
              <option value="newest">Newest first</option>
            </select>
          </div>
        </div>
      </details>
    </form>
  );
}
