/**
 * The class summary (DevTools' "Summary" view, HeapSnapshot.buildAggregates
 * and calculateClassesRetainedSize): per class, how many nodes, their self
 * sizes, and the memory the class retains as a whole.
 *
 * - Like DevTools, nodes with self size 0 are left out: the synthetic root,
 *   the "(GC roots)" groups and the like. (Older DevTools kept native nodes of
 *   size 0; the current buildAggregates does not.)
 * - Classes are named by class-names.ts. Current DevTools also splits plain
 *   "Object"s by their property names ("{a, b, …}"); Kiln keeps one "Object"
 *   row, as V8 names them.
 * - A class's retained size sums the retained sizes of its nodes that no
 *   other node of the same class dominates (a node under another of its class
 *   is already inside that one's retained size). Found in one walk down the
 *   dominator tree that counts, per class, the nodes of the class on the path
 *   from the root.
 * - A node the root cannot reach is not in the tree; it adds its retained
 *   size (its self size) on its own.
 */
import { UNREACHABLE } from './dominators';
import { dominatorTree } from './dominator-tree';
import { nodeClasses } from './class-names';
import type { HeapClassRow, HeapSnapshot } from './model';

export { classNameOf } from './class-names';

/** Rows sorted by retained size, largest first (then by name). */
export function aggregateClasses(
  snapshot: HeapSnapshot,
  dominator: Uint32Array,
  retainedSize: Float64Array,
): HeapClassRow[] {
  const { nodeType, nodeSelfSize } = snapshot;
  const nodeCount = nodeType.length;
  const { classOf, names } = nodeClasses(snapshot);
  const counted = new Uint8Array(nodeCount);
  const count = new Float64Array(names.length);
  const shallow = new Float64Array(names.length);
  const retained = new Float64Array(names.length);

  for (let node = 0; node < nodeCount; node++) {
    const size = nodeSelfSize[node] as number;
    if (size === 0) continue;
    counted[node] = 1;
    const id = classOf[node] as number;
    count[id] = (count[id] as number) + 1;
    shallow[id] = (shallow[id] as number) + size;
    if (dominator[node] === UNREACHABLE) retained[id] = (retained[id] as number) + (retainedSize[node] as number);
  }

  if (nodeCount > 0) addTopmostRetained(dominator, retainedSize, classOf, counted, retained);

  const rows: HeapClassRow[] = [];
  for (let id = 0; id < names.length; id++) {
    if (count[id] === 0) continue;
    rows.push({
      className: names[id] as string,
      count: count[id] as number,
      shallowSize: shallow[id] as number,
      retainedSize: retained[id] as number,
    });
  }
  rows.sort(
    (a, b) => b.retainedSize - a.retainedSize || (a.className < b.className ? -1 : a.className > b.className ? 1 : 0),
  );
  return rows;
}

/** Depth-first down the dominator tree from the root, with an explicit stack. */
function addTopmostRetained(
  dominator: Uint32Array,
  retainedSize: Float64Array,
  classOf: Uint32Array,
  counted: Uint8Array,
  retained: Float64Array,
): void {
  const { firstDominated, dominated } = dominatorTree(dominator);
  const nodeCount = dominator.length;
  // How many counted nodes of each class are on the path from the root to the current node.
  const onPath = new Uint32Array(retained.length);
  const stackNode = new Uint32Array(nodeCount);
  const stackNext = new Uint32Array(nodeCount);
  let top = 0;
  stackNode[0] = 0;
  stackNext[0] = firstDominated[0] as number;
  enter(0);
  while (top >= 0) {
    const node = stackNode[top] as number;
    const next = stackNext[top] as number;
    if (next < (firstDominated[node + 1] as number)) {
      stackNext[top] = next + 1;
      const child = dominated[next] as number;
      top++;
      stackNode[top] = child;
      stackNext[top] = firstDominated[child] as number;
      enter(child);
    } else {
      if (counted[node]) {
        const id = classOf[node] as number;
        onPath[id] = (onPath[id] as number) - 1;
      }
      top--;
    }
  }

  function enter(node: number): void {
    if (!counted[node]) return;
    const id = classOf[node] as number;
    if (onPath[id] === 0) retained[id] = (retained[id] as number) + (retainedSize[node] as number);
    onPath[id] = (onPath[id] as number) + 1;
  }
}
