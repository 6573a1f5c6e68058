import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { searchActors, searchStatements } from '../api/chronicle';
import { ApiError, describeError } from '../api/errors';
import type { Hit } from '../api/types';
import { plural } from '../components/format';
import { StatementCard } from '../components/statement-card';
import { Empty, ErrorText, Loading } from '../components/status';
import { SearchForm } from './search-form';
import { anySearch, apiSearch, fieldsFromQuery, queryFromFields, SearchFields } from './search-query';

const FIELD_NAMES: Record<string, string> = {
  q: 'Statements containing',
  actor: 'Speaker',
  kind: 'Kind',
  outlet: 'Outlet',
  from: 'From',
  to: 'To',
  sentiment: 'Sentiment',
  order: 'Order',
};

/** The API filters by actor id; a typed name ("Zelenskyy") becomes the id of the best-known actor it names. */
async function resolveSpeaker(fields: SearchFields): Promise<SearchFields> {
  const speaker = fields.actor.trim();
  if (!speaker || speaker.includes(':')) return fields;
  const found = await searchActors(speaker, 1).catch(() => null);
  return { ...fields, actor: found?.actors[0]?.id ?? speaker };
}

interface Results {
  hits: Hit[];
  nextCursor: string | null;
}

export function SearchView() {
  const { query, route } = useLocation();
  const fields = fieldsFromQuery(query);
  const key = queryFromFields(fields);
  const [results, setResults] = useState<Results | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const load = async (cursor: string | undefined, signal?: AbortSignal) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await searchStatements({ ...apiSearch(fields), cursor }, signal);
      if (signal?.aborted) return;
      setResults((shown) => ({
        hits: [...(cursor && shown ? shown.hits : []), ...page.statements],
        nextCursor: page.nextCursor,
      }));
    } catch (failure) {
      if (signal?.aborted) return;
      // A 400 names the filter it refused ("q: unbalanced quote at 9"); say which, in the form's words.
      const problems =
        failure instanceof ApiError ? failure.problems.map((p) => `${FIELD_NAMES[p.path] ?? p.path}: ${p.message}`) : [];
      setError(problems.length > 0 ? problems.join(' · ') : describeError(failure));
    } finally {
      if (!signal?.aborted) setLoading(false);
    }
  };

  useEffect(() => {
    setResults(null);
    if (!anySearch(fields)) return;
    const controller = new AbortController();
    void load(undefined, controller.signal);
    return () => controller.abort();
  }, [key]);

  return (
    <section class="view">
      <header class="view-head">
        <h1 tabIndex={-1}>Search statements</h1>
      </header>
      <SearchForm
        initial={fields}
        onSearch={(next) => void resolveSpeaker(next).then((resolved) => route(`/search?${queryFromFields(resolved)}`))}
      />
      <div class="results" aria-live="polite" aria-busy={loading}>
        {!anySearch(fields) ? <Empty>Search for words in what people said, or filter by speaker, outlet and time.</Empty> : null}
        {results ? (
          <p class="muted" role="status">
            {results.hits.length === 0
              ? 'Nothing matches.'
              : results.nextCursor
                ? `${results.hits.length} statements shown, more below`
                : plural(results.hits.length, 'statement')}
          </p>
        ) : null}
        <ol class="plain">
          {results?.hits.map((hit) => (
            <li key={hit.id}>
              <StatementCard statement={hit} fragments={hit.fragments} title={hit.articleTitle} />
            </li>
          ))}
        </ol>
        {loading ? <Loading what="statements" /> : null}
        {error ? <ErrorText>{error}</ErrorText> : null}
        {results?.nextCursor && !loading ? (
          <button type="button" class="secondary" onClick={() => void load(results.nextCursor!)}>
            More results
          </button>
        ) : null}
      </div>
    </section>
  );
}
