/** The sandwich view of one function: its callers (inverted, the function on top) above its callees. */
import { useMemo, useState } from 'react';
import type { FlameTree } from '../../shared/ipc/contract';
import { computeFlameLayout } from './flame/layout';
import { FlameGraph } from './FlameGraph';

interface SandwichPanelProps {
  functionName: string | null;
  callers: FlameTree | null;
  callees: FlameTree | null;
  error: string | null;
  /** The selection's total before filters: what the tooltips' percentages are of ("% of selection"). */
  selectionTotal: number;
}

export function SandwichPanel({ functionName, callers, callees, error, selectionTotal }: SandwichPanelProps) {
  if (functionName === null) {
    return (
      <p className="empty-hint" data-testid="sandwich-hint">
        Click a function in the top functions table to see its callers and callees.
      </p>
    );
  }
  return (
    <section className="sandwich-panel" aria-label={`Sandwich of ${functionName}`}>
      <h3>
        Sandwich:{' '}
        <span className="sandwich-function" data-testid="sandwich-function">
          {functionName}
        </span>
      </h3>
      {error !== null ? (
        <p className="error-text" role="alert" data-testid="sandwich-error">
          Could not load the sandwich view: {error}
        </p>
      ) : callers && callees ? (
        <>
          <SandwichGraph title="Callers" testId="sandwich-callers" tree={callers} selectionTotal={selectionTotal} />
          <SandwichGraph title="Callees" testId="sandwich-callees" tree={callees} selectionTotal={selectionTotal} />
        </>
      ) : (
        <p className="loading-hint">Loading sandwich view…</p>
      )}
    </section>
  );
}

interface SandwichGraphProps {
  title: string;
  testId: string;
  tree: FlameTree;
  selectionTotal: number;
}

function SandwichGraph({ title, testId, tree, selectionTotal }: SandwichGraphProps) {
  const layout = useMemo(() => computeFlameLayout(tree), [tree]);
  // Zoom belongs to one tree: a zoom recorded on an older tree is ignored.
  const [zoom, setZoom] = useState<{ tree: FlameTree; node: number } | null>(null);
  const zoomNode = zoom !== null && zoom.tree === tree ? zoom.node : 0;
  return (
    <div className="sandwich-graph" data-testid={testId}>
      <h4>{title}</h4>
      <FlameGraph
        layout={layout}
        zoomNode={zoomNode}
        searchMatches={null}
        onZoom={(node) => setZoom({ tree, node })}
        selectionTotal={selectionTotal}
        testId={`${testId}-canvas`}
        publishDebug={false}
      />
    </div>
  );
}
