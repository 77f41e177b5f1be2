/**
 * The `nodes` array split into the model's columns as it is read. Which of
 * the meta.node_fields goes where comes from the layout; fields the model does
 * not keep (trace_node_id, detachedness) are dropped as they stream past.
 */
import { checkLimit, type ImportLimits } from '../limits';
import { fail } from '../errors';
import type { SnapshotLayout } from './header';
import type { IntegerSink } from './integer-array';

const SKIP = 0;
const TYPE = 1;
const NAME = 2;
const ID = 3;
const SELF_SIZE = 4;
const EDGE_COUNT = 5;

const INITIAL_CAPACITY = 1024;
const MAX_UINT32 = 0xffffffff;

export class NodeColumns implements IntegerSink {
  nodeType: Uint8Array;
  nodeName: Uint32Array;
  nodeId: Float64Array;
  nodeSelfSize: Float64Array;
  edgeCount: Uint32Array;
  /** Nodes whose fields are all read. */
  count = 0;
  private field = 0;
  private capacity: number;
  private readonly roles: Uint8Array;
  private readonly fieldCount: number;
  private readonly typeCount: number;

  /** `expected` is snapshot.node_count when present: the columns are sized once and more nodes fail. */
  constructor(
    layout: SnapshotLayout,
    private readonly expected: number | null,
    private readonly limits: ImportLimits,
  ) {
    this.fieldCount = layout.nodeFieldCount;
    this.typeCount = layout.nodeTypeNames.length;
    this.roles = new Uint8Array(layout.nodeFieldCount).fill(SKIP);
    this.roles[layout.nodeTypeOffset] = TYPE;
    this.roles[layout.nodeNameOffset] = NAME;
    this.roles[layout.nodeIdOffset] = ID;
    this.roles[layout.nodeSelfSizeOffset] = SELF_SIZE;
    this.roles[layout.nodeEdgeCountOffset] = EDGE_COUNT;
    this.capacity = expected ?? INITIAL_CAPACITY;
    this.nodeType = new Uint8Array(this.capacity);
    this.nodeName = new Uint32Array(this.capacity);
    this.nodeId = new Float64Array(this.capacity);
    this.nodeSelfSize = new Float64Array(this.capacity);
    this.edgeCount = new Uint32Array(this.capacity);
  }

  push(value: number, index: number): void {
    const node = this.count;
    if (this.field === 0 && node === this.capacity) this.grow();
    switch (this.roles[this.field]) {
      case TYPE:
        if (value >= this.typeCount) {
          fail(`node ${node} (nodes[${index}]) has type ${value}, but meta.node_types lists ${this.typeCount} types`);
        }
        this.nodeType[node] = value;
        break;
      case NAME:
        this.nodeName[node] = uint32(value, index, 'name');
        break;
      case ID:
        this.nodeId[node] = value;
        break;
      case SELF_SIZE:
        this.nodeSelfSize[node] = value;
        break;
      case EDGE_COUNT:
        this.edgeCount[node] = uint32(value, index, 'edge_count');
        break;
    }
    if (++this.field === this.fieldCount) {
      this.field = 0;
      this.count++;
    }
  }

  /** Checks the array ended on a whole node and the count the header gave; drops unused capacity. */
  finish(values: number): void {
    if (this.field !== 0) {
      fail(
        `"nodes" holds ${values} values, not a multiple of the ${this.fieldCount} fields per node in meta.node_fields`,
      );
    }
    if (this.expected !== null && this.count !== this.expected) {
      fail(`snapshot.node_count is ${this.expected} but "nodes" holds ${this.count} nodes`);
    }
    if (this.count < this.capacity) {
      this.nodeType = this.nodeType.slice(0, this.count);
      this.nodeName = this.nodeName.slice(0, this.count);
      this.nodeId = this.nodeId.slice(0, this.count);
      this.nodeSelfSize = this.nodeSelfSize.slice(0, this.count);
      this.edgeCount = this.edgeCount.slice(0, this.count);
      this.capacity = this.count;
    }
  }

  private grow(): void {
    if (this.expected !== null) {
      fail(`snapshot.node_count is ${this.expected} but "nodes" holds more nodes`);
    }
    checkLimit('heap snapshot nodes', this.count + 1, this.limits, 'maxSnapshotNodes');
    const capacity = Math.min(this.capacity * 2, Math.max(this.limits.maxSnapshotNodes, 1));
    this.nodeType = grown(this.nodeType, new Uint8Array(capacity));
    this.nodeName = grown(this.nodeName, new Uint32Array(capacity));
    this.nodeId = grown(this.nodeId, new Float64Array(capacity));
    this.nodeSelfSize = grown(this.nodeSelfSize, new Float64Array(capacity));
    this.edgeCount = grown(this.edgeCount, new Uint32Array(capacity));
    this.capacity = capacity;
  }
}

function uint32(value: number, index: number, field: string): number {
  if (value > MAX_UINT32) fail(`nodes[${index}] (${field}) is ${value}, more than 32 bits`);
  return value;
}

function grown<T extends Uint8Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
