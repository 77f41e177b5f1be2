/**
 * Cross-checks of the sections read separately, and the model's derived
 * columns: each node's first edge (V8 writes a node's edges contiguously, in
 * node order, and only their count per node) and each edge's target as a node
 * index (V8 writes to_node as the target's offset into `nodes`).
 */
import { fail } from '../errors';
import type { HeapSnapshot } from '../../heap/model';
import type { EdgeColumns } from './edge-columns';
import type { SnapshotLayout } from './header';
import type { NodeColumns } from './node-columns';

export function assembleSnapshot(
  layout: SnapshotLayout,
  nodes: NodeColumns,
  edges: EdgeColumns,
  strings: string[],
): HeapSnapshot {
  const nodeCount = nodes.count;
  const edgeCount = edges.count;
  if (nodeCount === 0) fail('"nodes" is empty: a heap snapshot has at least its root node');

  const firstEdge = new Uint32Array(nodeCount + 1);
  let sum = 0;
  for (let i = 0; i < nodeCount; i++) {
    firstEdge[i] = sum;
    sum += nodes.edgeCount[i] as number;
    if (sum > edgeCount) break;
  }
  if (sum !== edgeCount) {
    fail(
      `the nodes' edge_count fields add up to ${sum > edgeCount ? `more than ${edgeCount}` : sum}, but "edges" holds ${edgeCount} edges`,
    );
  }
  firstEdge[nodeCount] = edgeCount;

  const stringCount = strings.length;
  const nodeName = nodes.nodeName;
  for (let i = 0; i < nodeCount; i++) {
    const name = nodeName[i] as number;
    if (name >= stringCount) {
      fail(
        `node ${i} (nodes[${i * layout.nodeFieldCount + layout.nodeNameOffset}]) names string ${name}, but "strings" holds ${stringCount}`,
      );
    }
  }

  // element and hidden edges carry an index instead of a string id (V8's SerializeEdge).
  const element = layout.edgeTypeNames.indexOf('element');
  const hidden = layout.edgeTypeNames.indexOf('hidden');
  const fieldCount = layout.nodeFieldCount;
  const target = edges.toNode;
  const edgeType = edges.edgeType;
  const edgeName = edges.edgeNameOrIndex;
  for (let e = 0; e < edgeCount; e++) {
    const offset = target[e] as number;
    const node = offset / fieldCount;
    if (!Number.isInteger(node)) {
      fail(
        `edge ${e} (edges[${e * layout.edgeFieldCount + layout.edgeToNodeOffset}]) has to_node ${offset}, not a multiple of the ${fieldCount} node fields`,
      );
    }
    if (node >= nodeCount) {
      fail(
        `edge ${e} (edges[${e * layout.edgeFieldCount + layout.edgeToNodeOffset}]) has to_node ${offset}, past the last of ${nodeCount} nodes`,
      );
    }
    target[e] = node;
    const type = edgeType[e] as number;
    if (type !== element && type !== hidden && (edgeName[e] as number) >= stringCount) {
      fail(
        `edge ${e} (edges[${e * layout.edgeFieldCount + layout.edgeNameOffset}]) names string ${edgeName[e] as number}, but "strings" holds ${stringCount}`,
      );
    }
  }

  return {
    nodeType: nodes.nodeType,
    nodeName,
    nodeId: nodes.nodeId,
    nodeSelfSize: nodes.nodeSelfSize,
    firstEdge,
    edgeType,
    edgeNameOrIndex: edgeName,
    edgeTarget: target,
    nodeTypeNames: layout.nodeTypeNames,
    edgeTypeNames: layout.edgeTypeNames,
    strings,
  };
}
