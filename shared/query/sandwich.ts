/**
 * The two halves of speedscope's sandwich view for one function, as stacks
 * ready for `buildCallTree`. Only stacks through the function count, each once
 * with its value, so both halves total the function's "cum" (functionTotals).
 *
 * - callees: each stack from the function's OUTERMOST occurrence to the leaf,
 *   so all its calls merge into one tree rooted at the function (recursive
 *   calls show inside it, not as separate roots).
 * - callers: each stack from the root to the function's INNERMOST occurrence,
 *   reversed: the function first, then its immediate caller, and so on up to
 *   the root, so the first level below it lists who calls it directly.
 */
import { ROOT_NODE, WeightedStacksBuilder, type WeightedStacks } from './weighted-stacks';

export interface Sandwich {
  callers: WeightedStacks;
  callees: WeightedStacks;
}

/**
 * Callees in one pass over the nodes: below an outermost occurrence every node is copied. Callers: the
 * nodes with a value are summed on their innermost occurrence (the nearest one at or above them), and each
 * innermost occurrence with a value walks up to its root once, sharing prefixes through the builder's trie.
 */
export function sandwich(input: WeightedStacks, functionIndex: number): Sandwich {
  const { parent, func, value } = input;
  const count = parent.length;
  const callees = new WeightedStacksBuilder();
  const calleeOf = new Int32Array(count);
  // The nearest occurrence at or above each node, ROOT_NODE for none.
  const innermost = new Int32Array(count);
  const callerValue = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const p = parent[i] as number;
    const f = func[i] as number;
    const above = p < 0 ? ROOT_NODE : (calleeOf[p] as number);
    if (above !== ROOT_NODE) calleeOf[i] = callees.node(above, f);
    else calleeOf[i] = f === functionIndex ? callees.node(ROOT_NODE, f) : ROOT_NODE;
    innermost[i] = f === functionIndex ? i : p < 0 ? ROOT_NODE : (innermost[p] as number);
    const v = value[i] as number;
    if (v === 0 || innermost[i] === ROOT_NODE) continue;
    callees.addValue(calleeOf[i] as number, v);
    callerValue[innermost[i] as number] = (callerValue[innermost[i] as number] as number) + v;
  }
  const callers = new WeightedStacksBuilder();
  for (let i = 0; i < count; i++) {
    const v = callerValue[i] as number;
    if (v === 0) continue;
    let out = ROOT_NODE;
    for (let n = i; n >= 0; n = parent[n] as number) out = callers.child(out, func[n] as number);
    callers.addValue(out, v);
  }
  return {
    callers: callers.finish(input.functionNames, input.functionFiles, input.functionLines),
    callees: callees.finish(input.functionNames, input.functionFiles, input.functionLines),
  };
}
