/**
 * Search every function of the catalogue by name. Each hit lists the items
 * whose stacks contain the function, with its share of each; choosing an item
 * opens it focused on that function (a focus filter chip naming exactly it).
 * Names are rendered as text only.
 */
import { useEffect } from 'react';
import type { FunctionSearchHit, FunctionSearchItem } from '../../shared/ipc/contract';
import { formatPercent, formatValue } from '../../shared/format/units';
import { exactFunctionPattern } from '../../shared/query/exact-function-pattern';
import { useBackend } from '../backend/BackendContext';
import { useCatalogueStore } from './catalogueStore';
import { CATALOGUE_SEARCH_MAX_LENGTH, useCatalogueSearchStore } from './catalogueSearchStore';
import { useViewStore } from '../app/viewStore';
import './CatalogueSearch.css';

/** Typing pauses shorter than this do not search: one request per word, not per key. */
export const CATALOGUE_SEARCH_DEBOUNCE_MS = 200;

export function CatalogueSearch() {
  const backend = useBackend();
  const query = useCatalogueSearchStore((s) => s.query);
  const setQuery = useCatalogueSearchStore((s) => s.setQuery);
  const search = useCatalogueSearchStore((s) => s.search);
  const hits = useCatalogueSearchStore((s) => s.hits);
  const searchedQuery = useCatalogueSearchStore((s) => s.searchedQuery);
  const loading = useCatalogueSearchStore((s) => s.loading);
  const error = useCatalogueSearchStore((s) => s.error);
  // A new import can add hits: the catalogue changing searches again.
  const catalogue = useCatalogueStore((s) => s.profiles);

  useEffect(() => {
    const timer = setTimeout(() => void search(backend, query), CATALOGUE_SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [backend, query, catalogue, search]);

  const showResults = query.trim() !== '' && searchedQuery !== '';

  return (
    <section className="catalogue-search" aria-label="Search functions in all profiles">
      <div className="toolbar">
        <input
          type="search"
          className="catalogue-search-input"
          data-testid="catalogue-search-input"
          aria-label="Search functions in all profiles"
          placeholder="Search functions in all profiles"
          maxLength={CATALOGUE_SEARCH_MAX_LENGTH}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setQuery('');
          }}
        />
        {loading && <span className="search-summary">Searching…</span>}
        {!loading && showResults && error === null && (
          <span className="search-summary" data-testid="catalogue-search-summary">
            {hits.length === 0
              ? `No function matches “${searchedQuery}”`
              : `${hits.length} function${hits.length === 1 ? '' : 's'} match “${searchedQuery}”`}
          </span>
        )}
      </div>
      {error !== null && query.trim() !== '' && (
        <p className="error-text" role="alert" data-testid="catalogue-search-error">
          Search failed: {error}
        </p>
      )}
      {showResults && hits.length > 0 && (
        <ul className="catalogue-search-hits" data-testid="catalogue-search-results">
          {hits.map((hit) => (
            <SearchHit key={hit.functionId} hit={hit} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SearchHit({ hit }: { hit: FunctionSearchHit }) {
  const selectItem = useViewStore((s) => s.selectItem);
  const addFilter = useViewStore((s) => s.addFilter);
  const hidden = hit.profileCount - hit.profiles.length;

  const open = (profile: FunctionSearchItem): void => {
    selectItem(profile.itemId, profile.sampleTypeIndex);
    const pattern = exactFunctionPattern(hit.function);
    // Choosing the same function again (in another item) keeps one chip, not two.
    const { filters } = useViewStore.getState();
    if (!filters.some((f) => f.kind === 'focus' && f.pattern === pattern)) addFilter({ kind: 'focus', pattern });
  };

  return (
    <li className="catalogue-search-hit" data-testid="catalogue-search-hit" data-function={hit.function}>
      <div className="catalogue-search-function">
        <span className="catalogue-search-name" data-testid="catalogue-search-name">
          {hit.function}
        </span>
        {hit.file !== '' && <span className="catalogue-search-file">{hit.file}</span>}
      </div>
      <ul className="catalogue-search-profiles">
        {hit.profiles.map((profile) => (
          <li key={profile.itemId}>
            <button
              type="button"
              className="catalogue-search-profile"
              data-testid="catalogue-search-profile"
              data-profile-id={profile.itemId}
              title={describe(profile)}
              onClick={() => open(profile)}
            >
              <span className="catalogue-search-profile-name">{profile.name}</span>{' '}
              <span className="catalogue-search-share">
                {share(profile.total, profile)} total · {share(profile.self, profile)} self
              </span>
            </button>
          </li>
        ))}
        {hidden > 0 && (
          <li className="catalogue-search-more">
            and {hidden} more item{hidden === 1 ? '' : 's'}
          </li>
        )}
      </ul>
    </li>
  );
}

function share(value: number, profile: FunctionSearchItem): string {
  return formatPercent(profile.profileTotal === 0 ? 0 : value / profile.profileTotal);
}

function describe(profile: FunctionSearchItem): string {
  const { unit, type } = profile.sampleType;
  return (
    `${profile.name}: ${formatValue(profile.total, unit)} total, ${formatValue(profile.self, unit)} self ` +
    `of ${formatValue(profile.profileTotal, unit)} ${type}`
  );
}
