/**
 * The table view: the flame graph's merged call tree as an expandable, sortable table (top-down, or bottom-up
 * like the inverted view), opened along the hottest path.
 */
import { useCallback, useMemo, useState } from 'react';
import type { FlameView } from '../../shared/ipc/contract';
import { expandEverything, expandHottestPath } from './flame/callTreeRows';
import { computeFlameLayout, type FlameLayout } from './flame/layout';
import { useViewStore } from '../app/viewStore';
import { CallTreeTable } from './CallTreeTable';

export function CallTreePanel({ tree }: { tree: FlameView }) {
  const bottomUp = useViewStore((s) => s.tableBottomUp);
  const setBottomUp = useViewStore((s) => s.setTableBottomUp);
  const layout = useMemo(() => computeFlameLayout(tree), [tree]);
  const hottestOpen = useMemo(() => expandHottestPath(layout), [layout]);
  // Expansion belongs to one tree: state recorded on another tree gives way to the hottest path of this one.
  const [expansion, setExpansion] = useState<{ layout: FlameLayout; expanded: Uint8Array } | null>(null);
  const expanded = expansion !== null && expansion.layout === layout ? expansion.expanded : hottestOpen;
  const setExpanded = useCallback((next: Uint8Array): void => setExpansion({ layout, expanded: next }), [layout]);

  return (
    <section className="call-tree-panel" aria-label="Call tree">
      <div className="toolbar">
        <label className="view-mode-picker" title="Callers under each function, as the inverted flame graph">
          <input
            type="checkbox"
            data-testid="table-bottom-up"
            checked={bottomUp}
            onChange={(event) => setBottomUp(event.target.checked)}
          />{' '}
          Bottom-up
        </label>
        <button type="button" data-testid="expand-hottest" onClick={() => setExpanded(hottestOpen)}>
          Hottest path
        </button>
        <button type="button" data-testid="expand-all" onClick={() => setExpanded(expandEverything(layout))}>
          Expand all
        </button>
        <button
          type="button"
          data-testid="collapse-all"
          onClick={() => {
            const rootOnly = new Uint8Array(layout.nodeCount);
            if (layout.nodeCount > 0) rootOnly[0] = 1;
            setExpanded(rootOnly);
          }}
        >
          Collapse all
        </button>
      </div>
      <CallTreeTable
        layout={layout}
        expanded={expanded}
        onExpandedChange={setExpanded}
        selectionTotal={tree.shares.selectionTotal}
      />
    </section>
  );
}
