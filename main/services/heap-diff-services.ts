/**
 * Heap snapshots compared (shared/heap/snapshot-diff.ts) and one level of a snapshot's dominator tree.
 *
 * Memory: the per-class counts, shallow and retained sizes of every snapshot come from the stored class tables
 * (heap_classes), so no graph but the first's and the last's is ever read. The first graph is read only to take its
 * counted nodes' ids by class (8 bytes a node) and then dropped before the last is read; the last one's comparison
 * adds 1 byte a node (new or not), 1 byte an edge (which retain) and 12 bytes a node (shortest paths). The last graph
 * read stays cached (one snapshot, as heap-services.ts does) with its dominator children index (4 bytes a node),
 * for the dominator-tree queries that follow on it — so at most two graphs are held at once, while the next loads.
 */
import { UNREACHABLE } from '../../shared/heap/dominators';
import { dominatorTree, type DominatorTree } from '../../shared/heap/dominator-tree';
import { objectName } from '../../shared/heap/retainer-tree';
import type { HeapAnalysis, HeapSnapshot } from '../../shared/heap/model';
import { snapshotDiff, snapshotIds } from '../../shared/heap/snapshot-diff';
import type { KilnServices } from '../../shared/ipc/contract';
import type { DominatorChildren, DominatorNode, HeapDiff } from '../../shared/ipc/memory-contract';
import type { ProfileStore } from '../store/profile-store';
import { NotFoundError } from './not-found';

interface Loaded {
  itemId: number;
  snapshot: HeapSnapshot;
  analysis: Pick<HeapAnalysis, 'dominator' | 'retainedSize'>;
  /** Built on the first dominator query. */
  tree: DominatorTree | null;
}

export function heapDiffServices(store: ProfileStore): Pick<KilnServices, 'getHeapDiff' | 'getDominatorTree'> {
  let cached: Loaded | null = null;
  const heapItem = (itemId: number) => {
    const item = store.getProfile(itemId);
    if (item?.kind !== 'heap-snapshot') throw new NotFoundError(`no heap snapshot with id ${itemId}`);
    return item;
  };
  const load = (itemId: number): Loaded => {
    if (cached?.itemId === itemId) return cached;
    cached = null;
    const loaded = store.heapSnapshot(itemId);
    if (!loaded) throw new NotFoundError(`no heap snapshot with id ${itemId}`);
    cached = { itemId, ...loaded, tree: null };
    return cached;
  };

  return {
    getHeapDiff: async ({ itemIds, limit }): Promise<HeapDiff> => {
      const items = itemIds.map(heapItem);
      // Every class (SQLite's LIMIT -1), whatever the limit: a class small in one snapshot may be the grower.
      const tables = itemIds.map((id) => store.heapClasses(id, -1));
      const firstIds = snapshotIds(load(itemIds[0] as number).snapshot);
      const last = load(itemIds[itemIds.length - 1] as number).snapshot;
      const diff = snapshotDiff(tables, firstIds, last, limit);
      return {
        snapshots: items.map((item) => ({
          itemId: item.id,
          atMs: item.capturedAtMs,
          nodes: item.heap?.nodes ?? 0,
          selfSize: item.heap?.selfSize ?? 0,
        })),
        rows: diff.rows,
        paths: diff.paths,
      };
    },

    getDominatorTree: async ({ itemId, nodeId, limit }): Promise<DominatorChildren> => {
      heapItem(itemId);
      const loaded = load(itemId);
      const { snapshot, analysis } = loaded;
      const node = nodeId === undefined ? 0 : indexOfId(snapshot, nodeId);
      if (node < 0 || (node !== 0 && analysis.dominator[node] === UNREACHABLE)) {
        throw new NotFoundError(`no object with id ${nodeId ?? ''} in the dominator tree of heap snapshot ${itemId}`);
      }
      loaded.tree ??= dominatorTree(analysis.dominator);
      const { firstDominated, dominated } = loaded.tree;
      const children = Array.from(dominated.subarray(firstDominated[node], firstDominated[node + 1]));
      const retained = (n: number): number => analysis.retainedSize[n] as number;
      children.sort((a, b) => retained(b) - retained(a) || a - b);
      const shown = children.slice(0, limit);
      const rest = children.slice(limit);
      const describe = (n: number): DominatorNode => ({
        nodeId: snapshot.nodeId[n] as number,
        name: objectName(snapshot, n),
        nodeType: snapshot.nodeTypeNames[snapshot.nodeType[n] as number] ?? '',
        selfSize: snapshot.nodeSelfSize[n] as number,
        retainedSize: retained(n),
        childCount: (firstDominated[n + 1] as number) - (firstDominated[n] as number),
      });
      return {
        node: describe(node),
        children: shown.map(describe),
        more: { count: rest.length, retainedSize: rest.reduce((sum, n) => sum + retained(n), 0) },
      };
    },
  };
}

/** The node with V8 object id `id`, or -1 (one scan: ids are not in node order). */
function indexOfId(snapshot: HeapSnapshot, id: number): number {
  const { nodeId } = snapshot;
  for (let node = 0; node < nodeId.length; node++) if (nodeId[node] === id) return node;
  return -1;
}
