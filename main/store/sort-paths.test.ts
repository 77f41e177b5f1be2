/** The cache's sort of whole paths (sort-paths.ts) against a plain comparison sort, with the shared prefixes. */
import { describe, expect, it } from 'vitest';
import { sortPaths } from './sort-paths';

describe('sortPaths', () => {
  it('orders paths as a comparison of their frames does, prefixes first, also under long shared prefixes', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const paths: number[][] = [];
    const prefix = Array.from({ length: 300 }, (_, i) => i + 1);
    for (let p = 0; p < 3000; p++) {
      const shared = prefix.slice(0, random(301));
      const tail = Array.from({ length: random(6) }, () => 1 + random(4));
      paths.push([...shared, ...tail]);
    }
    paths.push([], [5], [5], [1, 2]);
    const start = [0];
    for (const path of paths) start.push((start.at(-1) as number) + path.length);
    const frames = Int32Array.from(paths.flat());
    const order = Int32Array.from(paths, (_, i) => i);
    const common = new Int32Array(order.length);
    sortPaths(order, Int32Array.from(start), frames, common);
    const compare = (a: number[], b: number[]) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++)
        if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
      return a.length - b.length;
    };
    const expected = [...paths].sort(compare).map((p) => p.join(','));
    expect(Array.from(order, (i) => (paths[i] as number[]).join(','))).toEqual(expected);
    const sorted = Array.from(order, (i) => paths[i] as number[]);
    const prefixWithPrevious = sorted.map((path, k) => {
      const before = k > 0 ? (sorted[k - 1] as number[]) : [];
      let n = 0;
      while (n < Math.min(path.length, before.length) && path[n] === before[n]) n++;
      return n;
    });
    expect(Array.from(common)).toEqual(prefixWithPrevious);
  });
});
