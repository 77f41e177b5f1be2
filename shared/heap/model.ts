/**
 * A V8 heap snapshot as a graph in typed arrays (the .heapsnapshot layout:
 * snapshot.meta.node_fields / edge_fields, flattened nodes[] and edges[],
 * strings[]), so that snapshots of hundreds of megabytes fit in memory.
 *
 * Node i's fields live at nodeType[i], nodeName[i], …; its outgoing edges are
 * edges firstEdge[i] .. firstEdge[i+1]-1. Node 0 is the synthetic root.
 */

export interface HeapSnapshot {
  /** Index into nodeTypeNames (snapshot.meta.node_types[0]): "object", "closure", "string", … */
  nodeType: Uint8Array;
  /** String index of the node's name (constructor or class name for objects). */
  nodeName: Uint32Array;
  /** V8's object id (stable across snapshots of one process). */
  nodeId: Float64Array;
  nodeSelfSize: Float64Array;
  /** nodeCount + 1 entries: node i's edges are firstEdge[i] .. firstEdge[i+1]-1. */
  firstEdge: Uint32Array;
  /** Index into edgeTypeNames: "context", "element", "property", "internal", "hidden", "shortcut", "weak". */
  edgeType: Uint8Array;
  /** String index of the edge name, or the element index for "element"/"hidden" edges. */
  edgeNameOrIndex: Uint32Array;
  /** Node index (not the raw field offset) the edge points to. */
  edgeTarget: Uint32Array;
  nodeTypeNames: string[];
  edgeTypeNames: string[];
  strings: string[];
}

/** Results of the dominator analysis, per node. */
export interface HeapAnalysis {
  /** Immediate dominator of each node (root's is itself); unreachable nodes get 0xffffffff. */
  dominator: Uint32Array;
  /** Retained size: self size plus everything the node alone keeps alive. */
  retainedSize: Float64Array;
  /** Per class (constructor name for objects, "(type)" for other node types). */
  classes: HeapClassRow[];
}

export interface HeapClassRow {
  className: string;
  count: number;
  shallowSize: number;
  /** Sum of retained sizes of the class's nodes that no other node of the class dominates. */
  retainedSize: number;
}
