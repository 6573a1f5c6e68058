import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { searchStatements } from '../api/chronicle';
import { describeError } from '../api/errors';
import type { Hit } from '../api/types';
import { StatementCard } from '../components/statement-card';
import { Empty, ErrorText, Loading } from '../components/status';
import { SearchForm } from './search-form';
import { anySearch, apiSearch, fieldsFromQuery, queryFromFields } from './search-query';

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
      if (!signal?.aborted) setError(describeError(failure));
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
      <SearchForm initial={fields} onSearch={(next) => route(`/search?${queryFromFields(next)}`)} />
      <div class="results" aria-live="polite" aria-busy={loading}>
        {!anySearch(fields) ? <Empty>Search for words in what people said, or filter by speaker, outlet and time.</Empty> : null}
        {results ? (
          <p class="muted" role="status">
            {results.hits.length === 0 ? 'Nothing matches.' : `${results.hits.length}${results.nextCursor ? '+' : ''} statements`}
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
