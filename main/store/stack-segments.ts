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
 * be in memory at once. A builder made with `frameCount` null only counts the
 * forest's nodes (`size`), so that a caller reading twice allocates it exactly.
 */
export class ForestBuilder {
  private readonly outParent: Int32Array;
  private readonly outFrame: Int32Array;
  private readonly outValue: Float64Array;
  private readonly counting: boolean;
  private at = 0;
  /** Per node: the forest node of its last frame. */
  private readonly lastOf: Int32Array;
  /** The previous live node's forest nodes, frame by frame, and its frames, for prefix sharing. */
  private previous = new Int32Array(64);
  private previousFrames = new Int32Array(64);
  private previousLength = 0;
  private previousParent = -2;

  /** `frameCount`: at most this many forest nodes will be made (null: count them only). */
  constructor(
    nodeCount: number,
    frameCount: number | null,
    private readonly live: Uint8Array,
    private readonly value: Float64Array,
    private readonly present: Uint8Array,
  ) {
    this.counting = frameCount === null;
    this.outParent = new Int32Array(frameCount ?? 0);
    this.outFrame = new Int32Array(frameCount ?? 0);
    this.outValue = new Float64Array(frameCount ?? 0);
    this.lastOf = new Int32Array(nodeCount).fill(-1);
  }

  /** Forest nodes made (or counted) so far. */
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
    if (this.counting) {
      for (let j = from + shared; j < to; j++) previous[j - from] = up = this.at++;
    } else {
      for (let j = from + shared; j < to; j++) {
        const node = this.at++;
        this.outParent[node] = up;
        this.outFrame[node] = frames[j] as number;
        previous[j - from] = node;
        up = node;
      }
    }
    this.previousFrames.set(frames.subarray(from, to));
    this.lastOf[n] = up;
    if (this.present[n] === 1 && !this.counting)
      this.outValue[up] = (this.outValue[up] as number) + (this.value[n] as number);
    this.previousLength = length;
    this.previousParent = p;
  }

  finish(): FrameForest {
    const at = this.at;
    return {
      parent: this.outParent.subarray(0, at),
      frame: this.outFrame.subarray(0, at),
      value: this.outValue.subarray(0, at),
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
