/**
 * Top functions of one in-memory profile, in `go tool pprof -top` order:
 * self ("flat") descending, then function name ascending, as pprof's
 * FlatNameOrder sorts; then total ("cum") descending and file, so the order
 * is total even for equal names. Self counts samples whose leaf frame is in
 * the function; total counts a sample once however often the function
 * recurses in its stack (functionTotals). Functions are the profile's
 * function rows, so two functions with the same name in different files stay
 * apart (pprof merges by name at its default granularity).
 *
 * Iterative and O(stack nodes + samples).
 */
import type { TopFunctionRow } from '../ipc/contract';
import type { Profile } from '../profile/model';
import { functionTotals } from './function-totals';
import { weightedStacksFromProfile } from './weighted-stacks';

export function topFunctions(profile: Profile, sampleTypeIndex: number, limit: number): TopFunctionRow[] {
  const stacks = weightedStacksFromProfile(profile, sampleTypeIndex);
  const { self, total } = functionTotals(stacks);
  const names = stacks.functionNames;
  const files = stacks.functionFiles;
  const candidates: number[] = [];
  for (let f = 0; f < self.length; f++) if (self[f] !== 0 || total[f] !== 0) candidates.push(f);
  candidates.sort(
    (a, b) =>
      Math.abs(self[b] as number) - Math.abs(self[a] as number) ||
      compare(names[a] ?? '', names[b] ?? '') ||
      Math.abs(total[b] as number) - Math.abs(total[a] as number) ||
      compare(files[a] ?? '', files[b] ?? ''),
  );
  return candidates.slice(0, Math.max(0, limit)).map((f) => ({
    function: names[f] ?? '',
    file: files[f] ?? '',
    self: self[f] as number,
    total: total[f] as number,
  }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
