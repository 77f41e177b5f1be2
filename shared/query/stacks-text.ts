/**
 * WeightedStacks to and from folded text lines, `a;b;c 5` (root first, then
 * the value), the format of FlameGraph's stackcollapse scripts: a readable
 * form for tests and debugging. Functions are identified by name (file
 * `<name>.go`, line 1); an empty stack prints as ` 5`. Lines with the same
 * stack are one node, so they print as one line with their sum.
 */
import { WeightedStacksBuilder, type WeightedStacks } from './weighted-stacks';

export function stacksFromText(lines: readonly string[]): WeightedStacks {
  return stacksAndNodesFromText(lines).stacks;
}

/** stacksFromText, and the node each line's stack ends at (-1 for an empty stack): a timeline's samples. */
export function stacksAndNodesFromText(lines: readonly string[]): { stacks: WeightedStacks; nodes: Int32Array } {
  const functionNames: string[] = [];
  const funcIndex = new Map<string, number>();
  const builder = new WeightedStacksBuilder();
  const nodes = new Int32Array(lines.length);
  const stack: number[] = [];
  lines.forEach((line, k) => {
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
    nodes[k] = builder.add(stack, Number(line.slice(space + 1)));
  });
  const stacks = builder.finish(
    functionNames,
    functionNames.map((n) => `${n}.go`),
    functionNames.map(() => 1),
  );
  return { stacks, nodes };
}

/** One line per node with a value, in node order, then the empty stack's line when it has a value. */
export function stacksToText(input: WeightedStacks): string[] {
  const { parent, func, value, functionNames } = input;
  const lines: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    if (value[i] === 0) continue;
    names.length = 0;
    for (let n = i; n >= 0; n = parent[n] as number) names.push(functionNames[func[n] as number] ?? '?');
    lines.push(`${names.reverse().join(';')} ${value[i]}`);
  }
  if (input.rootValue !== 0) lines.push(` ${input.rootValue}`);
  return lines;
}
