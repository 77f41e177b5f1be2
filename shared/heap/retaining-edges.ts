/**
 * Which edges keep their target alive. Chrome DevTools' heap snapshot worker
 * (front_end/entrypoints/heap_snapshot_worker/HeapSnapshot.ts) decides this for
 * its dominator tree, retained sizes and distances; Kiln follows its rules so
 * that the numbers match what users see there:
 *
 * 1. Weak edges never retain (`isEssentialEdge`): V8 emits them for weak
 *    references, WeakMap/WeakRef internals, code → feedback links and the like.
 * 2. Shortcut edges retain only when they leave the root (`isEssentialEdge`):
 *    V8 marks each user global object (the `global` of Node, a page's Window)
 *    with a root → global shortcut. Elsewhere a shortcut repeats a path that
 *    also exists through internal edges, e.g. a bound function's bound_this,
 *    bound_function and bound_argument_N next to its bindings array.
 * 3. Page ownership (`userObjectsMapAndFlag`, `markPageOwnedNodes`): the nodes
 *    reachable from the user roots (targets of the root's shortcut edges, plus
 *    the "(Document DOM trees)" synthetic root child in browser snapshots) are
 *    owned by the page. An edge from a node the page does not own into one it
 *    owns does not count (except from the root), so objects that the engine,
 *    the debugger or a handle scope also hold are attributed to the page's
 *    objects instead of to "(GC roots)".
 * 4. WeakMap values (`computeIsEssentialEdge`): V8 gives an ephemeron's value
 *    two internal edges, one from the key and one from the WeakMap's table,
 *    both named "<n> / part of key (K @k) -> value (V @v) pair in WeakMap
 *    (table @t)". The value lives while both the key and the table do, so
 *    either edge alone decides; like DevTools, the table's edge (the one whose
 *    source has id t) is dropped, and the value counts as retained by its key.
 *
 * One difference: DevTools marks page ownership along every non-weak edge;
 * here it follows only the edges that rules 1, 2 and 4 keep. Then every node the
 * page owns is reachable from the root through owned nodes, so rule 3 never
 * makes a reachable node unreachable (with DevTools' marking it can, and
 * DevTools then attaches such nodes to the root).
 */
import type { HeapSnapshot } from './model';

/** 1 where the edge keeps its target alive, 0 where it does not. */
export function retainingEdgeMask(snapshot: HeapSnapshot): Uint8Array {
  const { firstEdge, edgeType, edgeTarget } = snapshot;
  const nodeCount = snapshot.nodeType.length;
  const edgeCount = edgeType.length;
  const weak = snapshot.edgeTypeNames.indexOf('weak');
  const shortcut = snapshot.edgeTypeNames.indexOf('shortcut');
  const mask = new Uint8Array(edgeCount);
  if (nodeCount === 0) return mask;

  // Rules 1 and 2.
  const rootEnd = firstEdge[1] as number;
  for (let e = 0; e < edgeCount; e++) {
    const type = edgeType[e] as number;
    mask[e] = type === weak || (type === shortcut && e >= rootEnd) ? 0 : 1;
  }

  // Rule 4 (before rule 3, which follows the edges kept so far).
  dropWeakMapTableEdges(snapshot, mask);

  // Rule 3.
  const owned = pageOwnedNodes(snapshot, mask);
  if (!owned) return mask;
  for (let node = 1; node < nodeCount; node++) {
    if (owned[node]) continue;
    const end = firstEdge[node + 1] as number;
    for (let e = firstEdge[node] as number; e < end; e++) {
      if (owned[edgeTarget[e] as number]) mask[e] = 0;
    }
  }
  return mask;
}

/** The nodes reachable from the user roots along edges of `mask`, or null when the snapshot has no user roots. */
function pageOwnedNodes(snapshot: HeapSnapshot, mask: Uint8Array): Uint8Array | null {
  const { firstEdge, edgeType, edgeTarget, nodeType, nodeName, strings } = snapshot;
  const nodeCount = nodeType.length;
  const shortcut = snapshot.edgeTypeNames.indexOf('shortcut');
  const element = snapshot.edgeTypeNames.indexOf('element');
  const synthetic = snapshot.nodeTypeNames.indexOf('synthetic');
  const owned = new Uint8Array(nodeCount);
  const stack = new Uint32Array(nodeCount);
  let top = 0;
  const rootEnd = firstEdge[1] as number;
  for (let e = 0; e < rootEnd; e++) {
    const target = edgeTarget[e] as number;
    const type = edgeType[e] as number;
    const userRoot =
      type === shortcut ||
      (type === element &&
        nodeType[target] === synthetic &&
        strings[nodeName[target] as number] === '(Document DOM trees)');
    if (!userRoot || owned[target] || target === 0) continue;
    owned[target] = 1;
    stack[top++] = target;
  }
  if (top === 0) return null;
  while (top > 0) {
    const node = stack[--top] as number;
    const end = firstEdge[node + 1] as number;
    for (let e = firstEdge[node] as number; e < end; e++) {
      const target = edgeTarget[e] as number;
      if (!mask[e] || owned[target] || target === 0) continue;
      owned[target] = 1;
      stack[top++] = target;
    }
  }
  return owned;
}

const WEAK_MAP_EDGE = /^\d+ \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(\d+)\)$/;
const NOT_CHECKED = -2;
const NOT_WEAK_MAP = -1;

function dropWeakMapTableEdges(snapshot: HeapSnapshot, mask: Uint8Array): void {
  const { firstEdge, edgeType, edgeNameOrIndex, nodeId, strings } = snapshot;
  const internal = snapshot.edgeTypeNames.indexOf('internal');
  if (internal < 0) return;
  // Per string index: the table id its name gives, NOT_WEAK_MAP, or NOT_CHECKED yet.
  const tableOf = new Float64Array(strings.length).fill(NOT_CHECKED);
  const nodeCount = snapshot.nodeType.length;
  for (let node = 0; node < nodeCount; node++) {
    const end = firstEdge[node + 1] as number;
    for (let e = firstEdge[node] as number; e < end; e++) {
      if (edgeType[e] !== internal) continue;
      const name = edgeNameOrIndex[e] as number;
      let table = tableOf[name] as number;
      if (table === NOT_CHECKED) {
        const match = WEAK_MAP_EDGE.exec(strings[name] ?? '');
        table = match ? Number(match[1]) : NOT_WEAK_MAP;
        tableOf[name] = table;
      }
      if (table === nodeId[node]) mask[e] = 0;
    }
  }
}
