/**
 * Several WeightedStacks as one, each scaled by a factor: a selection that
 * reads whole items and windows of timed items is the sum of those reads, and
 * a comparison is "target plus base × −1", as `go tool pprof -diff_base` does.
 *
 * Each input comes with its own function table (the store numbers functions
 * per query), so functions are matched by name and file, as topFunctions
 * tells them apart; a function in several inputs gets one index and the
 * smallest line any of them knows (a Go profile before 1.20 knows only the
 * lines its frames hit, which differ between captures). The forests are laid side by side (parents
 * shifted, so still topological), not merged: every query after this one
 * merges nodes by function anyway, and the result stays linear in the inputs.
 */
import { displayLine, type WeightedStacks } from './weighted-stacks';

export interface ScaledStacks {
  stacks: WeightedStacks;
  /** 1 to add, −1 to subtract (a diff's base). */
  factor: number;
}

export function mergeStacks(inputs: readonly ScaledStacks[]): WeightedStacks {
  const first = inputs[0];
  if (inputs.length === 1 && first !== undefined && first.factor === 1) return first.stacks;
  const names: string[] = [];
  const files: string[] = [];
  const lines: number[] = [];
  const indexOfKey = new Map<string, number>();
  let count = 0;
  for (const { stacks } of inputs) count += stacks.parent.length;
  const parent = new Int32Array(count);
  const func = new Int32Array(count);
  const value = new Float64Array(count);
  let rootValue = 0;
  let at = 0;
  for (const { stacks, factor } of inputs) {
    const remap = stacks.functionNames.map((name, f) => {
      const file = stacks.functionFiles[f] ?? '';
      const line = stacks.functionLines[f] ?? 0;
      const key = `${name}\0${file}`;
      let index = indexOfKey.get(key);
      if (index === undefined) {
        index = names.length;
        indexOfKey.set(key, index);
        names.push(name);
        files.push(file);
        lines.push(line);
      } else if (line > 0) lines[index] = displayLine(lines[index] as number, 0, line);
      return index;
    });
    for (let node = 0; node < stacks.parent.length; node++) {
      const p = stacks.parent[node] as number;
      parent[at + node] = p < 0 ? p : at + p;
      func[at + node] = remap[stacks.func[node] as number] as number;
      value[at + node] = (stacks.value[node] as number) * factor;
    }
    rootValue += stacks.rootValue * factor;
    at += stacks.parent.length;
  }
  return { parent, func, value, rootValue, functionNames: names, functionFiles: files, functionLines: lines };
}
