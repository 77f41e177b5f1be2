import { describe, expect, it } from 'vitest';
import { buildCallTree } from './call-tree';
import { functionTotals, topFunctions } from './function-totals';
import { WeightedStacksBuilder, type WeightedStacks } from './weighted-stacks';

/** Builds WeightedStacks from readable lines "a;b;c 5" (root first); "name@line" frames belong to "name". */
function stacksFrom(lines: string[]): WeightedStacks {
  const functionNames: string[] = [];
  const funcIndex = new Map<string, number>();
  const builder = new WeightedStacksBuilder();
  for (const line of lines) {
    const [path, value] = line.split(' ') as [string, string];
    const funcs = path.split(';').map((frame) => {
      const name = frame.split('@')[0] as string;
      if (!funcIndex.has(name)) {
        funcIndex.set(name, functionNames.length);
        functionNames.push(name);
      }
      return funcIndex.get(name) as number;
    });
    builder.add(funcs, Number(value));
  }
  return builder.finish(
    functionNames,
    functionNames.map((n) => `${n}.go`),
    functionNames.map(() => 1),
  );
}

const CPU = { type: 'cpu', unit: 'nanoseconds' };

function describeTree(lines: string[]): string[] {
  const tree = buildCallTree(stacksFrom(lines), CPU);
  return tree.func.map((f, i) => {
    const name = f < 0 ? 'root' : tree.functionNames[f];
    return `${'  '.repeat(tree.depth[i] as number)}${name} self=${tree.self[i]} total=${tree.total[i]}`;
  });
}

describe('buildCallTree', () => {
  it('merges frames of one function, sums totals and orders children by name', () => {
    expect(describeTree(['main;work@10;hash 5', 'main;work@12;hash 2', 'main;alloc 3', 'main 1', 'gc 4'])).toEqual([
      'root self=0 total=15',
      '  gc self=4 total=4',
      '  main self=1 total=11',
      '    alloc self=3 total=3',
      '    work self=0 total=7',
      '      hash self=7 total=7',
    ]);
  });

  it('keeps parent links and pre-order contiguous subtrees', () => {
    const tree = buildCallTree(stacksFrom(['a;b;c 1', 'a;d 2', 'e 3']), CPU);
    const names = tree.func.map((f) => (f < 0 ? 'root' : tree.functionNames[f]));
    expect(names).toEqual(['root', 'a', 'b', 'c', 'd', 'e']);
    expect(tree.parent).toEqual([-1, 0, 1, 2, 1, 0]);
  });

  it('folds children below minFraction into one sliver per parent, keeping totals exact', () => {
    const tree = buildCallTree(stacksFrom(['main;big 90', 'main;tiny1 3', 'main;tiny2 2', 'main;mid 5']), CPU, {
      minFraction: 0.04,
    });
    const rows = tree.func.map((f, i) => [f < 0 ? 'root' : tree.functionNames[f], tree.depth[i], tree.total[i]]);
    expect(rows).toEqual([
      ['root', 0, 100],
      ['main', 1, 100],
      ['big', 2, 90],
      ['mid', 2, 5],
      ['(smaller frames)', 2, 5],
    ]);
    expect(tree.self[4]).toBe(5);
    expect(tree.parent[4]).toBe(1);
  });

  it('handles a stack 20,000 frames deep without recursion', () => {
    const deep = Array.from({ length: 20_000 }, (_, i) => `f${i}`).join(';');
    const tree = buildCallTree(stacksFrom([`${deep} 7`]), CPU);
    expect(tree.func.length).toBe(20_001);
    expect(Math.max(...tree.depth)).toBe(20_000);
    expect(tree.total[20_000]).toBe(7);
    expect(tree.total[0]).toBe(7);
  });
});

describe('functionTotals and topFunctions', () => {
  it('counts flat at the leaf and cum once per sample under recursion', () => {
    const input = stacksFrom(['main;fib;fib;fib 6', 'main;fib;add 2', 'main 1']);
    const { self, total } = functionTotals(input);
    const at = (name: string): [number, number] => {
      const f = input.functionNames.indexOf(name);
      return [self[f] as number, total[f] as number];
    };
    expect(at('main')).toEqual([1, 9]);
    expect(at('fib')).toEqual([6, 8]);
    expect(at('add')).toEqual([2, 2]);
  });

  it('gives the same totals whatever the node order (far from depth-first: the depth-first walk)', () => {
    // Two recursive chains a;b;c;a;b;c… and b;c;a;…, 3,000 deep, a sample on every node: once chain after
    // chain, once interleaved node by node (every node's parent is off the path of the node before).
    const depth = 3000;
    const chains = (interleaved: boolean): WeightedStacks => {
      const builder = new WeightedStacksBuilder();
      const last = [-1, -1];
      const order = interleaved
        ? Array.from({ length: 2 * depth }, (_, k) => [k % 2, k >> 1] as const)
        : Array.from({ length: 2 * depth }, (_, k) => [Math.floor(k / depth), k % depth] as const);
      for (const [chain, d] of order) {
        last[chain] = builder.node(last[chain] as number, (chain + d) % 3);
        builder.addValue(last[chain] as number, 1);
      }
      return builder.finish(['a', 'b', 'c'], ['a.go', 'b.go', 'c.go'], [1, 1, 1]);
    };
    const plain = (t: { self: Float64Array; total: Float64Array }) => [Array.from(t.self), Array.from(t.total)];
    const inOrder = functionTotals(chains(false));
    expect(plain(functionTotals(chains(true)))).toEqual(plain(inOrder));
    // a is on every stack of the first chain and on all but the two shallowest of the second.
    expect(inOrder.total[0]).toBe(depth + depth - 2);
  });

  it('sorts by self, then name, and honours the limit', () => {
    const rows = topFunctions(stacksFrom(['a;b 5', 'a;c 5', 'd 5', 'a 1']), 3);
    expect(rows.map((r) => [r.function, r.self, r.total])).toEqual([
      ['b', 5, 5],
      ['c', 5, 5],
      ['d', 5, 5],
    ]);
    expect(rows[0]?.file).toBe('b.go');
  });
});
