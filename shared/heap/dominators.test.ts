import { describe, expect, it } from 'vitest';
import { buildSnapshot, graphSnapshot } from '../../test/fixtures/synthetic-heapsnapshot';
import { analyzeHeap } from './analyze';
import { classNameOf } from './classes';
import { computeDominators, UNREACHABLE } from './dominators';
import type { HeapSnapshot } from './model';
import { retainingEdgeMask } from './retaining-edges';
import { buildRetainerIndex } from './reverse-index';
import { shortestPaths } from './shortest-paths';

const NONE = UNREACHABLE;

describe('dominators and retained sizes, by hand', () => {
  it('a diamond, a chain, and a node held only by a weak edge', () => {
    //        ┌→ 1 ┐
    //   0 ───┤    ├→ 3 → 4 ⇢(weak) 5
    //        └→ 2 ┘
    const snapshot = graphSnapshot(
      6,
      [
        [0, 1],
        [0, 2],
        [1, 3],
        [2, 3],
        [3, 4],
        [4, 5, 'weak'],
      ],
      [0, 10, 20, 30, 40, 50],
    );
    const analysis = analyzeHeap(snapshot);
    expect([...analysis.dominator]).toEqual([0, 0, 0, 0, 3, NONE]);
    expect([...analysis.retainedSize]).toEqual([100, 10, 20, 70, 40, 50]);
  });

  it('shortcut edges retain only from the root (a bound function’s shortcuts repeat its internal edges)', () => {
    // 0 → 1 -shortcut→ 3;  0 → 2 → 3: without the shortcut, 2 alone holds 3.
    const snapshot = graphSnapshot(
      4,
      [
        [0, 1, 'element'],
        [0, 2, 'element'],
        [1, 3, 'shortcut'],
        [2, 3],
      ],
      [0, 1, 1, 5],
    );
    expect([...analyzeHeap(snapshot).dominator]).toEqual([0, 0, 0, 2]);
  });

  it('edges into page-owned objects from outside the page do not count (DevTools’ page ownership)', () => {
    // 0 -element→ 1 "(GC roots)" → 2 (handle) → 4; 0 -shortcut→ 3 (global) → 4.
    const edges: [number, number, string?][] = [
      [0, 1, 'element'],
      [1, 2, 'element'],
      [2, 4],
      [0, 3, 'shortcut'],
      [3, 4],
    ];
    const owned = graphSnapshot(5, edges, [0, 0, 8, 16, 100]);
    const analysis = analyzeHeap(owned);
    expect([...analysis.dominator]).toEqual([0, 0, 1, 0, 3]);
    expect(analysis.retainedSize[3]).toBe(116);
    expect(analysis.retainedSize[2]).toBe(8);
    // Without a user root (no root shortcut), both paths count and only the root dominates 4.
    const unowned = graphSnapshot(
      5,
      edges.map(([from, to]) => [from, to, 'element']),
      [0, 0, 8, 16, 100],
    );
    expect([...analyzeHeap(unowned).dominator]).toEqual([0, 0, 1, 0, 0]);
  });

  it('a WeakMap value is retained by its key, not by the table (DevTools’ ephemeron rule)', () => {
    const pair = (n: number): string => `${n} / part of key (Key @31) -> value (Val @61) pair in WeakMap (table @55)`;
    const snapshot = buildSnapshot([
      { type: 'synthetic', name: '', selfSize: 0, edges: [{ type: 'shortcut', name: '1', to: 1 }] },
      {
        type: 'object',
        name: 'global',
        selfSize: 10,
        edges: [
          { type: 'property', name: 'keys', to: 2 },
          { type: 'property', name: 'map', to: 4 },
        ],
      },
      { type: 'object', name: 'Array', selfSize: 10, edges: [{ type: 'element', name: 0, to: 3 }] },
      { type: 'object', name: 'Key', selfSize: 10, id: 31, edges: [{ type: 'internal', name: pair(3), to: 6 }] },
      { type: 'object', name: 'WeakMap', selfSize: 10, edges: [{ type: 'internal', name: 'table', to: 5 }] },
      {
        type: 'array',
        name: '',
        selfSize: 10,
        id: 55,
        edges: [
          { type: 'weak', name: '1', to: 3 },
          { type: 'internal', name: pair(2), to: 6 },
        ],
      },
      { type: 'object', name: 'Val', selfSize: 1000, id: 61 },
    ]);
    const analysis = analyzeHeap(snapshot);
    expect(analysis.dominator[6]).toBe(3);
    expect(analysis.retainedSize[3]).toBe(1010);
    expect(analysis.retainedSize[4]).toBe(20);
  });

  it('a chain 200,000 nodes deep, without recursion', () => {
    const n = 200_000;
    const edges: [number, number][] = [];
    for (let i = 0; i + 1 < n; i++) edges.push([i, i + 1]);
    edges.push([n - 1, 1]); // and a cycle back
    const analysis = analyzeHeap(graphSnapshot(n, edges, [], Array<string>(n).fill('Link')));
    expect(analysis.dominator[n - 1]).toBe(n - 2);
    expect(analysis.dominator[1]).toBe(0);
    expect(analysis.retainedSize[1]).toBe(n - 1);
    expect(analysis.retainedSize[n / 2]).toBe(n / 2);
    // Every Link but the first is under another Link: the class retains what the first one does.
    expect(analysis.classes).toEqual([{ className: 'Link', count: n - 1, shallowSize: n - 1, retainedSize: n - 1 }]);
  });
});

describe('class summary, by hand', () => {
  it('counts a class once where one of its instances dominates another', () => {
    // 0 → 1 Foo → 2 Foo → 3 Bar;  0 → 4 Foo;  0 → 5 Bar → 3;  6 Foo unreachable; 7 Foo of size 0.
    const names = ['', 'Foo', 'Foo', 'Bar', 'Foo', 'Bar', 'Foo', 'Foo'];
    const snapshot = graphSnapshot(
      8,
      [
        [0, 1],
        [1, 2],
        [2, 3],
        [0, 4],
        [0, 5],
        [5, 3],
        [0, 7],
      ],
      [0, 10, 20, 30, 40, 50, 60, 0],
      names,
    );
    const { classes, retainedSize } = analyzeHeap(snapshot);
    expect(retainedSize[1]).toBe(30);
    expect(classes).toEqual([
      // 1 (30, with 2 inside it) + 4 (40) + unreachable 6 (60); 7 has size 0 and is not counted.
      { className: 'Foo', count: 4, shallowSize: 130, retainedSize: 130 },
      { className: 'Bar', count: 2, shallowSize: 80, retainedSize: 80 },
    ]);
  });

  it('names classes as DevTools does', () => {
    const snapshot = graphSnapshot(2, [[0, 1]]);
    const named = (type: string, name: string): string =>
      classNameOf(
        {
          ...snapshot,
          nodeType: new Uint8Array([snapshot.nodeTypeNames.indexOf(type)]),
          strings: ['', name],
          nodeName: new Uint32Array([1]),
        },
        0,
      );
    expect(named('object', 'Subscription')).toBe('Subscription');
    expect(named('native', 'system / JSArrayBufferData')).toBe('system / JSArrayBufferData');
    expect(named('closure', 'onEvent')).toBe('(closure)');
    expect(named('string', 'hello')).toBe('(string)');
    expect(named('concatenated string', 'ab')).toBe('(concatenated string)');
    expect(named('array', '(object elements)')).toBe('(array)');
    expect(named('hidden', 'system / Map')).toBe('(system)');
    expect(named('code', 'foo')).toBe('(compiled code)');
    expect(named('object shape', 'system / Map')).toBe('(object shape)');
  });
});

// ---- Brute force on random graphs -------------------------------------------------------------

const EDGE_TYPES = ['property', 'element', 'internal', 'hidden', 'context', 'weak', 'shortcut'];

function randomGraph(random: () => number): HeapSnapshot {
  const n = 2 + Math.floor(random() * 11);
  const edges: [number, number, string][] = [];
  const m = Math.floor(random() * n * 3);
  for (let k = 0; k < m; k++) {
    const from = Math.floor(random() * n);
    const to = 1 + Math.floor(random() * (n - 1));
    edges.push([from, to, EDGE_TYPES[Math.floor(random() * EDGE_TYPES.length)] as string]);
  }
  const sizes = Array.from({ length: n }, (_, i) => (i === 0 ? 0 : Math.floor(random() * 4)));
  const names = Array.from({ length: n }, (_, i) =>
    i === 0 ? '' : (['A', 'B', 'C'][Math.floor(random() * 3)] as string),
  );
  return graphSnapshot(n, edges, sizes, names);
}

/** The retention rules, restated on plain arrays: weak never, shortcut only from the root, page ownership. */
function bruteRetainingEdges(s: HeapSnapshot): [number, number][] {
  const all: { from: number; to: number; type: string }[] = [];
  for (let from = 0; from < s.nodeType.length; from++) {
    for (let e = s.firstEdge[from] as number; e < (s.firstEdge[from + 1] as number); e++) {
      all.push({ from, to: s.edgeTarget[e] as number, type: s.edgeTypeNames[s.edgeType[e] as number] as string });
    }
  }
  const essential = all.filter((e) => e.type !== 'weak' && (e.type !== 'shortcut' || e.from === 0));
  const userRoots = all.filter((e) => e.from === 0 && e.type === 'shortcut').map((e) => e.to);
  const owned = new Set(userRoots);
  for (let changed = true; changed;) {
    changed = false;
    for (const e of essential) {
      if (owned.has(e.from) && e.to !== 0 && !owned.has(e.to)) {
        owned.add(e.to);
        changed = true;
      }
    }
  }
  return essential.filter((e) => !(e.from !== 0 && owned.has(e.to) && !owned.has(e.from))).map((e) => [e.from, e.to]);
}

function reachable(n: number, edges: [number, number][], removed: number): boolean[] {
  const seen = Array<boolean>(n).fill(false);
  if (removed === 0) return seen;
  seen[0] = true;
  for (let changed = true; changed;) {
    changed = false;
    for (const [from, to] of edges) {
      if (seen[from] && to !== removed && !seen[to]) seen[to] = changed = true;
    }
  }
  return seen;
}

function bfsDistances(n: number, edges: [number, number][]): number[] {
  const distance = Array<number>(n).fill(NONE);
  distance[0] = 0;
  for (let d = 0, changed = true; changed; d++) {
    changed = false;
    for (const [from, to] of edges) {
      if (distance[from] === d && distance[to] === NONE) {
        distance[to] = d + 1;
        changed = true;
      }
    }
  }
  return distance;
}

describe('dominators against brute force', () => {
  it('agree on every node of 1,500 random graphs: dominator, retained size, class rows, distance', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let round = 0; round < 1500; round++) {
      const s = randomGraph(random);
      const n = s.nodeType.length;
      const edges = bruteRetainingEdges(s);
      const live = reachable(n, edges, -1);
      // dominates[v][w]: removing v makes w unreachable (v = w counts: a node dominates itself).
      const dominates = Array.from({ length: n }, (_, v) => {
        const without = reachable(n, edges, v);
        return live.map((isLive, w) => isLive && !without[w]);
      });
      const expectedIdom = live.map((isLive, w) => {
        if (!isLive) return NONE;
        if (w === 0) return 0;
        const strict = dominates.map((row, v) => (row[w] && v !== w ? v : -1)).filter((v) => v >= 0);
        // The immediate dominator is the strict dominator that all the others dominate.
        return strict.find((d) => strict.every((other) => dominates[other]?.[d])) ?? NONE;
      });

      const analysis = analyzeHeap(s);
      const context = `round ${round}`;
      expect([...analysis.dominator], context).toEqual(expectedIdom);

      const size = (v: number): number => s.nodeSelfSize[v] as number;
      const expectedRetained = live.map((isLive, v) =>
        isLive ? dominates[v]?.reduce((sum, d, w) => sum + (d ? size(w) : 0), 0) : size(v),
      );
      expect([...analysis.retainedSize], context).toEqual(expectedRetained);

      const rows = new Map<string, { count: number; shallowSize: number; retainedSize: number }>();
      for (let v = 0; v < n; v++) {
        if (size(v) === 0) continue;
        const name = classNameOf(s, v);
        const row = rows.get(name) ?? { count: 0, shallowSize: 0, retainedSize: 0 };
        row.count++;
        row.shallowSize += size(v);
        const underSameClass = dominates.some(
          (row2, u) => u !== v && row2[v] && size(u) !== 0 && classNameOf(s, u) === name,
        );
        if (!underSameClass) row.retainedSize += expectedRetained[v] as number;
        rows.set(name, row);
      }
      const actualRows = new Map(analysis.classes.map(({ className, ...rest }) => [className, rest]));
      expect(actualRows, context).toEqual(rows);

      const mask = retainingEdgeMask(s);
      expect([...shortestPaths(s, mask).distance], context).toEqual(bfsDistances(n, edges));
      // The mask is the brute-force edge set.
      const masked: [number, number][] = [];
      for (let from = 0; from < n; from++) {
        for (let e = s.firstEdge[from] as number; e < (s.firstEdge[from + 1] as number); e++) {
          if (mask[e]) masked.push([from, s.edgeTarget[e] as number]);
        }
      }
      expect(masked, context).toEqual(edges);
    }
  });

  it('the DFS order puts every dominator before the nodes it dominates', () => {
    let seed = 99;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let round = 0; round < 300; round++) {
      const s = randomGraph(random);
      const { dominator, order } = computeDominators(s, buildRetainerIndex(s), retainingEdgeMask(s));
      const position = new Map([...order].map((node, i) => [node, i]));
      expect(order[0]).toBe(0);
      for (const node of order) {
        if (node !== 0) expect(position.get(dominator[node] as number)).toBeLessThan(position.get(node) as number);
      }
    }
  });
});
