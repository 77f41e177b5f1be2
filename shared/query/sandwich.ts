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
import { WeightedStacksBuilder, type WeightedStacks } from './weighted-stacks';

export interface Sandwich {
  callers: WeightedStacks;
  callees: WeightedStacks;
}

export function sandwich(input: WeightedStacks, functionIndex: number): Sandwich {
  const { offsets, funcs, value } = input;
  const callers = new WeightedStacksBuilder();
  const callees = new WeightedStacksBuilder();
  const reversed: number[] = [];
  for (let s = 0; s + 1 < offsets.length; s++) {
    const start = offsets[s] as number;
    const end = offsets[s + 1] as number;
    let outermost = start;
    while (outermost < end && funcs[outermost] !== functionIndex) outermost++;
    if (outermost === end) continue;
    let innermost = end - 1;
    while (funcs[innermost] !== functionIndex) innermost--;
    callees.add(funcs.subarray(outermost, end), value[s] as number);
    reversed.length = 0;
    for (let i = innermost; i >= start; i--) reversed.push(funcs[i] as number);
    callers.add(reversed, value[s] as number);
  }
  return {
    callers: callers.finish(input.functionNames, input.functionFiles, input.functionLines),
    callees: callees.finish(input.functionNames, input.functionFiles, input.functionLines),
  };
}
