/**
 * The `edges` array split into columns as it is read. to_node stays the raw
 * field offset into `nodes` here (V8 writes entry_index * node field count);
 * assemble.ts checks and divides it once the node count is known.
 */
import { fail } from '../errors';
import type { SnapshotLayout } from './header';
import type { IntegerSink } from './integer-array';

const SKIP = 0;
const TYPE = 1;
const NAME = 2;
const TO_NODE = 3;

const INITIAL_CAPACITY = 4096;
const MAX_UINT32 = 0xffffffff;

export class EdgeColumns implements IntegerSink {
  edgeType: Uint8Array;
  edgeNameOrIndex: Uint32Array;
  /** Raw to_node values: field offsets into `nodes`. */
  toNode: Uint32Array;
  count = 0;
  private field = 0;
  private capacity: number;
  private readonly roles: Uint8Array;
  private readonly fieldCount: number;
  private readonly typeCount: number;

  /** `expected` is snapshot.edge_count when present: the columns are sized once and more edges fail. */
  constructor(
    layout: SnapshotLayout,
    private readonly expected: number | null,
  ) {
    this.fieldCount = layout.edgeFieldCount;
    this.typeCount = layout.edgeTypeNames.length;
    this.roles = new Uint8Array(layout.edgeFieldCount).fill(SKIP);
    this.roles[layout.edgeTypeOffset] = TYPE;
    this.roles[layout.edgeNameOffset] = NAME;
    this.roles[layout.edgeToNodeOffset] = TO_NODE;
    this.capacity = expected ?? INITIAL_CAPACITY;
    this.edgeType = new Uint8Array(this.capacity);
    this.edgeNameOrIndex = new Uint32Array(this.capacity);
    this.toNode = new Uint32Array(this.capacity);
  }

  push(value: number, index: number): void {
    const edge = this.count;
    if (this.field === 0 && edge === this.capacity) this.grow();
    switch (this.roles[this.field]) {
      case TYPE:
        if (value >= this.typeCount) {
          fail(`edge ${edge} (edges[${index}]) has type ${value}, but meta.edge_types lists ${this.typeCount} types`);
        }
        this.edgeType[edge] = value;
        break;
      case NAME:
        this.edgeNameOrIndex[edge] = uint32(value, index, 'name_or_index');
        break;
      case TO_NODE:
        this.toNode[edge] = uint32(value, index, 'to_node');
        break;
    }
    if (++this.field === this.fieldCount) {
      this.field = 0;
      this.count++;
    }
  }

  /** Checks the array ended on a whole edge and the count the header gave; drops unused capacity. */
  finish(values: number): void {
    if (this.field !== 0) {
      fail(
        `"edges" holds ${values} values, not a multiple of the ${this.fieldCount} fields per edge in meta.edge_fields`,
      );
    }
    if (this.expected !== null && this.count !== this.expected) {
      fail(`snapshot.edge_count is ${this.expected} but "edges" holds ${this.count} edges`);
    }
    if (this.count < this.capacity) {
      this.edgeType = this.edgeType.slice(0, this.count);
      this.edgeNameOrIndex = this.edgeNameOrIndex.slice(0, this.count);
      this.toNode = this.toNode.slice(0, this.count);
      this.capacity = this.count;
    }
  }

  private grow(): void {
    if (this.expected !== null) fail(`snapshot.edge_count is ${this.expected} but "edges" holds more edges`);
    const capacity = this.capacity * 2;
    const edgeType = new Uint8Array(capacity);
    edgeType.set(this.edgeType);
    const name = new Uint32Array(capacity);
    name.set(this.edgeNameOrIndex);
    const toNode = new Uint32Array(capacity);
    toNode.set(this.toNode);
    this.edgeType = edgeType;
    this.edgeNameOrIndex = name;
    this.toNode = toNode;
    this.capacity = capacity;
  }
}

function uint32(value: number, index: number, field: string): number {
  if (value > MAX_UINT32) fail(`edges[${index}] (${field}) is ${value}, more than 32 bits`);
  return value;
}
