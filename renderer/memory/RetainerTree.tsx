/**
 * What holds a class's new instances: the retainers as a tree from the GC roots down, one line per step —
 * `edge → object` and how many of the new instances are held through it. The heaviest branch is open at first;
 * every other branch opens on a click (or Enter/Space on the focused line).
 */
import { useState } from 'react';
import type { RetainerTreeNode } from '../../shared/ipc/memory-contract';
import { formatValue } from '../../shared/format/units';
import { heaviestBranchKeys, retainerRows, toggleKey } from './retainerTreeRows';

/** Indent per level, in CSS pixels: enough to see the nesting 20 levels deep in a 700 px column. */
const INDENT_PX = 16;

export function RetainerTree({ className, tree, total }: { className: string; tree: RetainerTreeNode; total: number }) {
  // Keyed by the class in the parent, so a new class starts from its own heaviest branch.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => heaviestBranchKeys(tree));
  const rows = retainerRows(tree, expanded);
  return (
    <section className="retainer-tree" aria-label={`Retainers of ${className}`} data-testid="retainer-tree">
      <h3>
        What holds the new <span className="class-name">{className}</span> instances{' '}
        <span className="heading-note">
          ({formatValue(total, 'count')} new; from the GC roots down, the branch holding most of them open)
        </span>
      </h3>
      <ul className="retainer-tree-list" role="tree">
        {rows.map((row) =>
          'omitted' in row ? (
            <li
              key={row.key}
              role="treeitem"
              aria-level={row.depth + 1}
              data-testid="retainer-tree-omitted"
              className="retainer-tree-row retainer-omitted"
              style={{ paddingLeft: row.depth * INDENT_PX }}
            >
              <span className="tree-twisty" aria-hidden="true">
                ·
              </span>
              {formatValue(row.omitted.children, 'count')} more retainers
              <span className="retainer-count">{formatValue(row.omitted.instances, 'count')} new</span>
            </li>
          ) : (
            <li
              key={row.key}
              role="treeitem"
              aria-level={row.depth + 1}
              aria-expanded={row.childCount > 0 ? row.expanded : undefined}
              data-testid="retainer-tree-row"
              data-key={row.key}
              data-depth={row.depth}
              data-edge={row.edge}
              data-node={row.node}
              data-instances={row.instances}
              className="retainer-tree-row"
              style={{ paddingLeft: row.depth * INDENT_PX }}
              tabIndex={0}
              onClick={() => row.childCount > 0 && setExpanded((e) => toggleKey(e, row.key))}
              onKeyDown={(event) => {
                if ((event.key === 'Enter' || event.key === ' ') && row.childCount > 0) {
                  event.preventDefault();
                  setExpanded((e) => toggleKey(e, row.key));
                }
              }}
            >
              <span className="tree-twisty" aria-hidden="true">
                {row.childCount === 0 ? '·' : row.expanded ? '▾' : '▸'}
              </span>
              {row.edge !== '' && (
                <>
                  <span className="retainer-edge">{row.edge}</span>
                  <span className="retainer-arrow"> → </span>
                </>
              )}
              <span className="retainer-node">{row.node}</span>
              {row.nodeType !== '' && <span className="retainer-type"> ({row.nodeType})</span>}
              {row.self > 0 && row.self !== row.instances && (
                <span className="retainer-type"> · {formatValue(row.self, 'count')} of them itself</span>
              )}
              <span className="retainer-count" data-testid="retainer-count">
                {formatValue(row.instances, 'count')} new
              </span>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
