import { describe, expect, it } from 'vitest';
import { buildCallTree } from './call-tree';
import { applyFilters, parseFilters, splitFilters, stackQueryKey, type TransformFilter } from './filters';
import { matchingFunctions } from './function-pattern';
import { stacksFromText, stacksToText } from './stacks-text';
import { totalValue, type WeightedStacks } from './weighted-stacks';

const apply = (lines: string[], ...filters: TransformFilter[]): string[] =>
  stacksToText(applyFilters(stacksFromText(lines), filters));

const totalOf = totalValue;

describe('patterns', () => {
  it('match names case-insensitively, unanchored, and an invalid regex as a substring', () => {
    const names = ['main.handle', 'runtime.mallocgc', 'Foo(bar', 'mainly'];
    expect(Array.from(matchingFunctions(names, 'MAIN\\.'))).toEqual([1, 0, 0, 0]);
    expect(Array.from(matchingFunctions(names, '^runtime\\..*'))).toEqual([0, 1, 0, 0]);
    expect(Array.from(matchingFunctions(names, 'o(b'))).toEqual([0, 0, 1, 0]); // unbalanced "(": substring
    expect(Array.from(matchingFunctions(names, '^main'))).toEqual([1, 0, 0, 1]);
  });
});

describe('applyFilters', () => {
  it('keeps the function tables, and the stacks for no filters', () => {
    const input = stacksFromText(['a;b 1', 'c 2']);
    const out = applyFilters(input, [{ kind: 'invert' }]);
    expect(out.functionNames).toBe(input.functionNames);
    expect(out.functionFiles).toBe(input.functionFiles);
    expect(out.functionLines).toBe(input.functionLines);
    expect(stacksToText(applyFilters(input, []))).toEqual(['a;b 1', 'c 2']);
  });

  it('focus keeps stacks through a match, starting at the outermost match', () => {
    const out = apply(['main;x;f;y;f;z 5', 'main;g;fx;h 3', 'main;other 7', 'f 1'], {
      kind: 'focus',
      pattern: '^fx?$',
    });
    expect(out).toEqual(['f;y;f;z 5', 'fx;h 3', 'f 1']);
  });

  it('focus with several matching functions starts at whichever is outermost', () => {
    expect(apply(['a;g;b;f;c 2', 'a;f;b;g 4'], { kind: 'focus', pattern: '^(f|g)$' })).toEqual([
      'g;b;f;c 2',
      'f;b;g 4',
    ]);
  });

  it('hide removes a root frame, keeping its callees', () => {
    const input = stacksFromText(['main;a;b 5', 'main;c 2', 'main 1']);
    const out = applyFilters(input, [{ kind: 'hide', pattern: '^main$' }]);
    expect(stacksToText(out)).toEqual(['a;b 5', 'c 2', ' 1']);
    expect(totalOf(out)).toBe(totalOf(input));
    // The emptied stack's value stays at the flame tree's root.
    const tree = buildCallTree(out, { type: 'cpu', unit: 'nanoseconds' });
    expect([tree.self[0], tree.total[0]]).toEqual([1, 8]);
  });

  it('hide of a leaf moves its value to the caller, and of middle frames joins callers to callees', () => {
    // Both stacks become main;work: one node of the forest, so one line with their sum.
    expect(apply(['main;work;memmove 4', 'main;work 1'], { kind: 'hide', pattern: 'memmove' })).toEqual([
      'main;work 5',
    ]);
    expect(apply(['main;runtime.x;runtime.y;work 3'], { kind: 'hide', pattern: '^runtime\\.' })).toEqual([
      'main;work 3',
    ]);
  });

  it('drop removes every stack through a match, whole', () => {
    const input = stacksFromText(['main;gc;mark 5', 'main;work 3', 'gc 2', 'main;work;gcAssist 1']);
    const out = applyFilters(input, [{ kind: 'drop', pattern: '^gc$' }]);
    expect(stacksToText(out)).toEqual(['main;work 3', 'main;work;gcAssist 1']);
    expect(totalOf(out)).toBe(4);
  });

  it('collapseRecursion without a pattern merges direct recursion of every function', () => {
    expect(apply(['a;f;f;f;b 5', 'f;f 2', 'a;f;g;f;b 1', 'a;a;g;g;g 3'], { kind: 'collapseRecursion' })).toEqual([
      'a;f;b 5',
      'f 2',
      'a;f;g;f;b 1', // not direct: kept
      'a;g 3',
    ]);
  });

  it('collapseRecursion with a pattern also collapses indirect recursion of the matching functions', () => {
    const filter: TransformFilter = { kind: 'collapseRecursion', pattern: '^f$' };
    expect(apply(['a;f;f;f;b 5', 'a;f;g;f;h;f;b 2', 'a;g;g;f;b 1'], filter)).toEqual([
      'a;f;b 5',
      'a;f;b 2',
      'a;g;g;f;b 1', // g does not match: its recursion stays
    ]);
  });

  it('collapseRecursion with a pattern folds mutual recursion: each matching function once, then its innermost callees', () => {
    const filter: TransformFilter = { kind: 'collapseRecursion', pattern: '^(even|odd)$' };
    expect(
      apply(['main;even;odd;even;odd;leaf 4', 'main;even;odd;even;odd;even;leaf 3', 'main;odd;even;odd 2'], filter),
    ).toEqual(['main;even;odd;leaf 4', 'main;even;leaf 3', 'main;odd 2']);
  });

  it('invert puts each leaf first and keeps values', () => {
    // Lines come in node order: `main` (the first line's root) is node 0.
    expect(apply(['main;a;b 5', 'main 1', 'c;a;b 2'], { kind: 'invert' })).toEqual(['main 1', 'b;a;main 5', 'b;a;c 2']);
  });

  it('hide, collapseRecursion and invert keep the total; focus and drop remove whole stacks', () => {
    const input = stacksFromText(['main;f;f;g 5', 'main;h 3', 'g 2', 'main 1']);
    for (const filter of [
      { kind: 'hide', pattern: '.' },
      { kind: 'collapseRecursion' },
      { kind: 'collapseRecursion', pattern: '.' },
      { kind: 'invert' },
    ] as TransformFilter[])
      expect(totalOf(applyFilters(input, [filter]))).toBe(11);
    expect(totalOf(applyFilters(input, [{ kind: 'focus', pattern: '^g$' }]))).toBe(7);
    expect(totalOf(applyFilters(input, [{ kind: 'drop', pattern: '^g$' }]))).toBe(4);
  });

  it('applies filters in order', () => {
    const lines = ['main;handler;db;query 5', 'main;handler;render 3', 'main;cron;db;query 2'];
    const focusThenDrop = apply(lines, { kind: 'focus', pattern: '^db$' }, { kind: 'drop', pattern: '^main$' });
    const dropThenFocus = apply(lines, { kind: 'drop', pattern: '^main$' }, { kind: 'focus', pattern: '^db$' });
    expect(focusThenDrop).toEqual(['db;query 5', 'db;query 2']); // main was trimmed off before drop looked
    expect(dropThenFocus).toEqual([]);
    // Hiding a frame can create direct recursion for the collapse that follows.
    expect(apply(['a;f;g;f;b 1'], { kind: 'hide', pattern: '^g$' }, { kind: 'collapseRecursion' })).toEqual([
      'a;f;b 1',
    ]);
    expect(apply(['a;f;g;f;b 1'], { kind: 'collapseRecursion' }, { kind: 'hide', pattern: '^g$' })).toEqual([
      'a;f;f;b 1',
    ]);
    // Inverting first makes focus trim from the leaf side.
    expect(apply(['a;f;b;f;c 1'], { kind: 'invert' }, { kind: 'focus', pattern: '^f$' })).toEqual(['f;b;f;a 1']);
  });

  it('runs every filter over a stack 20,000 frames deep without recursion', () => {
    const depth = 20_000;
    const deep = Array.from({ length: depth }, (_, i) => (i % 2 === 0 ? 'even' : 'odd')).join(';');
    const self = Array.from({ length: depth }, () => 'f').join(';');
    const input = stacksFromText([`main;${deep};leaf 7`, `${self} 3`]);
    const run = (...filters: TransformFilter[]): WeightedStacks => applyFilters(input, filters);
    // The length of each stack with a value, in node order.
    const lengths = (stacks: WeightedStacks): number[] => {
      const depth = new Int32Array(stacks.parent.length);
      stacks.parent.forEach((p, i) => (depth[i] = p < 0 ? 1 : (depth[p] as number) + 1));
      return Array.from(depth).filter((_, i) => stacks.value[i] !== 0);
    };

    expect(lengths(run({ kind: 'focus', pattern: '^odd$' }))).toEqual([depth]);
    expect(lengths(run({ kind: 'hide', pattern: '^even$' }))).toEqual([depth / 2 + 2, depth]);
    expect(lengths(run({ kind: 'drop', pattern: '^f$' }))).toEqual([depth + 2]);
    expect(stacksToText(run({ kind: 'collapseRecursion' }))).toEqual([`main;${deep};leaf 7`, 'f 3']);
    expect(stacksToText(run({ kind: 'collapseRecursion', pattern: 'even|odd|^f$' }))).toEqual([
      'main;even;odd;leaf 7',
      'f 3',
    ]);
    const inverted = run({ kind: 'invert' });
    expect(lengths(inverted)).toEqual([depth + 2, depth]);
    expect(inverted.func[0]).toBe(input.functionNames.indexOf('leaf'));
    expect(totalOf(run({ kind: 'invert' }, { kind: 'hide', pattern: 'odd' }, { kind: 'collapseRecursion' }))).toBe(10);
  });
});

describe('splitFilters', () => {
  it('sends label and lines filters to the stack query wherever they are, and keeps the order of the rest', () => {
    const { query, transforms } = splitFilters(
      parseFilters('focus:main;label:worker=1;lines;hide:runtime;label:endpoint=/b;label:endpoint=/a;invert'),
    );
    expect(query).toEqual({
      byLine: true,
      labels: [
        { key: 'endpoint', value: '/a' },
        { key: 'endpoint', value: '/b' },
        { key: 'worker', value: '1' },
      ],
    });
    expect(transforms).toEqual([
      { kind: 'focus', pattern: 'main' },
      { kind: 'hide', pattern: 'runtime' },
      { kind: 'invert' },
    ]);
    expect(splitFilters(parseFilters('hide:x'))).toEqual({ query: {}, transforms: [{ kind: 'hide', pattern: 'x' }] });
  });

  it('gives equal cache keys to equal queries and different ones otherwise', () => {
    const key = (text: string): string => stackQueryKey(splitFilters(parseFilters(text)).query);
    expect(key('label:a=1;label:b=2;lines')).toBe(key('lines;label:b=2;label:a=1;label:a=1;focus:x'));
    const distinct = ['', 'lines', 'label:a=1', 'label:a=1;lines', 'label:a=2', 'label:a=1;label:a=2', 'label:b=1'];
    expect(new Set(distinct.map(key)).size).toBe(distinct.length);
  });

  it('leaves transforms that see the same stacks as without the store filters', () => {
    // The store filters only choose which stacks are read; what follows is the usual transform pipeline.
    const lines = ['main;handler;db;query 5', 'main;runtime.gc 3', 'main;handler;render 2'];
    const { transforms } = splitFilters(parseFilters('label:endpoint=%2Fapi;focus:handler;lines;hide:db'));
    expect(stacksToText(applyFilters(stacksFromText(lines), transforms))).toEqual([
      'handler;query 5',
      'handler;render 2',
    ]);
  });
});
