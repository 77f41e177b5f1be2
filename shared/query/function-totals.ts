/**
 * Per-function self ("flat") and total ("cum") values, as `go tool pprof -top`
 * reports them: flat is the value of samples whose leaf frame is in the
 * function; cum is the value of samples with the function anywhere on the
 * stack, counted once per sample even when the function recurses.
 */
import type { TopFunctionRow } from '../ipc/contract';
import { childLists, type WeightedStacks } from './weighted-stacks';

export interface FunctionTotals {
  self: Float64Array;
  total: Float64Array;
}

/**
 * Flat is each node's value on its function. Cum: a sample's value counts once for every function on its
 * stack. A walk keeps the current path, per function how many times it is on it, and per path entry the
 * value seen below it; when an entry is left, that value goes up to its parent entry and, when the entry
 * is its function's outermost occurrence on the path, to the function's cum. No array as large as the
 * forest is needed unless the depth-first walk is (see walkInNodeOrder). Where stacks share little, the
 * stacks are walked one by one instead (stackByStack).
 */
export function functionTotals(input: WeightedStacks): FunctionTotals {
  const { func, value } = input;
  const functions = input.functionNames.length;
  const self = new Float64Array(functions);
  for (let i = 0; i < func.length; i++) {
    const v = value[i] as number;
    if (v !== 0) self[func[i] as number] = (self[func[i] as number] as number) + v;
  }
  const total = new Float64Array(functions);
  if (stackByStack(input, total)) return { self, total };
  const path = new CumPath(func, value, functions);
  if (walkInNodeOrder(input.parent, path)) return { self, total: path.total };
  const fresh = new CumPath(func, value, functions);
  walkDepthFirst(input.parent, fresh);
  return { self, total: fresh.total };
}

/**
 * Where stacks share little (deep random recursion: deep-go's 9.4M nodes are 9.4M frames as whole stacks),
 * walking up from each node with a value, counting each function once per stack, is the fastest: a tight
 * loop over parents that mostly sit just before their child. It gives up (false) once it has walked twice
 * the nodes, since shared prefixes make it quadratic (a 20,000-deep chain with a sample on each node).
 */
function stackByStack(input: WeightedStacks, total: Float64Array): boolean {
  const { parent, func, value } = input;
  let budget = 2 * parent.length + 1024;
  // seenIn[f] = 1 + the last node whose stack counted f (recursion counts once).
  const seenIn = new Int32Array(input.functionNames.length);
  for (let i = 0; i < parent.length; i++) {
    const v = value[i] as number;
    if (v === 0) continue;
    for (let n = i; n >= 0; n = parent[n] as number) {
      const f = func[n] as number;
      if (seenIn[f] !== i + 1) {
        seenIn[f] = i + 1;
        total[f] = (total[f] as number) + v;
      }
      if (--budget < 0) {
        total.fill(0);
        return false;
      }
    }
  }
  return true;
}

/** The current path of a walk, with what each entry has seen below it. */
class CumPath {
  readonly total: Float64Array;
  private readonly onPath: Int32Array;
  length = 0;
  node = new Int32Array(256);
  private below = new Float64Array(256);
  private outermost = new Uint8Array(256);

  constructor(
    private readonly func: Int32Array,
    private readonly value: Float64Array,
    functions: number,
  ) {
    this.total = new Float64Array(functions);
    this.onPath = new Int32Array(functions);
  }

  /** Puts `node` at the end of the path; `visit`: its first time, so its own value counts. */
  enter(node: number, visit: boolean): void {
    if (this.length === this.node.length) this.grow();
    const f = this.func[node] as number;
    const d = this.length++;
    this.node[d] = node;
    this.below[d] = visit ? (this.value[node] as number) : 0;
    this.outermost[d] = this.onPath[f] === 0 ? 1 : 0;
    this.onPath[f] = (this.onPath[f] as number) + 1;
  }

  leave(): void {
    const d = --this.length;
    const f = this.func[this.node[d] as number] as number;
    const v = this.below[d] as number;
    this.onPath[f] = (this.onPath[f] as number) - 1;
    if (v === 0) return;
    if (this.outermost[d] === 1) this.total[f] = (this.total[f] as number) + v;
    if (d > 0) this.below[d - 1] = (this.below[d - 1] as number) + v;
  }

  /** The path's last node, or -1 when it is empty. */
  last(): number {
    return this.length === 0 ? -1 : (this.node[this.length - 1] as number);
  }

  private grow(): void {
    const size = 2 * this.node.length;
    const node = new Int32Array(size);
    node.set(this.node);
    this.node = node;
    const below = new Float64Array(size);
    below.set(this.below);
    this.below = below;
    const outermost = new Uint8Array(size);
    outermost.set(this.outermost);
    this.outermost = outermost;
  }
}

/**
 * The walk in node order, which reads memory in sequence: forests built stack by stack (a profile's stack
 * table, a trie) mostly extend the path of the node before. A path's nodes increase from root to leaf
 * (parents come first), so reaching node i, the path's nodes after i's parent are left; when the parent is
 * off the path, it and its ancestors are entered again (without their values) down from where they meet
 * it. When that costs more than a few times the nodes (an order far from depth-first), it gives up (false)
 * for the depth-first walk, which is linear in any order.
 */
function walkInNodeOrder(parent: Int32Array, path: CumPath): boolean {
  const count = parent.length;
  let budget = 4 * count + 1024;
  const climbed: number[] = [];
  const leaveAfter = (node: number): void => {
    while (path.length > 0 && path.last() > node) path.leave();
  };
  for (let i = 0; i < count; i++) {
    let q = parent[i] as number;
    leaveAfter(q);
    if (q >= 0 && path.last() !== q) {
      climbed.length = 0;
      for (; q >= 0 && path.last() !== q; q = parent[q] as number) {
        climbed.push(q);
        leaveAfter(parent[q] as number);
      }
      budget -= 2 * climbed.length;
      if (budget < 0) return false;
      for (let k = climbed.length - 1; k >= 0; k--) path.enter(climbed[k] as number, false);
    }
    path.enter(i, true);
  }
  while (path.length > 0) path.leave();
  return true;
}

/** The same walk depth-first over child lists: linear in any node order. */
function walkDepthFirst(parent: Int32Array, path: CumPath): void {
  const count = parent.length;
  const { start, list } = childLists(parent);
  // The next child to visit of each path entry.
  let nextChild = new Int32Array(256);
  for (let r = start[count] as number; r < (start[count + 1] as number); r++) {
    let node = list[r] as number;
    for (;;) {
      path.enter(node, true);
      if (path.length > nextChild.length) {
        const grown = new Int32Array(2 * nextChild.length);
        grown.set(nextChild);
        nextChild = grown;
      }
      nextChild[path.length - 1] = start[node] as number;
      // Leave entries whose children are done, up to one with a child left, which is entered next.
      while (path.length > 0 && nextChild[path.length - 1] === start[path.last() + 1]) path.leave();
      if (path.length === 0) break;
      const k = nextChild[path.length - 1] as number;
      nextChild[path.length - 1] = k + 1;
      node = list[k] as number;
    }
  }
}

/**
 * The top functions, in `go tool pprof -top` order: self ("flat") descending,
 * then name ascending, as pprof's FlatNameOrder sorts; then total ("cum")
 * descending and file, so the order is total even for equal names. Functions
 * with the same name in different files stay apart.
 */
export function topFunctions(input: WeightedStacks, limit: number): TopFunctionRow[] {
  const { self, total } = functionTotals(input);
  const names = input.functionNames;
  const files = input.functionFiles;
  const candidates: number[] = [];
  for (let f = 0; f < self.length; f++) if (self[f] !== 0 || total[f] !== 0) candidates.push(f);
  candidates.sort(
    (a, b) =>
      Math.abs(self[b] as number) - Math.abs(self[a] as number) ||
      compareStrings(names[a] ?? '', names[b] ?? '') ||
      Math.abs(total[b] as number) - Math.abs(total[a] as number) ||
      compareStrings(files[a] ?? '', files[b] ?? ''),
  );
  return candidates.slice(0, Math.max(0, limit)).map((f) => ({
    function: names[f] ?? '',
    file: files[f] ?? '',
    self: self[f] as number,
    total: total[f] as number,
  }));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
