import { describe, expect, it } from 'vitest';
import type { FlameTree } from '../../../shared/ipc/contract';
import { functionPackages, topPackages } from './packageLegend';

/**
 * root 100 ─ main.main 100 (self 5) ─ net/http.(*conn).serve 60 (self 40) ─ runtime.mallocgc 20 (self 20)
 *                                  └ runtime.mallocgc 35 (self 35)
 */
const tree: FlameTree = {
  functionNames: ['root', 'main.main', 'net/http.(*conn).serve', 'runtime.mallocgc', '(smaller frames)'],
  functionFiles: ['', '/app/main.go', '/usr/lib/go/src/net/http/server.go', '/usr/lib/go/src/runtime/malloc.go', ''],
  functionLines: [0, 10, 1900, 900, 0],
  func: [0, 1, 2, 3, 3],
  parent: [-1, 0, 1, 2, 1],
  depth: [0, 1, 2, 3, 2],
  self: [0, 5, 40, 20, 35],
  total: [100, 100, 60, 20, 35],
  sampleType: { type: 'cpu', unit: 'nanoseconds' },
};

describe('package legend', () => {
  it('finds each function’s package', () => {
    expect(functionPackages(tree)).toEqual(['', 'main', 'net/http', 'runtime', '']);
  });

  it('ranks packages by the sum of their exact self values', () => {
    // Exact self per function (FlameShares.functionSelf), indexed like functionNames.
    const functionSelf = [0, 5, 40, 55];
    expect(topPackages(functionSelf, functionPackages(tree), 10)).toEqual([
      { pkg: 'runtime', self: 55 },
      { pkg: 'net/http', self: 40 },
      { pkg: 'main', self: 5 },
    ]);
    expect(topPackages(functionSelf, functionPackages(tree), 1)).toEqual([{ pkg: 'runtime', self: 55 }]);
  });
});
