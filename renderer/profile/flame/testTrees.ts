/**
 * Small flame trees for the unit tests, with every number checkable by hand.
 * (Not a *.test.ts file, so the web type-check covers it too.)
 */
import type { FlameTree } from '../../../shared/ipc/contract';

/**
 * root 10
 * ├─ a 6 (self 1)
 * │  ├─ b 3 (self 3)
 * │  └─ c 2
 * │     └─ a 2 (self 2)   recursion: a again under c
 * └─ d 4 (self 4)
 *
 * Layout (x): root 0, a 0, b 0, c 3, a' 3, d 6.
 */
export function recursiveTree(): FlameTree {
  return {
    functionNames: ['root', 'a', 'b', 'c', 'd'],
    functionFiles: ['', 'a.go', 'b.go', '', 'd.go'],
    functionLines: [0, 10, 20, 0, 40],
    func: [0, 1, 2, 3, 1, 4],
    parent: [-1, 0, 1, 1, 3, 0],
    depth: [0, 1, 2, 2, 3, 1],
    self: [0, 1, 3, 0, 2, 4],
    total: [10, 6, 3, 2, 2, 4],
    sampleType: { type: 'cpu', unit: 'nanoseconds' },
  };
}

/** root 10 with children e 1, f 1, g 1, h 7: e, f and g sit side by side at x 0, 1, 2. */
export function wideTree(): FlameTree {
  return {
    functionNames: ['root', 'e', 'f', 'g', 'h'],
    functionFiles: ['', '', '', '', ''],
    functionLines: [0, 0, 0, 0, 0],
    func: [0, 1, 2, 3, 4],
    parent: [-1, 0, 0, 0, 0],
    depth: [0, 1, 1, 1, 1],
    self: [0, 1, 1, 1, 7],
    total: [10, 1, 1, 1, 7],
    sampleType: { type: 'samples', unit: 'count' },
  };
}
