/**
 * mergedForestOfSegments, the forest of several items' stacks: every path is one node (values of the same path
 * summed), however far apart the segments that reach it are, and it holds the same stacks with the same values as
 * forestOfSegments' forest of the same segments.
 */
import { describe, expect, it } from 'vitest';
import { forestOfSegments, mergedForestOfSegments, type FrameForest, type Segments } from './stack-segments';

/** "frame;frame;… value" per node with a value, sorted. */
function stackLines(forest: FrameForest): string[] {
  const pathOf = (n: number): string => {
    const p = forest.parent[n] as number;
    return p < 0 ? String(forest.frame[n]) : `${pathOf(p)};${forest.frame[n]}`;
  };
  const byPath = new Map<string, number>();
  forest.value.forEach((v, n) => {
    if (v !== 0) byPath.set(pathOf(n), (byPath.get(pathOf(n)) ?? 0) + v);
  });
  return [...byPath].map(([path, v]) => `${path} ${v}`).sort();
}

function segmentsOf(nodes: { parent: number; frames: number[] }[]): Segments {
  const offsets = new Int32Array(nodes.length + 1);
  nodes.forEach((node, n) => (offsets[n + 1] = (offsets[n] as number) + node.frames.length));
  return {
    parent: Int32Array.from(nodes.map((node) => node.parent)),
    offsets,
    frames: Int32Array.from(nodes.flatMap((node) => node.frames)),
  };
}

describe('mergedForestOfSegments', () => {
  // Two items' runs: 1;2;3 and 1;2;4 (item A), 1;5 and 1;2;3 again (item B, stored as another node), and a node
  // hanging from node 1 (1;2;4 then 6;7) with no value of its own on node 1 in item B.
  const segments = segmentsOf([
    { parent: -1, frames: [1, 2, 3] },
    { parent: -1, frames: [1, 2, 4] },
    { parent: -1, frames: [1, 5] },
    { parent: -1, frames: [1, 2, 3] },
    { parent: 1, frames: [6, 7] },
  ]);
  const value = Float64Array.from([10, 20, 30, 40, 50]);
  const present = Uint8Array.from([1, 1, 1, 1, 1]);

  it('makes one node per path and sums the values of a path reached twice', () => {
    const forest = mergedForestOfSegments(segments, value, present);
    // Paths: 1, 1;2, 1;2;3, 1;2;4, 1;5, 1;2;4;6, 1;2;4;6;7.
    expect(forest.parent.length).toBe(7);
    expect(stackLines(forest)).toEqual(['1;2;3 50', '1;2;4 20', '1;2;4;6;7 50', '1;5 30']);
    for (let n = 0; n < forest.parent.length; n++) expect(forest.parent[n] as number).toBeLessThan(n);
  });

  it('holds the same stacks as forestOfSegments, in fewer nodes', () => {
    const plain = forestOfSegments(segments, value, present);
    const merged = mergedForestOfSegments(segments, value, present);
    expect(stackLines(merged)).toEqual(stackLines(plain));
    expect(merged.parent.length).toBeLessThan(plain.parent.length);
  });

  it('leaves out nodes without a value that nothing with a value hangs from', () => {
    const forest = mergedForestOfSegments(segments, value, Uint8Array.from([1, 0, 0, 0, 0]));
    expect(stackLines(forest)).toEqual(['1;2;3 10']);
    expect(forest.parent.length).toBe(3);
  });
});
