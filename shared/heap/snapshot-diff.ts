/**
 * Heap snapshots compared per class (Chrome DevTools' Comparison view, over two or more snapshots): per class its
 * count, shallow and retained size in each snapshot, and the instances added and removed between the first and the
 * last, by V8 object id.
 *
 * - Classes and counts are the summary's (classes.ts: nodes of self size 0 left out, named by class-names.ts), so a
 *   row's counts are the stored class table's.
 * - `added`: instances of the class in the last snapshot whose V8 object id no instance of the class in the first
 *   has; `removed`: the reverse. V8 keeps an object's id for its life within one isolate (HeapObjectsMap), so
 *   between snapshots of one process these are the objects allocated and the objects freed; DevTools' Comparison
 *   pairs ids within a class the same way. So count(last) − count(first) = added − removed.
 * - Rows by growth: the count's change from first to last, largest first, then the retained size's, then the name;
 *   the program's classes that grew by at least 1% of the largest growth first (isEngineClass: V8's strings,
 *   closures and contexts grow along with the object that holds them).
 * - For the top growers (the first TOP_GROWERS rows with added > 0): how the roots hold their new instances
 *   (retainer-tree.ts), over at most MAX_TREE_OBJECTS of them.
 *
 * Only the first snapshot's ids per class (8 bytes per counted node) are needed besides the last snapshot's graph,
 * so the first graph can be dropped before the last is loaded.
 */
import { isEngineClass, nodeClasses } from './class-names';
import type { HeapClassRow, HeapSnapshot } from './model';
import type { HeapDiff, HeapDiffRow } from '../ipc/memory-contract';
import { retainerTree } from './retainer-tree';
import { retainingEdgeMask } from './retaining-edges';
import { shortestPaths } from './shortest-paths';

/** A program class leads the rows when its count grew by at least this share of the largest growth. */
export const PROGRAM_FIRST_SHARE = 0.01;
/** Growers given a retainer tree. */
export const TOP_GROWERS = 3;
/** New instances walked per grower (the first in node order); the tree's count says how many it covers. */
export const MAX_TREE_OBJECTS = 20_000;
/** Nodes in one emitted tree, and children per node (the heaviest line is always whole). */
export const MAX_TREE_NODES = 200;
export const MAX_TREE_CHILDREN = 8;

/** Per class, the V8 ids of its counted nodes, sorted. */
export type SnapshotIds = Map<string, Float64Array>;

/** A row of the comparison and a grower's tree, as the contract sends them. */
export type SnapshotDiffRow = HeapDiffRow;
export type GrowerTree = HeapDiff['paths'][number];
export type SnapshotDiff = Pick<HeapDiff, 'rows' | 'paths'>;

/** The counted nodes' ids grouped by class: one buffer, each class's run sorted in place. */
export function snapshotIds(snapshot: HeapSnapshot): SnapshotIds {
  const { classOf, names } = nodeClasses(snapshot);
  const { nodeSelfSize, nodeId } = snapshot;
  const nodeCount = nodeSelfSize.length;
  const start = new Uint32Array(names.length + 1);
  for (let node = 0; node < nodeCount; node++) {
    if (nodeSelfSize[node] === 0) continue;
    const id = (classOf[node] as number) + 1;
    start[id] = (start[id] as number) + 1;
  }
  for (let c = 0; c < names.length; c++) start[c + 1] = (start[c + 1] as number) + (start[c] as number);
  const ids = new Float64Array(start[names.length] as number);
  const next = start.slice(0, names.length);
  for (let node = 0; node < nodeCount; node++) {
    if (nodeSelfSize[node] === 0) continue;
    const c = classOf[node] as number;
    ids[next[c] as number] = nodeId[node] as number;
    next[c] = (next[c] as number) + 1;
  }
  const byClass: SnapshotIds = new Map();
  for (let c = 0; c < names.length; c++) {
    const from = start[c] as number;
    const to = start[c + 1] as number;
    if (to > from) byClass.set(names[c] as string, ids.subarray(from, to).sort());
  }
  return byClass;
}

export interface IdComparison {
  added: Map<string, number>;
  removed: Map<string, number>;
  /** Per node of the last snapshot: 1 when it is counted and its id is not among its class's in the first. */
  isNew: Uint8Array;
  /** The last snapshot's class of each node, and the class names. */
  classOf: Uint32Array;
  names: string[];
}

/** The last snapshot's counted nodes against the first's ids, class by class. */
export function compareIds(first: SnapshotIds, last: HeapSnapshot): IdComparison {
  const { classOf, names } = nodeClasses(last);
  const { nodeSelfSize, nodeId } = last;
  const nodeCount = nodeSelfSize.length;
  const isNew = new Uint8Array(nodeCount);
  const lastCount = new Float64Array(names.length);
  const matched = new Float64Array(names.length);
  const firstIds = names.map((name) => first.get(name));
  for (let node = 0; node < nodeCount; node++) {
    if (nodeSelfSize[node] === 0) continue;
    const c = classOf[node] as number;
    lastCount[c] = (lastCount[c] as number) + 1;
    const ids = firstIds[c];
    if (ids !== undefined && contains(ids, nodeId[node] as number)) matched[c] = (matched[c] as number) + 1;
    else isNew[node] = 1;
  }
  const added = new Map<string, number>();
  const removed = new Map<string, number>();
  names.forEach((name, c) => {
    if ((lastCount[c] as number) > 0) added.set(name, (lastCount[c] as number) - (matched[c] as number));
  });
  const classIndex = new Map(names.map((name, c) => [name, c]));
  for (const [name, ids] of first) {
    const c = classIndex.get(name);
    removed.set(name, ids.length - (c === undefined ? 0 : (matched[c] as number)));
  }
  return { added, removed, isNew, classOf, names };
}

function contains(sorted: Float64Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === value;
}

/** Rows for every class any snapshot holds, by growth; `tables` are the snapshots' class summaries in order. */
export function diffRows(
  tables: readonly (readonly HeapClassRow[])[],
  added: ReadonlyMap<string, number>,
  removed: ReadonlyMap<string, number>,
): SnapshotDiffRow[] {
  const rows = new Map<string, SnapshotDiffRow>();
  const n = tables.length;
  tables.forEach((table, i) => {
    for (const r of table) {
      let row = rows.get(r.className);
      if (!row) {
        row = {
          class: r.className,
          counts: new Array<number>(n).fill(0),
          shallow: new Array<number>(n).fill(0),
          retained: new Array<number>(n).fill(0),
          added: added.get(r.className) ?? 0,
          removed: removed.get(r.className) ?? 0,
        };
        rows.set(r.className, row);
      }
      row.counts[i] = r.count;
      row.shallow[i] = r.shallowSize;
      row.retained[i] = r.retainedSize;
    }
  });
  const delta = (values: number[]): number => (values[n - 1] as number) - (values[0] as number);
  const byGrowth = [...rows.values()].sort(
    (a, b) =>
      delta(b.counts) - delta(a.counts) ||
      delta(b.retained) - delta(a.retained) ||
      (a.class < b.class ? -1 : a.class > b.class ? 1 : 0),
  );
  // The program's classes that grew by at least PROGRAM_FIRST_SHARE of the largest growth lead: V8's own (strings,
  // closures, contexts) grow along with what holds them and would otherwise bury the constructor that leaks. A
  // program class that barely moved does not jump a real growth of strings.
  const floor = PROGRAM_FIRST_SHARE * Math.max(0, delta(byGrowth[0]?.counts ?? [0]));
  const leads = (row: SnapshotDiffRow): boolean =>
    !isEngineClass(row.class) && delta(row.counts) > 0 && delta(row.counts) >= floor;
  return [...byGrowth.filter(leads), ...byGrowth.filter((row) => !leads(row))];
}

/** The retainer trees of the top growers' new instances in the last snapshot. */
export function growerTrees(
  last: HeapSnapshot,
  comparison: IdComparison,
  rows: readonly SnapshotDiffRow[],
): GrowerTree[] {
  // The rows' order (diffRows) puts the program's growing classes first; a tree needs new instances to follow.
  const growers = rows.filter((row) => row.added > 0).slice(0, TOP_GROWERS);
  if (growers.length === 0) return [];
  const paths = shortestPaths(last, retainingEdgeMask(last));
  const { isNew, classOf, names } = comparison;
  const objects = new Map<number, number[]>(growers.map((row) => [names.indexOf(row.class), []]));
  for (let node = 0; node < isNew.length; node++) {
    if (!isNew[node]) continue;
    const list = objects.get(classOf[node] as number);
    if (list && list.length < MAX_TREE_OBJECTS) list.push(node);
  }
  return growers.map((row) => {
    const tree = retainerTree(last, paths, objects.get(names.indexOf(row.class)) ?? [], {
      maxObjects: MAX_TREE_OBJECTS,
      maxNodes: MAX_TREE_NODES,
      maxChildren: MAX_TREE_CHILDREN,
    });
    return { class: row.class, instances: row.added, ...tree };
  });
}

/**
 * The whole comparison from the snapshots' class tables (all of them), the first snapshot's ids and the last
 * snapshot's graph; `limit` rows.
 */
export function snapshotDiff(
  tables: readonly (readonly HeapClassRow[])[],
  firstIds: SnapshotIds,
  last: HeapSnapshot,
  limit: number,
): SnapshotDiff {
  const comparison = compareIds(firstIds, last);
  const rows = diffRows(tables, comparison.added, comparison.removed);
  return { rows: rows.slice(0, limit), paths: growerTrees(last, comparison, rows) };
}
