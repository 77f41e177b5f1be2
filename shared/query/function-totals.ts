/**
 * Per-function self ("flat") and total ("cum") values, as `go tool pprof -top`
 * reports them: flat is the value of samples whose leaf frame is in the
 * function; cum is the value of samples with the function anywhere on the
 * stack, counted once per sample even when the function recurses.
 */
import type { TopFunctionRow } from '../ipc/contract';
import type { WeightedStacks } from './weighted-stacks';

export interface FunctionTotals {
  self: Float64Array;
  total: Float64Array;
}

export function functionTotals(input: WeightedStacks): FunctionTotals {
  const { offsets, funcs, value } = input;
  const functions = input.functionNames.length;
  const self = new Float64Array(functions);
  const total = new Float64Array(functions);
  // seenIn[f] = 1 + the last stack that already counted f (recursion counts once).
  const seenIn = new Int32Array(functions);
  for (let s = 0; s < offsets.length - 1; s++) {
    const v = value[s] as number;
    const start = offsets[s] as number;
    const end = offsets[s + 1] as number;
    if (v === 0 || end === start) continue;
    self[funcs[end - 1] as number] = (self[funcs[end - 1] as number] as number) + v;
    for (let i = start; i < end; i++) {
      const f = funcs[i] as number;
      if (seenIn[f] !== s + 1) {
        seenIn[f] = s + 1;
        total[f] = (total[f] as number) + v;
      }
    }
  }
  return { self, total };
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
