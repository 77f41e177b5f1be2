/**
 * WeightedStacks to and from folded text lines, `a;b;c 5` (root first, then
 * the value), the format of FlameGraph's stackcollapse scripts: a readable
 * form for tests and debugging. Functions are identified by name (file
 * `<name>.go`, line 1); an empty stack prints as ` 5`.
 */
import { WeightedStacksBuilder, type WeightedStacks } from './weighted-stacks';

export function stacksFromText(lines: readonly string[]): WeightedStacks {
  const functionNames: string[] = [];
  const funcIndex = new Map<string, number>();
  const builder = new WeightedStacksBuilder();
  const stack: number[] = [];
  for (const line of lines) {
    const space = line.lastIndexOf(' ');
    const path = line.slice(0, space);
    stack.length = 0;
    for (const name of path === '' ? [] : path.split(';')) {
      let f = funcIndex.get(name);
      if (f === undefined) {
        f = functionNames.length;
        funcIndex.set(name, f);
        functionNames.push(name);
      }
      stack.push(f);
    }
    builder.add(stack, Number(line.slice(space + 1)));
  }
  return builder.finish(
    functionNames,
    functionNames.map((n) => `${n}.go`),
    functionNames.map(() => 1),
  );
}

export function stacksToText(input: WeightedStacks): string[] {
  const { offsets, funcs, value, functionNames } = input;
  const lines: string[] = [];
  for (let s = 0; s + 1 < offsets.length; s++) {
    const names: string[] = [];
    for (let i = offsets[s] as number; i < (offsets[s + 1] as number); i++)
      names.push(functionNames[funcs[i] as number] ?? '?');
    lines.push(`${names.join(';')} ${value[s]}`);
  }
  return lines;
}
