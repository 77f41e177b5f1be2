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

/**
 * A node's subtree value is what flows through it; it adds to its function's
 * cum only when no ancestor has the same function, so recursion is counted once.
 */
export function functionTotals(input: WeightedStacks): FunctionTotals {
  const rows = input.parent.length;
  const functions = input.functionNames.length;
  const self = new Float64Array(functions);
  const total = new Float64Array(functions);

  // subtree[row]: the value of every sample passing through row.
  const outermost = new Uint8Array(rows);
  const subtree = Float64Array.from(input.self);
  for (let row = rows - 1; row >= 0; row--) {
    const parent = input.parent[row] as number;
    if (parent >= 0) subtree[parent] = (subtree[parent] as number) + (subtree[row] as number);
  }
  markOutermostOccurrences(input, outermost);

  for (let row = 0; row < rows; row++) {
    const func = input.func[row] as number;
    self[func] = (self[func] as number) + (input.self[row] as number);
    if (outermost[row] === 1) total[func] = (total[func] as number) + (subtree[row] as number);
  }
  return { self, total };
}

/**
 * Sets outermost[row] = 1 when no proper ancestor of `row` has the same
 * function. Uses depth-first order rebuilt from the parent array with an
 * explicit stack and a per-function count of occurrences on the current path.
 */
function markOutermostOccurrences(input: WeightedStacks, outermost: Uint8Array): void {
  const rows = input.parent.length;
  const firstChild = new Int32Array(rows).fill(-1);
  const nextSibling = new Int32Array(rows).fill(-1);
  const roots: number[] = [];
  for (let row = rows - 1; row >= 0; row--) {
    const parent = input.parent[row] as number;
    if (parent < 0) {
      roots.push(row);
    } else {
      nextSibling[row] = firstChild[parent] as number;
      firstChild[parent] = row;
    }
  }
  const onPath = new Int32Array(input.functionNames.length);
  // Each entry is a row; a negative entry (~row) means "leaving row".
  const pending: number[] = roots;
  while (pending.length > 0) {
    const entry = pending.pop() as number;
    if (entry < 0) {
      const row = ~entry;
      const func = input.func[row] as number;
      onPath[func] = (onPath[func] as number) - 1;
      continue;
    }
    const func = input.func[entry] as number;
    if (onPath[func] === 0) outermost[entry] = 1;
    onPath[func] = (onPath[func] as number) + 1;
    pending.push(~entry);
    for (let child = firstChild[entry] as number; child >= 0; child = nextSibling[child] as number) pending.push(child);
  }
}

/** The top functions by self value (ties by total, then name), as `kiln top` and the top table show them. */
export function topFunctions(input: WeightedStacks, limit: number): TopFunctionRow[] {
  const { self, total } = functionTotals(input);
  const candidates: number[] = [];
  for (let f = 0; f < self.length; f++) if ((total[f] as number) !== 0 || (self[f] as number) !== 0) candidates.push(f);
  candidates.sort(
    (a, b) =>
      (self[b] as number) - (self[a] as number) ||
      (total[b] as number) - (total[a] as number) ||
      compareStrings(input.functionNames[a] ?? '', input.functionNames[b] ?? ''),
  );
  return candidates.slice(0, limit).map((f) => ({
    function: input.functionNames[f] ?? '',
    file: input.functionFiles[f] ?? '',
    self: self[f] as number,
    total: total[f] as number,
  }));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
