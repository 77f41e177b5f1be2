/**
 * The per-stack operations behind the call-tree filters. Each reads one stack
 * `funcs[start, end)` (root first), writes the new stack into `out` (never
 * longer than the input stack) and returns its length, or DROP to remove the
 * stack and its value. `mapStacks` runs one over every stack.
 */
import { WeightedStacksBuilder, type WeightedStacks } from './weighted-stacks';

export const DROP = -1;

export type StackTransform = (funcs: Int32Array, start: number, end: number, out: Int32Array) => number;

export function mapStacks(input: WeightedStacks, transform: StackTransform): WeightedStacks {
  const { offsets, funcs, value } = input;
  let longest = 0;
  for (let s = 0; s + 1 < offsets.length; s++)
    longest = Math.max(longest, (offsets[s + 1] as number) - (offsets[s] as number));
  const out = new Int32Array(longest);
  const builder = new WeightedStacksBuilder();
  for (let s = 0; s + 1 < offsets.length; s++) {
    const length = transform(funcs, offsets[s] as number, offsets[s + 1] as number, out);
    if (length !== DROP) builder.add(out.subarray(0, length), value[s] as number);
  }
  return builder.finish(input.functionNames, input.functionFiles, input.functionLines);
}

/** pprof -focus, trimmed as Firefox's "focus on function": the stack from its outermost match down; none: dropped. */
export function focusTransform(matches: Uint8Array): StackTransform {
  return (funcs, start, end, out) => {
    let first = start;
    while (first < end && matches[funcs[first] as number] !== 1) first++;
    if (first === end) return DROP;
    out.set(funcs.subarray(first, end));
    return end - first;
  };
}

/**
 * pprof -hide / Firefox "merge function": matching frames disappear and their
 * callees attach to their caller; a hidden leaf gives its value to its caller.
 * A stack whose frames all match stays, empty, so its value stays in the total
 * (at the root); pprof drops such samples, which would change the total.
 */
export function hideTransform(matches: Uint8Array): StackTransform {
  return (funcs, start, end, out) => {
    let length = 0;
    for (let i = start; i < end; i++) if (matches[funcs[i] as number] !== 1) out[length++] = funcs[i] as number;
    return length;
  };
}

/** pprof -ignore / Firefox "drop samples with this function": a stack with any matching frame goes, value and all. */
export function dropTransform(matches: Uint8Array): StackTransform {
  return (funcs, start, end, out) => {
    for (let i = start; i < end; i++) if (matches[funcs[i] as number] === 1) return DROP;
    out.set(funcs.subarray(start, end));
    return end - start;
  };
}

/**
 * Direct recursion of every function, as Firefox's "collapse direct recursion
 * only" and FlameGraph's stackcollapse-recursive: `a;f;f;f;b` -> `a;f;b`.
 */
export function collapseDirectRecursionTransform(): StackTransform {
  return (funcs, start, end, out) => {
    let length = 0;
    for (let i = start; i < end; i++) {
      const f = funcs[i] as number;
      if (length === 0 || out[length - 1] !== f) out[length++] = f;
    }
    return length;
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
 */
export function collapseRecursionTransform(matches: Uint8Array): StackTransform {
  // 1 + position in `out` of each matching function on the collapsed stack, 0 when absent.
  const positionOf = new Int32Array(matches.length);
  return (funcs, start, end, out) => {
    let length = 0;
    for (let i = start; i < end; i++) {
      const f = funcs[i] as number;
      if (matches[f] !== 1) {
        out[length++] = f;
        continue;
      }
      const position = positionOf[f] as number;
      if (position === 0) {
        out[length++] = f;
        positionOf[f] = length;
        continue;
      }
      // Re-entry: cut back to the outer call, forgetting the matching frames cut.
      for (let j = position; j < length; j++) positionOf[out[j] as number] = 0;
      length = position;
    }
    for (let j = 0; j < length; j++) positionOf[out[j] as number] = 0;
    return length;
  };
}

/** Bottom-up (inverted) tree, as pprof's and speedscope's: each stack leaf first. */
export function invertTransform(): StackTransform {
  return (funcs, start, end, out) => {
    for (let i = start; i < end; i++) out[end - 1 - i] = funcs[i] as number;
    return end - start;
  };
}
