/**
 * The input of every call-tree query: a prefix forest of stacks. Each node is
 * a frame (a function index) under its parent node; the stack of a node is
 * the path from its root to it, and `value[node]` is the value of the samples
 * whose stack ends exactly there. The store produces it from any set of
 * profiles; `weightedStacksFromProfile` from an in-memory profile, whose
 * stack table already is such a forest.
 *
 * Why a forest and not whole stacks: a chain of depth d costs d nodes here and
 * d²/2 entries as whole stacks (a 20,000-node `.cpuprofile` chain with a
 * sample at each node was 200M entries). Every query is a loop over the nodes
 * in index order (parents first) or an explicit-stack walk: never recursion,
 * since stacks 20,000+ deep are ordinary input.
 *
 * Nodes need not be unique: two nodes may have the same parent and function
 * (frames of one function at different lines; segments the store emits as it
 * finds them). Every query merges by function, so they count as one.
 */
import type { Profile } from '../profile/model';

export interface WeightedStacks {
  /** Per node: its parent node, or -1 for a root. Topological: parent[i] < i. */
  parent: Int32Array;
  /** Per node: function index into functionNames/functionFiles/functionLines. */
  func: Int32Array;
  /** Per node: value of the samples whose stack ends exactly at this node (0 for a node no sample ends at). */
  value: Float64Array;
  /**
   * Value of the samples whose stack is empty (no frames: a pprof sample without locations, or one whose
   * frames `hide` removed). They end at the virtual root (node -1), so they count in the call tree's root
   * and the total, never in a function.
   */
  rootValue: number;
  functionNames: string[];
  functionFiles: string[];
  /** Where each function is: its start line, or when the file does not say (Go before 1.20), its first line seen in a frame. */
  functionLines: number[];
}

/** The virtual root: the parent of root nodes, and the node of an empty stack. */
export const ROOT_NODE = -1;

/** Sum of every sample's value: the nodes' values plus the empty stacks'. */
export function totalValue(stacks: WeightedStacks): number {
  let total = stacks.rootValue;
  for (const v of stacks.value) total += v;
  return total;
}

/** The line to show for a function: its start line when known, else the smallest frame line seen so far. */
export function displayLine(current: number, startLine: number, frameLine: number): number {
  if (startLine > 0) return startLine;
  if (frameLine <= 0) return current;
  return current > 0 ? Math.min(current, frameLine) : frameLine;
}

/**
 * Builds a forest from either shape of input, then `finish`:
 * - `node(parent, func)` appends a node (the caller's own tree already shares what it shares) and
 *   `addValue(node, v)` adds sample value to it (node -1: the empty stack);
 * - `add(funcsRootFirst, value)` takes a whole stack and shares its prefix with the stacks added
 *   before it through a trie keyed by (parent, func), so whole-stack sources (tests, store blobs)
 *   cost one node per distinct prefix. It returns the stack's node (-1 for an empty stack).
 * `add` shares only with nodes `add` made; both may be mixed.
 */
export class WeightedStacksBuilder {
  private parents = new Int32Array(1024);
  private funcs = new Int32Array(1024);
  private values = new Float64Array(1024);
  private count = 0;
  private rootValue = 0;
  /** Trie of `add`'s nodes: open addressing, node + 1 per slot (0: empty), kept under 70% full. */
  private slots: Int32Array | null = null;
  private trieCount = 0;

  /** The function of a node already built (what transforms that look at their output need). */
  funcOf(node: number): number {
    return this.funcs[node] as number;
  }

  node(parent: number, func: number): number {
    if (this.count === this.parents.length) this.grow();
    const node = this.count++;
    this.parents[node] = parent;
    this.funcs[node] = func;
    return node;
  }

  addValue(node: number, value: number): void {
    if (node === ROOT_NODE) this.rootValue += value;
    else this.values[node] = (this.values[node] as number) + value;
  }

  add(funcsRootFirst: ArrayLike<number>, value: number): number {
    let node = ROOT_NODE;
    for (let i = 0; i < funcsRootFirst.length; i++) node = this.child(node, funcsRootFirst[i] as number);
    this.addValue(node, value);
    return node;
  }

  /** The trie child of `parent` with `func`, made when absent. */
  child(parent: number, func: number): number {
    let slots = this.slots;
    if (slots === null || (this.trieCount + 1) * 10 > slots.length * 7) slots = this.rehash();
    const mask = slots.length - 1;
    let slot = pairHash(parent, func) & mask;
    for (let entry = slots[slot] as number; entry !== 0; entry = slots[slot] as number) {
      const node = entry - 1;
      if (this.parents[node] === parent && this.funcs[node] === func) return node;
      slot = (slot + 1) & mask;
    }
    const node = this.node(parent, func);
    slots[slot] = node + 1;
    this.trieCount++;
    return node;
  }

  finish(functionNames: string[], functionFiles: string[], functionLines: number[]): WeightedStacks {
    return {
      parent: this.parents.slice(0, this.count),
      func: this.funcs.slice(0, this.count),
      value: this.values.slice(0, this.count),
      rootValue: this.rootValue,
      functionNames,
      functionFiles,
      functionLines,
    };
  }

  private grow(): void {
    const size = this.parents.length * 2;
    const parents = new Int32Array(size);
    parents.set(this.parents);
    this.parents = parents;
    const funcs = new Int32Array(size);
    funcs.set(this.funcs);
    this.funcs = funcs;
    const values = new Float64Array(size);
    values.set(this.values);
    this.values = values;
  }

  /** A table twice as large (or the first one) holding the trie's nodes: only nodes made by `child`. */
  private rehash(): Int32Array {
    const old = this.slots;
    const slots = new Int32Array(old === null ? 2048 : old.length * 2);
    const mask = slots.length - 1;
    if (old !== null) {
      for (const entry of old) {
        if (entry === 0) continue;
        const node = entry - 1;
        let slot = pairHash(this.parents[node] as number, this.funcs[node] as number) & mask;
        while (slots[slot] !== 0) slot = (slot + 1) & mask;
        slots[slot] = entry;
      }
    }
    this.slots = slots;
    return slots;
  }
}

/** Mixes two 32-bit integers into a well-spread 32-bit hash (multiply, then murmur3's finalizer). */
export function pairHash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Children of every node as contiguous lists (`list[start[n] .. start[n + 1])`, in node order), and the
 * roots (`list[start[count] .. start[count + 1])`): what a depth-first walk with an explicit stack needs.
 * With `keep`, only nodes whose flag is 1 are listed.
 */
export interface ChildLists {
  start: Int32Array;
  list: Int32Array;
}

export function childLists(parent: Int32Array, keep?: Uint8Array): ChildLists {
  const count = parent.length;
  // Slot `count` collects the roots; counts go two slots ahead so the fill below can advance `start` in place.
  const start = new Int32Array(count + 3);
  let kept = 0;
  for (let i = 0; i < count; i++) {
    if (keep !== undefined && keep[i] !== 1) continue;
    const p = parent[i] as number;
    const at = (p < 0 ? count : p) + 2;
    start[at] = (start[at] as number) + 1;
    kept++;
  }
  for (let i = 2; i < start.length; i++) start[i] = (start[i] as number) + (start[i - 1] as number);
  const list = new Int32Array(kept);
  for (let i = 0; i < count; i++) {
    if (keep !== undefined && keep[i] !== 1) continue;
    const p = parent[i] as number;
    const at = (p < 0 ? count : p) + 1;
    list[start[at] as number] = i;
    start[at] = (start[at] as number) + 1;
  }
  return { start: start.subarray(0, count + 2), list };
}

function functionLinesOf(profile: Profile): number[] {
  const lines = profile.functions.startLine.slice();
  profile.frames.func.forEach((f, frame) => {
    lines[f] = displayLine(lines[f] ?? 0, profile.functions.startLine[f] ?? 0, profile.frames.line[frame] ?? 0);
  });
  return lines;
}

/** The profile's own stack table as the forest (one node per stack row: linear in the profile). */
export function weightedStacksFromProfile(profile: Profile, sampleType: number): WeightedStacks {
  const column = profile.samples.values[sampleType];
  if (!column) throw new RangeError(`sample type ${sampleType} is out of range`);
  const { stacks, frames } = profile;
  const count = stacks.frame.length;
  const parent = Int32Array.from(stacks.parent);
  const func = new Int32Array(count);
  for (let s = 0; s < count; s++) func[s] = frames.func[stacks.frame[s] as number] as number;
  const value = new Float64Array(count);
  profile.samples.stack.forEach((stack, i) => (value[stack] = (value[stack] as number) + (column[i] as number)));
  return {
    parent,
    func,
    value,
    // The model has no empty stacks: every sample points at a stack row.
    rootValue: 0,
    functionNames: profile.functions.name.map((s) => profile.strings[s] as string),
    functionFiles: profile.functions.file.map((s) => profile.strings[s] as string),
    functionLines: functionLinesOf(profile),
  };
}
