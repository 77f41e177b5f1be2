/**
 * The stack prefix tree the samples fold into: node = (parent node, frame),
 * held in typed arrays, so millions of nodes cost no JS object each. Nodes
 * are created parent first, so a node's parent always has a smaller index:
 * the model's topological order for `stacks` (shared/profile/model.ts) comes
 * for free.
 *
 * Finding the child of a node:
 * - most nodes have a few children, kept as a linked list (first child, next
 *   sibling) in the node's own record; a new node's list is empty, so the
 *   rest of a path seen for the first time is built with sequential writes
 *   only, which is what makes deep, mostly distinct stacks cheap;
 * - a node whose list grows past WIDE_CHILDREN (and the virtual root) keeps
 *   its children in an open-addressing hash keyed by (parent, frame) instead,
 *   so a wide fan-out never means a long list walk.
 */
const STRIDE = 4; // parent, frame, first child, next sibling
const PARENT = 0;
const FRAME = 1;
const FIRST_CHILD = 2;
const NEXT_SIBLING = 3;
const NONE = -1;
/** In FIRST_CHILD: the node's children are in the hash. */
const WIDE = -2;
const WIDE_CHILDREN = 8;
const INITIAL_NODES = 1 << 12;
// Node ids are stored as id + 1 in an Int32Array.
const MAX_NODES = 2 ** 30;

export class StackTrie {
  /** Number of nodes. */
  count = 0;
  private nodes = new Int32Array(STRIDE * INITIAL_NODES);
  /** Children of wide nodes and roots: node + 1 per slot, 0 when empty; a power of two long. */
  private slots = new Int32Array(1 << 10);
  private hashed = 0;

  /** The node for `frame` called from `parent` (-1 for a root frame), created if new. */
  child(parent: number, frame: number): number {
    if (parent < 0) return this.hashedChild(parent, frame);
    const nodes = this.nodes;
    const first = nodes[STRIDE * parent + FIRST_CHILD] as number;
    if (first === WIDE) return this.hashedChild(parent, frame);
    let length = 0;
    for (let c = first; c !== NONE; c = nodes[STRIDE * c + NEXT_SIBLING] as number) {
      if (nodes[STRIDE * c + FRAME] === frame) return c;
      length++;
    }
    const node = this.add(parent, frame);
    const record = this.nodes; // `add` may have grown the array
    record[STRIDE * node + NEXT_SIBLING] = first;
    record[STRIDE * parent + FIRST_CHILD] = node;
    if (length + 1 > WIDE_CHILDREN) this.widen(parent);
    return node;
  }

  /** The model's `stacks` columns; the trie is spent afterwards (its arrays are released). */
  toColumns(): { frame: number[]; parent: number[] } {
    const count = this.count;
    // Sized up front: faster than push() at millions of nodes, and no spare capacity.
    const frame = new Array<number>(count).fill(0);
    const parent = new Array<number>(count).fill(0);
    const nodes = this.nodes;
    for (let i = 0; i < count; i++) {
      parent[i] = nodes[STRIDE * i + PARENT] as number;
      frame[i] = nodes[STRIDE * i + FRAME] as number;
    }
    this.nodes = new Int32Array(0);
    this.slots = new Int32Array(0);
    this.count = 0;
    return { frame, parent };
  }

  private add(parent: number, frame: number): number {
    const node = this.count;
    if (STRIDE * node === this.nodes.length) this.grow();
    const at = STRIDE * node;
    const nodes = this.nodes;
    nodes[at + PARENT] = parent;
    nodes[at + FRAME] = frame;
    nodes[at + FIRST_CHILD] = NONE;
    nodes[at + NEXT_SIBLING] = NONE;
    this.count = node + 1;
    return node;
  }

  private hashedChild(parent: number, frame: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = hash(parent, frame) & mask;
    for (;;) {
      const entry = slots[slot] as number;
      if (entry === 0) break;
      const at = STRIDE * (entry - 1);
      if (this.nodes[at + FRAME] === frame && this.nodes[at + PARENT] === parent) return entry - 1;
      slot = (slot + 1) & mask;
    }
    const node = this.add(parent, frame);
    this.insert(node);
    return node;
  }

  /** Moves a node's children from its list into the hash. */
  private widen(parent: number): void {
    const nodes = this.nodes;
    for (
      let c = nodes[STRIDE * parent + FIRST_CHILD] as number;
      c !== NONE;
      c = nodes[STRIDE * c + NEXT_SIBLING] as number
    ) {
      this.insert(c);
    }
    nodes[STRIDE * parent + FIRST_CHILD] = WIDE;
  }

  private insert(node: number): void {
    let slots = this.slots;
    // Keep the load factor under 0.7 so probe runs stay short.
    if (10 * (this.hashed + 1) > 7 * slots.length) {
      this.growSlots();
      slots = this.slots;
    }
    const mask = slots.length - 1;
    const at = STRIDE * node;
    let slot = hash(this.nodes[at + PARENT] as number, this.nodes[at + FRAME] as number) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = node + 1;
    this.hashed++;
  }

  private grow(): void {
    if (this.count >= MAX_NODES) throw new RangeError(`profile has more than ${MAX_NODES} stack nodes`);
    const nodes = new Int32Array(Math.min(2 * this.count, MAX_NODES) * STRIDE);
    nodes.set(this.nodes);
    this.nodes = nodes;
  }

  private growSlots(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = slots.length - 1;
    for (const entry of old) {
      if (entry === 0) continue;
      const at = STRIDE * (entry - 1);
      let slot = hash(this.nodes[at + PARENT] as number, this.nodes[at + FRAME] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.slots = slots;
  }
}

/** Mixes two 32-bit integers into a well-spread 32-bit hash (multiplicative hashing, murmur3-style finalizer). */
export function hash(a: number, b: number): number {
  let h = Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h >>> 0;
}
