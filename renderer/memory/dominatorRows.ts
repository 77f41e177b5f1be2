/**
 * The dominator tree of one heap snapshot as an expandable list, loaded one level at a time (getDominatorTree per
 * node): the rows are the root and, under every expanded node whose children have arrived, those children by
 * retained size, then a "N more (X retained)" row for the ones past the limit. Pure, unit-tested.
 */
import type { DominatorChildren, DominatorNode } from '../../shared/ipc/memory-contract';

export type DominatorRow =
  | { kind: 'node'; node: DominatorNode; depth: number; expanded: boolean; loading: boolean }
  | { kind: 'more'; parentId: number; depth: number; count: number; retainedSize: number };

/**
 * `levels`: the answers received, by the node id they expand (the root's under its own id). `expanded`: node ids
 * the user opened. An expanded node whose level has not arrived shows as loading.
 */
export function dominatorRows(
  rootId: number,
  levels: ReadonlyMap<number, DominatorChildren>,
  expanded: ReadonlySet<number>,
): DominatorRow[] {
  const root = levels.get(rootId);
  if (!root) return [];
  const rows: DominatorRow[] = [];
  const seen = new Set<number>();
  const visit = (node: DominatorNode, depth: number): void => {
    const open = expanded.has(node.nodeId) && node.childCount > 0 && !seen.has(node.nodeId);
    seen.add(node.nodeId);
    const level = levels.get(node.nodeId);
    rows.push({ kind: 'node', node, depth, expanded: open, loading: open && !level });
    if (!open || !level) return;
    for (const child of level.children) visit(child, depth + 1);
    if (level.more.count > 0) {
      rows.push({
        kind: 'more',
        parentId: node.nodeId,
        depth: depth + 1,
        count: level.more.count,
        retainedSize: level.more.retainedSize,
      });
    }
  };
  visit(root.node, 0);
  return rows;
}
