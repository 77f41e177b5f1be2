/**
 * One heap snapshot's dominator tree: each object with the objects only it keeps alive (its retained size is theirs
 * plus its own), children by retained size, one level fetched per expanded node, "N more" for those past the limit.
 * The share is of the snapshot's whole heap: the root's retained size (every reachable object).
 */
import { useEffect } from 'react';
import type { ItemSummary } from '../../shared/ipc/contract';
import { formatPercent, formatValue } from '../../shared/format/units';
import { useBackend } from '../backend/BackendContext';
import { dominatorRows } from './dominatorRows';
import { useDominatorStore } from './snapshotsStore';

const INDENT_PX = 16;

export function DominatorTree({ snapshot }: { snapshot: ItemSummary }) {
  const backend = useBackend();
  const itemId = useDominatorStore((s) => s.itemId);
  const rootId = useDominatorStore((s) => s.rootId);
  const levels = useDominatorStore((s) => s.levels);
  const expanded = useDominatorStore((s) => s.expanded);
  const error = useDominatorStore((s) => s.error);
  const open = useDominatorStore((s) => s.open);
  const toggle = useDominatorStore((s) => s.toggle);
  useEffect(() => {
    void open(backend, snapshot.id);
  }, [backend, open, snapshot.id]);

  const current = itemId === snapshot.id;
  const root = rootId === null ? undefined : levels.get(rootId);
  const rows = current && rootId !== null ? dominatorRows(rootId, levels, expanded) : [];
  const heap = root?.node.retainedSize ?? 0;

  return (
    <section className="dominator-tree" aria-label="Dominator tree" data-testid="dominator-tree">
      <h3>
        Dominator tree of <span className="class-name">{snapshot.name}</span>{' '}
        <span className="heading-note">
          (what each object alone keeps alive; share of the heap reachable from the roots
          {heap > 0 ? `, ${formatValue(heap, 'bytes')}` : ''})
        </span>
      </h3>
      {error !== null && current && (
        <p className="error-text" role="alert" data-testid="dominator-error">
          Could not load the dominator tree: {error}
        </p>
      )}
      {current && root === undefined && error === null && <p className="loading-hint">Loading the dominator tree…</p>}
      {rows.length > 0 && (
        <table className="data-table dominator-table">
          <thead>
            <tr>
              <th>Object</th>
              <th>Type</th>
              <th className="numeric">Self size</th>
              <th className="numeric">Retained size</th>
              <th className="numeric">Share of heap</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) =>
              row.kind === 'more' ? (
                <tr key={`more-${row.parentId}`} data-testid="dominator-more" data-count={row.count}>
                  <td className="dominator-more" style={{ paddingLeft: 8 + row.depth * INDENT_PX }} colSpan={3}>
                    {formatValue(row.count, 'count')} more ({formatValue(row.retainedSize, 'bytes')} retained)
                  </td>
                  <td className="numeric" data-value={row.retainedSize}>
                    {formatValue(row.retainedSize, 'bytes')}
                  </td>
                  <td className="numeric">{heap > 0 ? formatPercent(row.retainedSize / heap) : ''}</td>
                </tr>
              ) : (
                <tr
                  key={row.node.nodeId}
                  data-testid="dominator-row"
                  data-node-id={row.node.nodeId}
                  data-depth={row.depth}
                  data-retained={row.node.retainedSize}
                  data-self={row.node.selfSize}
                  data-child-count={row.node.childCount}
                  aria-expanded={row.node.childCount > 0 ? row.expanded : undefined}
                  className={row.node.childCount > 0 ? 'selectable' : undefined}
                  tabIndex={row.node.childCount > 0 ? 0 : undefined}
                  onClick={() => row.node.childCount > 0 && void toggle(backend, row.node.nodeId)}
                  onKeyDown={(event) => {
                    if ((event.key === 'Enter' || event.key === ' ') && row.node.childCount > 0) {
                      event.preventDefault();
                      void toggle(backend, row.node.nodeId);
                    }
                  }}
                >
                  <td className="text-cell class-name" style={{ paddingLeft: 8 + row.depth * INDENT_PX }}>
                    <span className="tree-twisty" aria-hidden="true">
                      {row.node.childCount === 0 ? '·' : row.expanded ? '▾' : '▸'}
                    </span>
                    {row.node.name}
                    {row.node.nodeId !== rootId && <span className="node-id"> @{row.node.nodeId}</span>}
                    {row.loading && <span className="loading-hint"> loading…</span>}
                  </td>
                  <td className="text-cell">{row.node.nodeType}</td>
                  <td className="numeric">{formatValue(row.node.selfSize, 'bytes')}</td>
                  <td className="numeric" data-value={row.node.retainedSize}>
                    {formatValue(row.node.retainedSize, 'bytes')}
                  </td>
                  <td className="numeric">{heap > 0 ? formatPercent(row.node.retainedSize / heap) : ''}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
