/**
 * Stacks as the store keeps them: nodes that are a parent node plus a segment
 * of global frame ids (stacks.parent/frames, and each item's stack cache), and
 * their expansion into a forest with one node per frame, the form every query
 * of shared/query takes. Linear in the frames; nothing recurses.
 */

/** Nodes in topological order (parent[n] < n, -1 for a root); node n's frames are frames[offsets[n] … offsets[n + 1]). */
export interface Segments {
  parent: Int32Array;
  offsets: Int32Array;
  frames: Int32Array;
}

/** One node per frame: the forest of stacks with a value (parent < child), global frame ids, values on the leaves. */
export interface FrameForest {
  parent: Int32Array;
  frame: Int32Array;
  value: Float64Array;
}

/**
 * Which nodes the forest needs: those with a value (`present`) and their ancestors.
 * Only the parents are read, so a caller can decide this before it reads any frames.
 */
export function liveNodes(parent: Int32Array, present: Uint8Array): Uint8Array {
  const live = present.slice(0, parent.length);
  for (let n = parent.length - 1; n >= 0; n--) {
    const p = parent[n] as number;
    if (live[n] === 1 && p >= 0) live[p] = 1;
  }
  return live;
}

/**
 * Expands nodes, in order, into a frame forest. A node whose parent is the
 * same as the previous live node's shares their common leading frames with it
 * (pprof items store each path whole under the root, and the writer sorts
 * each batch of them: consecutive paths share their prefix), so the result is
 * never larger than the segments and, for pprof items, about a prefix tree.
 * Nodes may come in chunks (`add` per node): a large item's segments need not
 * be in memory at once. `frameCount` sizes the arrays (a bound the caller
 * knows: the frames it will add, or fewer when it knows they share); they grow
 * past it if needed.
 */
export class ForestBuilder {
  private outParent: Int32Array;
  private outFrame: Int32Array;
  private outValue: Float64Array;
  private at = 0;
  /** Per node: the forest node of its last frame. */
  private readonly lastOf: Int32Array;
  /** The previous live node's forest nodes, frame by frame, and its frames, for prefix sharing. */
  private previous = new Int32Array(64);
  private previousFrames = new Int32Array(64);
  private previousLength = 0;
  private previousParent = -2;

  /** `frameCount`: room for this many forest nodes to begin with. */
  constructor(
    nodeCount: number,
    frameCount: number,
    private readonly live: Uint8Array,
    private readonly value: Float64Array,
    private readonly present: Uint8Array,
  ) {
    this.outParent = new Int32Array(frameCount);
    this.outFrame = new Int32Array(frameCount);
    this.outValue = new Float64Array(frameCount);
    this.lastOf = new Int32Array(nodeCount).fill(-1);
  }

  /** Forest nodes made so far. */
  get size(): number {
    return this.at;
  }

  /** Node n (the next one in order), whose parent node is `p` and whose frames are frames[from … to). */
  add(n: number, p: number, frames: Int32Array, from: number, to: number): void {
    if (this.live[n] !== 1) return;
    const length = to - from;
    let shared = 0;
    if (p === this.previousParent) {
      // The last frame is never shared: the node keeps a forest node of its own for its value.
      const limit = Math.min(this.previousLength, length - 1);
      const prev = this.previousFrames;
      while (shared < limit && frames[from + shared] === prev[shared]) shared++;
    }
    if (length > this.previous.length) {
      const size = Math.max(2 * this.previous.length, length);
      const grown = new Int32Array(size);
      grown.set(this.previous.subarray(0, shared));
      this.previous = grown;
      this.previousFrames = new Int32Array(size);
    }
    const previous = this.previous;
    let up = shared > 0 ? (previous[shared - 1] as number) : p >= 0 ? (this.lastOf[p] as number) : -1;
    if (this.at + to - from - shared > this.outParent.length) this.grow(this.at + to - from - shared);
    for (let j = from + shared; j < to; j++) {
      const node = this.at++;
      this.outParent[node] = up;
      this.outFrame[node] = frames[j] as number;
      previous[j - from] = node;
      up = node;
    }
    this.previousFrames.set(frames.subarray(from, to));
    this.lastOf[n] = up;
    if (this.present[n] === 1) this.outValue[up] = (this.outValue[up] as number) + (this.value[n] as number);
    this.previousLength = length;
    this.previousParent = p;
  }

  /** Room for `size` nodes (a bound that was too small: never for the store's own caches, see readStackCache). */
  private grow(size: number): void {
    const capacity = Math.max(size, 2 * this.outParent.length);
    const parent = new Int32Array(capacity);
    parent.set(this.outParent.subarray(0, this.at));
    this.outParent = parent;
    const frame = new Int32Array(capacity);
    frame.set(this.outFrame.subarray(0, this.at));
    this.outFrame = frame;
    const value = new Float64Array(capacity);
    value.set(this.outValue.subarray(0, this.at));
    this.outValue = value;
  }

  finish(): FrameForest {
    const at = this.at;
    // Arrays much larger than the forest (a sample type few stacks have) are copied to their size.
    const cut = at < 0.75 * this.outParent.length ? 'slice' : 'subarray';
    return {
      parent: this.outParent[cut](0, at),
      frame: this.outFrame[cut](0, at),
      value: this.outValue[cut](0, at),
    };
  }
}

/** The forest of the nodes that have a value (`present`) and their ancestors, from segments in memory. */
export function forestOfSegments(segments: Segments, value: Float64Array, present: Uint8Array): FrameForest {
  const { parent, offsets, frames } = segments;
  const count = parent.length;
  const live = liveNodes(parent, present);
  let size = 0;
  for (let n = 0; n < count; n++) if (live[n] === 1) size += (offsets[n + 1] as number) - (offsets[n] as number);
  const builder = new ForestBuilder(count, size, live, value, present);
  for (let n = 0; n < count; n++)
    builder.add(n, parent[n] as number, frames, offsets[n] as number, offsets[n + 1] as number);
  return builder.finish();
}

/**
 * Like forestOfSegments, but every path is one node of a prefix tree: two nodes reached by the same frames are one
 * node, whose value is their sum. Stacks merged from many items (a window of 1,000 captures) are as many sorted
 * runs, and sibling segments with a common prefix are far apart, so ForestBuilder's sharing with the previous
 * node alone leaves most prefixes repeated (1,000 Go CPU captures: 39,000 forest nodes where the prefix tree has
 * about 10,000); every step after this one reads the forest, so the hash lookup per frame here pays for itself.
 * Only merges by line come here; by function, the function-path index (function-path-index.ts) knows each stack's node.
 */
export function mergedForestOfSegments(segments: Segments, value: Float64Array, present: Uint8Array): FrameForest {
  const { parent, offsets, frames } = segments;
  const count = parent.length;
  const live = liveNodes(parent, present);
  let size = 0;
  for (let n = 0; n < count; n++) if (live[n] === 1) size += (offsets[n + 1] as number) - (offsets[n] as number);
  const children = new ChildTable(size);
  const outParent = new Int32Array(size);
  const outFrame = new Int32Array(size);
  const outValue = new Float64Array(size);
  const lastOf = new Int32Array(count).fill(-1);
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (live[n] !== 1) continue;
    const p = parent[n] as number;
    let up = p >= 0 ? (lastOf[p] as number) : -1;
    const end = offsets[n + 1] as number;
    for (let j = offsets[n] as number; j < end; j++) {
      const frame = frames[j] as number;
      let node = children.get(up, frame);
      if (node < 0) {
        node = at++;
        outParent[node] = up;
        outFrame[node] = frame;
        children.set(up, frame, node);
      }
      up = node;
    }
    lastOf[n] = up;
    if (present[n] === 1 && up >= 0) outValue[up] = (outValue[up] as number) + (value[n] as number);
  }
  return { parent: outParent.slice(0, at), frame: outFrame.slice(0, at), value: outValue.slice(0, at) };
}

/**
 * (forest parent, frame) → child node, open addressing in one typed array of (parent, frame, node) triples: a Map
 * keyed by a number built from the pair took most of the merge's time (keys past 2^31 are heap numbers to hash),
 * and three arrays cost three cache misses a probe. The pair is mixed down to all of its bits (a product's low
 * bits depend only on the factors' low bits: masked, it made long runs of probes). It starts at the caller's bound
 * or 2^16 slots, whichever is smaller, and doubles at half full: the bound (every frame) is several times the
 * nodes a merged window makes.
 */
export class ChildTable {
  private slots: Int32Array;
  private mask: number;
  private size = 0;

  /** `capacity`: at most this many entries. */
  constructor(capacity: number) {
    let slots = 16;
    while (slots < 2 * capacity && slots < 65_536) slots *= 2;
    this.mask = slots - 1;
    this.slots = new Int32Array(3 * slots).fill(-1);
  }

  private slot(parent: number, frame: number): number {
    const slots = this.slots;
    let h = Math.imul(parent + 1, 0x9e3779b1) ^ frame;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
    let i = (h ^ (h >>> 13)) & this.mask;
    while (slots[3 * i + 2] !== -1 && (slots[3 * i] !== parent || slots[3 * i + 1] !== frame)) i = (i + 1) & this.mask;
    return i;
  }

  /** The child, or -1. */
  get(parent: number, frame: number): number {
    return this.slots[3 * this.slot(parent, frame) + 2] as number;
  }

  /** Adds a pair that is not in the table. */
  set(parent: number, frame: number, node: number): void {
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    const i = 3 * this.slot(parent, frame);
    this.slots[i] = parent;
    this.slots[i + 1] = frame;
    this.slots[i + 2] = node;
    this.size++;
  }

  private grow(): void {
    const old = this.slots;
    const slots = 2 * (this.mask + 1);
    this.mask = slots - 1;
    this.slots = new Int32Array(3 * slots).fill(-1);
    for (let i = 0; i < old.length; i += 3) {
      if (old[i + 2] === -1) continue;
      const j = 3 * this.slot(old[i] as number, old[i + 1] as number);
      this.slots[j] = old[i] as number;
      this.slots[j + 1] = old[i + 1] as number;
      this.slots[j + 2] = old[i + 2] as number;
    }
  }
}
