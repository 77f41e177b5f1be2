/**
 * The operations behind the call-tree filters, on the prefix forest. Each one
 * maps every input node's stack to an output node (or to the empty stack, or
 * drops it) in one pass over the nodes, parents first, so it is linear in the
 * forest: a node's result follows from its parent's and its own function.
 * `collapseRecursionTransform` needs the path above a node, so it walks the
 * forest depth-first with an explicit stack. Only `invertTransform` walks
 * each stack whole: its output is inherently the size of the inverted stacks.
 *
 * Each transform builds new nodes with `node()` (one per input node at most),
 * so two input stacks that become equal may end on two output nodes: every
 * query after this merges by function anyway.
 */
import { childLists, ROOT_NODE, WeightedStacksBuilder, type WeightedStacks } from './weighted-stacks';

/** The stack was removed with its value (focus without a match, drop with one). */
export const DROPPED = -2;

export interface MappedStacks {
  stacks: WeightedStacks;
  /**
   * Per input node: the output node its stack became, ROOT_NODE (-1) when it became the empty stack, or
   * DROPPED. For `invert`, only nodes with a value are mapped (the others are DROPPED): a node without
   * samples has no stack of its own to invert.
   */
  nodeOf: Int32Array;
  /** What the empty stack became: ROOT_NODE, or DROPPED. */
  emptyTo: number;
}

export type StackTransform = (input: WeightedStacks) => MappedStacks;

/** Moves each input node's value (and the empty stack's) to where its stack went. */
function finish(
  input: WeightedStacks,
  builder: WeightedStacksBuilder,
  nodeOf: Int32Array,
  emptyTo: number,
): MappedStacks {
  const { value } = input;
  for (let i = 0; i < value.length; i++) {
    const v = value[i] as number;
    if (v !== 0 && nodeOf[i] !== DROPPED) builder.addValue(nodeOf[i] as number, v);
  }
  if (emptyTo !== DROPPED && input.rootValue !== 0) builder.addValue(emptyTo, input.rootValue);
  return { stacks: builder.finish(input.functionNames, input.functionFiles, input.functionLines), nodeOf, emptyTo };
}

/** Where the parent of node i went (the empty stack for a root). */
function parentOut(input: WeightedStacks, nodeOf: Int32Array, i: number, rootOut: number): number {
  const p = input.parent[i] as number;
  return p < 0 ? rootOut : (nodeOf[p] as number);
}

/** pprof -focus, trimmed as Firefox's "focus on function": the stack from its outermost match down; none: dropped. */
export function focusTransform(matches: Uint8Array): StackTransform {
  return (input) => {
    const builder = new WeightedStacksBuilder();
    const nodeOf = new Int32Array(input.parent.length);
    input.func.forEach((f, i) => {
      const above = parentOut(input, nodeOf, i, DROPPED);
      if (above !== DROPPED) nodeOf[i] = builder.node(above, f);
      else nodeOf[i] = matches[f] === 1 ? builder.node(ROOT_NODE, f) : DROPPED;
    });
    return finish(input, builder, nodeOf, DROPPED);
  };
}

/**
 * pprof -hide / Firefox "merge function": matching frames disappear and their
 * callees attach to their caller; a hidden leaf gives its value to its caller.
 * A stack whose frames all match stays, empty, so its value stays in the total
 * (at the root); pprof drops such samples, which would change the total.
 */
export function hideTransform(matches: Uint8Array): StackTransform {
  return (input) => {
    const builder = new WeightedStacksBuilder();
    const nodeOf = new Int32Array(input.parent.length);
    input.func.forEach((f, i) => {
      const above = parentOut(input, nodeOf, i, ROOT_NODE);
      nodeOf[i] = matches[f] === 1 ? above : builder.node(above, f);
    });
    return finish(input, builder, nodeOf, ROOT_NODE);
  };
}

/** pprof -ignore / Firefox "drop samples with this function": a stack with any matching frame goes, value and all. */
export function dropTransform(matches: Uint8Array): StackTransform {
  return (input) => {
    const builder = new WeightedStacksBuilder();
    const nodeOf = new Int32Array(input.parent.length);
    input.func.forEach((f, i) => {
      const above = parentOut(input, nodeOf, i, ROOT_NODE);
      nodeOf[i] = above === DROPPED || matches[f] === 1 ? DROPPED : builder.node(above, f);
    });
    return finish(input, builder, nodeOf, ROOT_NODE);
  };
}

/**
 * Direct recursion of every function, as Firefox's "collapse direct recursion
 * only" and FlameGraph's stackcollapse-recursive: `a;f;f;f;b` -> `a;f;b`.
 */
export function collapseDirectRecursionTransform(): StackTransform {
  return (input) => {
    const builder = new WeightedStacksBuilder();
    const nodeOf = new Int32Array(input.parent.length);
    input.func.forEach((f, i) => {
      const above = parentOut(input, nodeOf, i, ROOT_NODE);
      nodeOf[i] = above !== ROOT_NODE && builder.funcOf(above) === f ? above : builder.node(above, f);
    });
    return finish(input, builder, nodeOf, ROOT_NODE);
  };
}

/**
 * Recursion of the matching functions, direct or through other frames, as
 * Firefox's "collapse recursion": when a matching function is called again
 * while already on the (collapsed) stack, the frames after its outer call up
 * to and including the inner call are removed, so `a;f;g;f;b` -> `a;f;b`.
 * So each matching function appears at most once, at its outermost call,
 * followed by what followed its innermost call. Mutual recursion of matching
 * functions folds the same way: with `even|odd`, `even;odd;even;odd;x` ->
 * `even;odd;x` (x called from odd) and `even;odd;even;x` -> `even;x`.
 *
 * Depth-first over the input, it keeps the current output path by depth and,
 * per matching function, the output node it last pushed; that node is on the
 * current path exactly when the path holds it at its depth. A re-entry jumps
 * back to that node without touching either array; each push records what it
 * overwrote and restores it when the walk leaves the node, so every input
 * node costs O(1).
 */
export function collapseRecursionTransform(matches: Uint8Array): StackTransform {
  return (input) => {
    const { parent, func } = input;
    const count = parent.length;
    const builder = new WeightedStacksBuilder();
    const nodeOf = new Int32Array(count);
    // Output nodes: at most one per input node.
    const outDepth = new Int32Array(count);
    const pathAt = new Int32Array(count + 1).fill(ROOT_NODE);
    const lastPushed = new Int32Array(matches.length).fill(ROOT_NODE);
    const savedPath = new Int32Array(count);
    const savedLast = new Int32Array(count);
    const pushed = new Uint8Array(count);
    const { start, list } = childLists(parent);
    const leave = (i: number): void => {
      if (pushed[i] !== 1) return;
      pathAt[outDepth[nodeOf[i] as number] as number] = savedPath[i] as number;
      if (matches[func[i] as number] === 1) lastPushed[func[i] as number] = savedLast[i] as number;
    };
    // Depth-first with the input path in typed arrays: each path node and the next of its children to visit.
    const pathNode = new Int32Array(count);
    const nextChild = new Int32Array(count);
    for (let r = start[count] as number; r < (start[count + 1] as number); r++) {
      let depth = 0;
      let i = list[r] as number;
      for (;;) {
        // Enter input node i.
        const f = func[i] as number;
        const above = parentOut(input, nodeOf, i, ROOT_NODE);
        const aboveDepth = above === ROOT_NODE ? 0 : (outDepth[above] as number);
        const outer = matches[f] === 1 ? (lastPushed[f] as number) : ROOT_NODE;
        if (
          outer !== ROOT_NODE &&
          (outDepth[outer] as number) <= aboveDepth &&
          pathAt[outDepth[outer] as number] === outer
        ) {
          nodeOf[i] = outer; // re-entry: back to the outer call
        } else {
          const node = builder.node(above, f);
          nodeOf[i] = node;
          outDepth[node] = aboveDepth + 1;
          savedPath[i] = pathAt[aboveDepth + 1] as number;
          pathAt[aboveDepth + 1] = node;
          if (matches[f] === 1) {
            savedLast[i] = lastPushed[f] as number;
            lastPushed[f] = node;
          }
          pushed[i] = 1;
        }
        pathNode[depth] = i;
        nextChild[depth] = start[i] as number;
        depth++;
        // Leave nodes whose children are done, up to one with a child left, which is entered next.
        while (depth > 0 && (nextChild[depth - 1] as number) === (start[(pathNode[depth - 1] as number) + 1] as number))
          leave(pathNode[--depth] as number);
        if (depth === 0) break;
        i = list[nextChild[depth - 1] as number] as number;
        nextChild[depth - 1] = (nextChild[depth - 1] as number) + 1;
      }
    }
    return finish(input, builder, nodeOf, ROOT_NODE);
  };
}

/**
 * Bottom-up (inverted) tree, as pprof's and speedscope's: each stack leaf first. Every node with a value
 * walks up to its root, sharing prefixes in the output through the builder's trie.
 */
export function invertTransform(): StackTransform {
  return (input) => {
    const { parent, func, value } = input;
    const builder = new WeightedStacksBuilder();
    const nodeOf = new Int32Array(parent.length).fill(DROPPED);
    for (let i = 0; i < parent.length; i++) {
      if (value[i] === 0) continue;
      let out = ROOT_NODE;
      for (let n = i; n >= 0; n = parent[n] as number) out = builder.child(out, func[n] as number);
      nodeOf[i] = out;
    }
    return finish(input, builder, nodeOf, ROOT_NODE);
  };
}
