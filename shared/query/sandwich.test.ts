import { describe, expect, it } from 'vitest';
import { functionTotals } from './function-totals';
import { sandwich } from './sandwich';
import { stacksFromText, stacksToText } from './stacks-text';

describe('sandwich', () => {
  const input = stacksFromText([
    'main;a;f;f;x 5', // direct recursion
    'main;f;g;f;y 3', // indirect recursion
    'main;b;f 2',
    'main;a;z 7', // not through f
  ]);
  const f = input.functionNames.indexOf('f');

  it('callees: from the outermost occurrence down to the leaf', () => {
    expect(stacksToText(sandwich(input, f).callees)).toEqual(['f;f;x 5', 'f;g;f;y 3', 'f 2']);
  });

  it('callers: from the innermost occurrence up to the root, function first', () => {
    expect(stacksToText(sandwich(input, f).callers)).toEqual(['f;f;a;main 5', 'f;g;f;main 3', 'f;b;main 2']);
  });

  it('counts each stack once: both halves total the function cum', () => {
    const { callers, callees } = sandwich(input, f);
    const sum = (v: Float64Array): number => v.reduce((s, x) => s + x, 0);
    expect(sum(callers.value)).toBe(10);
    expect(sum(callees.value)).toBe(10);
    expect(functionTotals(input).total[f]).toBe(10);
    expect(callers.functionNames).toBe(input.functionNames);
  });

  it('is empty for a function on no stack, and handles a 20,000-frame recursion', () => {
    const none = sandwich(input, input.functionNames.length + 3);
    expect(stacksToText(none.callers)).toEqual([]);
    expect(stacksToText(none.callees)).toEqual([]);

    const deep = stacksFromText([`main;${Array.from({ length: 20_000 }, () => 'r').join(';')};leaf 4`]);
    const { callers, callees } = sandwich(deep, deep.functionNames.indexOf('r'));
    expect(callees.func.length).toBe(20_001);
    expect(callers.func.length).toBe(20_001);
    expect(callers.func[20_000]).toBe(deep.functionNames.indexOf('main'));
  });
});
