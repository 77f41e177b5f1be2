/** The flame graph with its controls: search, match summary and zoom reset (also on Esc). */
import { useDeferredValue, useEffect, useMemo } from 'react';
import type { FlameTree } from '../../shared/ipc/contract';
import { formatPercent } from '../../shared/format/units';
import { computeFlameLayout } from '../flame/layout';
import { buildMatcher, searchFlameTree } from '../flame/search';
import { useViewStore } from '../state/viewStore';
import { FlameGraph } from './FlameGraph';

export function FlamePanel({ tree }: { tree: FlameTree }) {
  const zoomNode = useViewStore((s) => s.zoomNode);
  const searchQuery = useViewStore((s) => s.searchQuery);
  const zoomTo = useViewStore((s) => s.zoomTo);
  const resetZoom = useViewStore((s) => s.resetZoom);
  const setSearchQuery = useViewStore((s) => s.setSearchQuery);

  const layout = useMemo(() => computeFlameLayout(tree), [tree]);
  // Searching a large tree takes a few milliseconds: let typing stay ahead of it.
  const deferredQuery = useDeferredValue(searchQuery);
  const search = useMemo(() => {
    const matcher = buildMatcher(deferredQuery);
    return matcher ? searchFlameTree(layout, matcher) : null;
  }, [layout, deferredQuery]);
  const grandTotal = tree.total[0] ?? 0;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') resetZoom();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [resetZoom]);

  return (
    <section className="flame-panel" aria-label="Flame graph">
      <div className="toolbar">
        <input
          type="search"
          className="search-input"
          data-testid="search-input"
          placeholder="Search functions (substring or regex)"
          aria-label="Search functions"
          value={searchQuery}
          onChange={(event) => setSearchQuery(event.target.value)}
        />
        {search && (
          <span
            className="search-summary"
            data-testid="search-summary"
            data-match-count={search.matchCount}
            data-match-total={search.matchedTotal}
          >
            {search.matchCount} matching frames · {formatPercent(grandTotal > 0 ? search.matchedTotal / grandTotal : 0)}{' '}
            of total
          </span>
        )}
        <span className="toolbar-spacer" />
        <button type="button" data-testid="reset-zoom" onClick={resetZoom}>
          Reset zoom
        </button>
      </div>
      <FlameGraph layout={layout} zoomNode={zoomNode} searchMatches={search?.matches ?? null} onZoom={zoomTo} />
    </section>
  );
}
