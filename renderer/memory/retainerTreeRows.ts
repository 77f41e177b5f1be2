/**
 * The retainer tree of a class's new instances (HeapDiff.paths[].tree) as the rows of an expandable list: each row
 * one object reached through a named edge, indented by depth. Pure, so the expansion rules are unit-tested: a row's
 * key is its path of child indices from the root ("0", "0.2", "0.2.1"), the root first, children in the service's
 * order (most instances first). Expanded at first: the heaviest branch, the chain of first children from the root
 * to a leaf — the path that holds most of the new instances, each step with its edge name.
 */
import type { RetainerTreeNode } from '../../shared/ipc/memory-contract';

export interface RetainerRow {
  key: string;
  depth: number;
  edge: string;
  node: string;
  nodeType: string;
  instances: number;
  /** New instances that are this object itself (the class's own instances, at the leaves). */
  self: number;
  childCount: number;
  expanded: boolean;
}

/** Under an expanded row whose children were capped by the service: how many branches and instances are left off. */
export interface OmittedRow {
  key: string;
  depth: number;
  omitted: { children: number; instances: number };
}

/** The keys of the heaviest branch: the root and each first child below it, down to a leaf. */
export function heaviestBranchKeys(root: RetainerTreeNode): Set<string> {
  const keys = new Set<string>();
  let key = '0';
  let node: RetainerTreeNode | undefined = root;
  // A cycle cannot occur (the service sends a tree), but a depth cap keeps a malformed answer from hanging the page.
  for (let depth = 0; node && depth < 1000; depth++) {
    if (node.children.length === 0) break;
    keys.add(key);
    node = node.children[0];
    key = `${key}.0`;
  }
  return keys;
}

/** The rows shown: the root, and the children of every expanded row, depth-first in order. */
export function retainerRows(root: RetainerTreeNode, expanded: ReadonlySet<string>): (RetainerRow | OmittedRow)[] {
  const rows: (RetainerRow | OmittedRow)[] = [];
  const visit = (node: RetainerTreeNode, key: string, depth: number): void => {
    const open = expanded.has(key) && (node.children.length > 0 || (node.omitted?.children ?? 0) > 0);
    rows.push({
      key,
      depth,
      edge: node.edge,
      node: node.node,
      nodeType: node.nodeType,
      instances: node.instances,
      self: node.self ?? 0,
      childCount: node.children.length + (node.omitted?.children ?? 0),
      expanded: open,
    });
    if (!open) return;
    node.children.forEach((child, i) => visit(child, `${key}.${i}`, depth + 1));
    if (node.omitted && node.omitted.children > 0)
      rows.push({ key: `${key}+`, depth: depth + 1, omitted: node.omitted });
  };
  visit(root, '0', 0);
  return rows;
}

/** The set with `key` expanded or collapsed (a new set: React state). */
export function toggleKey(expanded: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(expanded);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}
