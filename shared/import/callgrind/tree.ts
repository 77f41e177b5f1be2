/**
 * Turns a callgrind call graph into stacks, approximately.
 *
 * Callgrind records each function's self cost and each call edge's
 * inclusive cost, not stacks, and one call graph fits many call trees. Like
 * speedscope's callgrind importer (src/import/callgrind.ts), Kiln assumes that
 * every invocation of a function spends its cost in the same proportions as
 * all its invocations together: a function F reached with cost w keeps
 * w * self(F) / total(F) as self cost and passes w * edge(F→C) / total(F)
 * to each callee C, where total(F) = self(F) + Σ edge(F→C). The roots are
 * the cost of functions beyond what their callers pass them:
 * root(F) = total(F) − Σ edge(P→F), i.e. their invocations without a caller in
 * the file (below main, thread starts). The resulting flame graph may show
 * paths that never ran (speedscope's importer explains why no exact answer
 * exists).
 *
 * Where Kiln departs from a plain expansion, and why:
 * - Recursion is folded: a callee already on the path (F calling F, or a
 *   cycle such as even → odd → even) is not entered again; its share goes to
 *   the other parts in proportion, as if that invocation were the outer one.
 *   Followed literally, recursion decays only geometrically, and interpreters
 *   (whose eval loops recurse through many functions) expand into millions of
 *   nodes. Callgrind itself names deeper levels apart ("fact'2"), which stay
 *   visible. Only callees in the caller's strongly connected component can be
 *   on the path, so only those are looked up.
 * - Costs are integers, split with the largest-remainder method, so each
 *   node's parts add up exactly to what it received.
 * - A path stops when its cost is below 1/100,000 of every event's total
 *   (what the call-tree views fold away anyway), at maxStackDepth frames, or
 *   when 500,000 stack nodes exist (the smaller of that and maxSamples; nodes
 *   are expanded heaviest first, so the budget goes where the cost is). What
 *   such a node received stays with it (past the budget, with its caller).
 * - Files whose edges pass a function more than its own total (hand-written
 *   or merged files) are scaled down by max(total, Σ incoming); the excess is
 *   dropped rather than counted twice.
 * - Finally each function's self cost is settled to exactly the file's
 *   (EmittedSamples.settleSelfCosts): flat views (top functions) and every
 *   event's total are exact; only the distribution over stacks is estimated.
 * Nothing here recurses: the walk uses a heap, the components an explicit stack.
 */
import type { ProfileBuilder } from '../../profile/builder';
import type { CallGraph } from './parse';
import type { ImportLimits } from '../limits';
import { PathSets } from './path-set';

const NODE_BUDGET = 500_000;
// Kiln's call-tree views fold nodes below 1/100,000 of the total into one sliver (ARCHITECTURE.md).
const MIN_FRACTION = 1e-5;

interface Pending {
  func: number;
  /** Cost per event that reached this node. */
  weights: number[];
  parentStack: number;
  /** The caller's function (-1 for a root) and its set of same-component functions on the path. */
  parentFunc: number;
  parentPath: number;
  depth: number;
  /** The largest share of an event's total that reached this node: heavier nodes are expanded first. */
  priority: number;
}

export interface CallTreeCut {
  /** Nodes whose callees were not expanded although they had cost to pass on. */
  nodes: number;
  /** The cost of the first event those nodes kept instead of passing it on (approximate). */
  cost: number;
}

/**
 * Adds the call tree's samples to `builder`, whose frame `frames[f]` stands
 * for graph function f; returns what was cut short (for a comment).
 */
export function addCallTree(
  graph: CallGraph,
  frames: number[],
  builder: ProfileBuilder,
  limits: ImportLimits,
): CallTreeCut {
  const eventCount = graph.events.length;
  const functionCount = graph.functions.length;
  const total = graph.self.map((self) => self.slice());
  const incoming = graph.self.map(() => new Array<number>(eventCount).fill(0));
  graph.calls.forEach((edges, caller) => {
    for (const { callee, cost } of edges) {
      const t = total[caller] as number[];
      const inc = incoming[callee] as number[];
      for (let e = 0; e < eventCount; e++) {
        t[e] = (t[e] as number) + (cost[e] as number);
        inc[e] = (inc[e] as number) + (cost[e] as number);
      }
    }
  });
  const component = stronglyConnectedComponents(graph);

  const eventTotals = new Array<number>(eventCount).fill(0);
  const roots: { func: number; weights: number[] }[] = [];
  for (let f = 0; f < functionCount; f++) {
    const weights = (total[f] as number[]).map((v, e) => Math.max(0, v - ((incoming[f] as number[])[e] as number)));
    if (weights.some((w) => w > 0)) roots.push({ func: f, weights });
    weights.forEach((w, e) => (eventTotals[e] = (eventTotals[e] as number) + w));
  }
  const threshold = eventTotals.map((t) => t * MIN_FRACTION);
  const priorityOf = (weights: number[]): number => {
    let p = 0;
    for (let e = 0; e < eventCount; e++) {
      const t = eventTotals[e] as number;
      if (t > 0) p = Math.max(p, (weights[e] as number) / t);
    }
    return p;
  };

  // Recursion: each node knows which functions of its component are on its
  // path (the run of callers in that component), as a persistent set indexed
  // by the function's position in its component.
  const { position, bits } = componentPositions(component);
  const paths = new PathSets();

  const budget = Math.min(NODE_BUDGET, limits.maxSamples);
  const out = new EmittedSamples(eventCount);
  const cut: CallTreeCut = { nodes: 0, cost: 0 };
  const work = new MaxHeap<Pending>((a, b) => a.priority - b.priority);
  for (const { func, weights } of roots) {
    work.push({
      func,
      weights,
      parentStack: -1,
      parentFunc: -1,
      parentPath: PathSets.EMPTY,
      depth: 1,
      priority: priorityOf(weights),
    });
  }
  let nodes = roots.length;
  for (let node = work.pop(); node !== undefined; node = work.pop()) {
    const f = node.func;
    const stack = builder.internStack(node.parentStack, frames[f] as number);
    const scc = component[f] as number;
    const sccBits = bits[scc] as number;
    let path = PathSets.EMPTY;
    if (sccBits > 0) {
      const inherited = node.parentFunc >= 0 && component[node.parentFunc] === scc ? node.parentPath : PathSets.EMPTY;
      path = paths.add(inherited, position[f] as number, sccBits);
    }
    const selfCost = graph.self[f] as number[];
    const fTotal = total[f] as number[];
    const fIncoming = incoming[f] as number[];
    // What this invocation keeps of what it received: all of it, unless the
    // file's edges claim more for F than F has (then the excess is dropped).
    const kept = node.weights.map((w, e) => {
      const t = fTotal[e] as number;
      const base = Math.max(t, fIncoming[e] as number);
      return base === t ? w : (apportion(w, [t, base - t], base)[0] as number);
    });

    // A callee in F's component is on the path if it is F itself or in F's path set.
    const edges = (graph.calls[f] as CallGraph['calls'][number]).filter(
      (edge) =>
        !(
          component[edge.callee] === scc &&
          (edge.callee === f || (sccBits > 0 && paths.has(path, position[edge.callee] as number, sccBits)))
        ),
    );
    const expand = node.depth < limits.maxStackDepth && edges.length > 0 && isLarge(kept, threshold);
    if (!expand) {
      if (edges.length > 0 && kept.some((w) => w > 0)) {
        cut.nodes++;
        cut.cost += calleeShare(kept[0] as number, selfCost[0] as number, edges, 0);
      }
      out.add(stack, f, kept);
      continue;
    }
    // Split each event's cost between self and the callees not already on the path.
    const self = new Array<number>(eventCount).fill(0);
    const children = edges.map(() => new Array<number>(eventCount).fill(0));
    for (let e = 0; e < eventCount; e++) {
      const shares = [selfCost[e] as number];
      let sum = selfCost[e] as number;
      for (const edge of edges) {
        shares.push(edge.cost[e] as number);
        sum += edge.cost[e] as number;
      }
      const parts = apportion(kept[e] as number, shares, sum);
      self[e] = parts[0] as number;
      for (let i = 0; i < edges.length; i++) (children[i] as number[])[e] = parts[i + 1] as number;
    }
    for (let i = 0; i < edges.length; i++) {
      const weights = children[i] as number[];
      if (!weights.some((w) => w > 0)) continue;
      if (nodes >= budget) {
        // Out of nodes: the callee's share stays with this caller.
        for (let e = 0; e < eventCount; e++) self[e] = (self[e] as number) + (weights[e] as number);
        cut.nodes++;
        cut.cost += weights[0] as number;
        continue;
      }
      nodes++;
      const callee = (edges[i] as (typeof edges)[number]).callee;
      work.push({
        func: callee,
        weights,
        parentStack: stack,
        parentFunc: f,
        parentPath: path,
        depth: node.depth + 1,
        priority: priorityOf(weights),
      });
    }
    out.add(stack, f, self);
  }

  out.settleSelfCosts(graph, (f) => builder.internStack(-1, frames[f] as number));
  out.addTo(builder);
  return cut;
}

/** The part of `weight` that F's callees would have received (for the comment only, so not in integers). */
function calleeShare(weight: number, self: number, edges: CallGraph['calls'][number], event: number): number {
  let passed = 0;
  for (const edge of edges) passed += edge.cost[event] as number;
  return passed + self > 0 ? (weight * passed) / (passed + self) : 0;
}

function isLarge(weights: number[], threshold: number[]): boolean {
  for (let e = 0; e < weights.length; e++) {
    const w = weights[e] as number;
    if (w > 0 && w >= (threshold[e] as number)) return true;
  }
  return false;
}

/**
 * Splits the integer `weight` in proportion to `shares` (which sum to
 * `sum`) into integers that add up to `weight` exactly: floors first, then
 * one more to the largest remainders (the earliest share on ties, so self
 * cost wins over callees).
 */
export function apportion(weight: number, shares: number[], sum: number): number[] {
  const parts = new Array<number>(shares.length).fill(0);
  if (weight === 0) return parts;
  if (!(sum > 0)) {
    parts[0] = weight;
    return parts;
  }
  const ratio = weight / sum;
  const remainders: number[] = [];
  let assigned = 0;
  for (let i = 0; i < shares.length; i++) {
    const exact = (shares[i] as number) * ratio;
    const floor = Math.floor(exact);
    parts[i] = floor;
    assigned += floor;
    remainders.push(exact - floor);
  }
  let left = weight - assigned;
  if (left > 0) {
    const order = remainders
      .map((_, i) => i)
      .sort((a, b) => (remainders[b] as number) - (remainders[a] as number) || a - b);
    for (let k = 0; left > 0 && k < order.length; k++, left--) {
      const i = order[k] as number;
      parts[i] = (parts[i] as number) + 1;
    }
  }
  if (left !== 0) {
    // Floating-point rounding of huge products can leave a unit over or under: settle it on the largest part.
    let largest = 0;
    for (let i = 1; i < parts.length; i++) if ((parts[i] as number) > (parts[largest] as number)) largest = i;
    parts[largest] = (parts[largest] as number) + left;
  }
  return parts;
}

/**
 * Each function's position among the functions of its component, and per
 * component the bits a position needs (0 for a component of one function,
 * whose only recursion is a call to itself).
 */
function componentPositions(component: number[]): { position: number[]; bits: number[] } {
  const sizes: number[] = [];
  const position = component.map((c) => {
    const at = sizes[c] ?? 0;
    sizes[c] = at + 1;
    return at;
  });
  const bits = Array.from(sizes, (size = 0) => (size <= 1 ? 0 : Math.ceil(Math.log2(size))));
  return { position, bits };
}

/**
 * The strongly connected component of each function in the call graph
 * (Tarjan's algorithm with an explicit stack): two functions share one when
 * each can reach the other, i.e. when they can recurse through each other.
 */
export function stronglyConnectedComponents(graph: CallGraph): number[] {
  const n = graph.functions.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const component = new Array<number>(n).fill(-1);
  const onStack = new Uint8Array(n);
  const sccStack: number[] = [];
  let nextIndex = 0;
  let components = 0;
  // Each frame: a function and the position of the next edge to look at.
  const callStack: { f: number; edge: number }[] = [];
  for (let start = 0; start < n; start++) {
    if (index[start] !== -1) continue;
    callStack.push({ f: start, edge: 0 });
    index[start] = low[start] = nextIndex++;
    sccStack.push(start);
    onStack[start] = 1;
    while (callStack.length > 0) {
      const top = callStack[callStack.length - 1] as (typeof callStack)[number];
      const edges = graph.calls[top.f] as CallGraph['calls'][number];
      if (top.edge < edges.length) {
        const callee = (edges[top.edge++] as (typeof edges)[number]).callee;
        if (index[callee] === -1) {
          index[callee] = low[callee] = nextIndex++;
          sccStack.push(callee);
          onStack[callee] = 1;
          callStack.push({ f: callee, edge: 0 });
        } else if (onStack[callee]) {
          low[top.f] = Math.min(low[top.f] as number, index[callee] as number);
        }
        continue;
      }
      callStack.pop();
      const parent = callStack[callStack.length - 1];
      if (parent) low[parent.f] = Math.min(low[parent.f] as number, low[top.f] as number);
      if (low[top.f] === index[top.f]) {
        for (let member = sccStack.pop(); member !== undefined; member = sccStack.pop()) {
          onStack[member] = 0;
          component[member] = components;
          if (member === top.f) break;
        }
        components++;
      }
    }
  }
  return component;
}

/**
 * The samples of the walk, kept aside so that each function's self cost can
 * be settled to exactly what the file says before they go to the builder.
 */
class EmittedSamples {
  readonly stacks: number[] = [];
  readonly funcs: number[] = [];
  readonly values: number[][] = [];

  constructor(private readonly eventCount: number) {}

  add(stack: number, func: number, values: number[]): void {
    if (!values.some((v) => v !== 0)) return;
    this.stacks.push(stack);
    this.funcs.push(func);
    this.values.push(values.slice());
  }

  /**
   * Folded recursion, rounding and nodes cut short move some self cost
   * between functions; this moves it back: a shortfall goes to the function's
   * largest sample (or a new root sample when it has none), an excess comes
   * off its largest samples first. Afterwards every function's self cost per
   * event equals the file's, and so does each event's total.
   */
  settleSelfCosts(graph: CallGraph, rootStack: (func: number) => number): void {
    const samplesOf = new Map<number, number[]>();
    this.funcs.forEach((f, i) => {
      const list = samplesOf.get(f);
      if (list) list.push(i);
      else samplesOf.set(f, [i]);
    });
    graph.self.forEach((self, f) => {
      for (let e = 0; e < this.eventCount; e++) {
        const list = samplesOf.get(f) ?? [];
        let diff = self[e] as number;
        for (const i of list) diff -= this.value(i, e);
        if (diff === 0) continue;
        const byValue = list.slice().sort((a, b) => this.value(b, e) - this.value(a, e));
        if (diff > 0) {
          let target = byValue[0];
          if (target === undefined) {
            target = this.values.length;
            this.stacks.push(rootStack(f));
            this.funcs.push(f);
            this.values.push(new Array<number>(this.eventCount).fill(0));
            samplesOf.set(f, [target]);
          }
          (this.values[target] as number[])[e] = this.value(target, e) + diff;
          continue;
        }
        for (const i of byValue) {
          const take = Math.min(-diff, this.value(i, e));
          (this.values[i] as number[])[e] = this.value(i, e) - take;
          diff += take;
          if (diff === 0) break;
        }
      }
    });
  }

  addTo(builder: ProfileBuilder): void {
    this.values.forEach((values, i) => {
      if (values.some((v) => v !== 0)) builder.addSample(this.stacks[i] as number, values);
    });
  }

  private value(sample: number, event: number): number {
    return (this.values[sample] as number[])[event] as number;
  }
}

/** A binary max-heap: the walk expands the heaviest pending node next. */
class MaxHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  push(item: T): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[parent] as T, item) >= 0) break;
      items[i] = items[parent] as T;
      i = parent;
    }
    items[i] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && this.compare(items[right] as T, items[left] as T) > 0 ? right : left;
      if (this.compare(items[child] as T, last) <= 0) break;
      items[i] = items[child] as T;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
