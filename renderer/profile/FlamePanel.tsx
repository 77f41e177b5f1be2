/**
 * The flame graph with its controls: search and match summary, orientation, colour scheme with its legend,
 * zoom reset (also on Esc), and the keyboard selection, announced to screen readers as it moves.
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { ArgsOf, FlameView } from '../../shared/ipc/contract';
import { formatPercent } from '../../shared/format/units';
import { frameAnnouncement } from './flame/frameLookup';
import { computeFlameLayout, type FlameLayout } from './flame/layout';
import { cachedFunctionPackages } from './flame/packageLegend';
import { buildMatcher } from '../../shared/query/search-matcher';
import { searchFlameTree } from './flame/search';
import { useSearchTotal } from './flame/useSearchTotal';
import type { FlameOrientation } from './flame/view';
import { useViewStore, type FlameColorMode } from '../app/viewStore';
import { ColorLegend } from './ColorLegend';
import { FlameGraph } from './FlameGraph';
import { hasCommandModifier, isTypingTarget } from '../app/keyTargets';
import { usePrefersDark } from '../app/usePrefersDark';

const ORIENTATION_LABELS: Record<FlameOrientation, string> = {
  icicle: 'Icicle (root on top)',
  flame: 'Flame (root at bottom)',
};

const COLOR_MODE_LABELS: Record<FlameColorMode, string> = {
  package: 'By package',
  function: 'By function (warm)',
};

interface FlamePanelProps {
  tree: FlameView;
  /** The getFlameTree arguments `tree` answers: the search share is asked for the same view. */
  view: ArgsOf<'getFlameTree'>;
}

export function FlamePanel({ tree, view }: FlamePanelProps) {
  const zoomNode = useViewStore((s) => s.zoomNode);
  const searchQuery = useViewStore((s) => s.searchQuery);
  const orientation = useViewStore((s) => s.orientation);
  const colorMode = useViewStore((s) => s.colorMode);
  const zoomTo = useViewStore((s) => s.zoomTo);
  const resetZoom = useViewStore((s) => s.resetZoom);
  const setSearchQuery = useViewStore((s) => s.setSearchQuery);
  const setOrientation = useViewStore((s) => s.setOrientation);
  const setColorMode = useViewStore((s) => s.setColorMode);
  const prefersDark = usePrefersDark();

  const layout = useMemo(() => computeFlameLayout(tree), [tree]);
  const packages = useMemo(() => cachedFunctionPackages(tree), [tree]);
  // A selection names a node of one tree: one recorded on another tree is ignored.
  const [selection, setSelection] = useState<{ layout: FlameLayout; node: number } | null>(null);
  const selectedNode = selection !== null && selection.layout === layout ? selection.node : -1;
  // Searching a large tree takes a few milliseconds: let typing stay ahead of it.
  const deferredQuery = useDeferredValue(searchQuery);
  const search = useMemo(() => {
    const matcher = buildMatcher(deferredQuery);
    return matcher ? searchFlameTree(layout, matcher) : null;
  }, [layout, deferredQuery]);
  // Exact, from the unfolded stacks: the frames highlighted above are only the drawn ones.
  const searchTotal = useSearchTotal(view, deferredQuery);
  const selectionTotal = tree.shares.selectionTotal;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      // Esc in a text field only leaves the field (ShortcutsHelp blurs it).
      if (event.key !== 'Escape' || isTypingTarget(event.target) || hasCommandModifier(event)) return;
      resetZoom();
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
          aria-keyshortcuts="/"
          value={searchQuery}
          onChange={(event) => setSearchQuery(event.target.value)}
        />
        {search && (
          <span
            className="search-summary"
            data-testid="search-summary"
            data-match-count={search.matchCount}
            data-match-total={searchTotal?.matched}
            title="Samples with a matching function on their stack, as a share of the selection's total before filters"
          >
            {search.matchCount} matching frames
            {searchTotal !== null &&
              ` · ${formatPercent(searchTotal.selectionTotal > 0 ? searchTotal.matched / searchTotal.selectionTotal : 0)} of selection`}
          </span>
        )}
        <span className="toolbar-spacer" />
        <label className="view-mode-picker">
          Orientation{' '}
          <select
            data-testid="orientation"
            value={orientation}
            onChange={(event) => setOrientation(event.target.value === 'flame' ? 'flame' : 'icicle')}
          >
            {Object.entries(ORIENTATION_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="view-mode-picker">
          Colours{' '}
          <select
            data-testid="color-mode"
            value={colorMode}
            onChange={(event) => setColorMode(event.target.value === 'function' ? 'function' : 'package')}
          >
            {Object.entries(COLOR_MODE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="reset-zoom" onClick={resetZoom}>
          Reset zoom
        </button>
      </div>
      {colorMode === 'package' && <ColorLegend shares={tree.shares} packages={packages} dark={prefersDark} />}
      <p className="flame-selection" data-testid="flame-announcer" role="status" aria-live="polite">
        {selectedNode >= 0 ? `Selected ${frameAnnouncement(layout, selectedNode, selectionTotal)}` : ''}
      </p>
      <FlameGraph
        layout={layout}
        zoomNode={zoomNode}
        searchMatches={search?.matches ?? null}
        onZoom={zoomTo}
        orientation={orientation}
        selectionTotal={selectionTotal}
        selectedNode={selectedNode}
        onSelect={(node) => setSelection({ layout, node })}
      />
    </section>
  );
}
