/**
 * Node's own heap snapshots (corpus generated/node, Node v20.20.2,
 * v8.writeHeapSnapshot from a program that leaks Subscription objects), checked
 * against the counts the corpus MANIFEST records for them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../test/fixtures/load-fixture';
import { looksLikeHeapSnapshot } from '../import/heapsnapshot/detect';
import { importHeapSnapshot } from '../import/heapsnapshot/import';
import { DEFAULT_IMPORT_LIMITS } from '../import/limits';
import { analyzeHeap } from './analyze';
import { classNameOf } from './classes';
import { UNREACHABLE } from './dominators';
import type { HeapAnalysis, HeapSnapshot } from './model';
import { retainerPaths } from './retainers';

const SECOND = join(FIXTURES_DIR, '../../../shared/corpus/generated/node/node-leaky-2-at9s.heapsnapshot.gz');

function load(path: string): { snapshot: HeapSnapshot; analysis: HeapAnalysis; ms: number } {
  const bytes = new Uint8Array(gunzipSync(readFileSync(path)));
  expect(looksLikeHeapSnapshot(bytes.subarray(0, 4096))).toBe(true);
  const start = performance.now();
  const snapshot = importHeapSnapshot(bytes, DEFAULT_IMPORT_LIMITS);
  const analysis = analyzeHeap(snapshot);
  return { snapshot, analysis, ms: performance.now() - start };
}

const rowOf = (analysis: HeapAnalysis, name: string) => analysis.classes.find((row) => row.className === name);

function checkConsistency({ snapshot, analysis }: { snapshot: HeapSnapshot; analysis: HeapAnalysis }): void {
  let reachableSelf = 0;
  let countedSelf = 0;
  for (let node = 0; node < snapshot.nodeType.length; node++) {
    if (analysis.dominator[node] !== UNREACHABLE) reachableSelf += snapshot.nodeSelfSize[node] as number;
    countedSelf += snapshot.nodeSelfSize[node] as number;
  }
  expect(analysis.retainedSize[0]).toBe(reachableSelf);
  expect(analysis.classes.reduce((sum, row) => sum + row.shallowSize, 0)).toBe(countedSelf);
  for (const row of analysis.classes) expect(row.retainedSize).toBeGreaterThanOrEqual(row.shallowSize);
}

describe('node-leaky-1-at3s.heapsnapshot.gz', () => {
  const first = load(join(FIXTURES_DIR, 'heapsnapshot/node-leaky-1-at3s.heapsnapshot.gz'));
  console.log(`node-leaky-1-at3s (6.28 MB): import + analysis ${first.ms.toFixed(0)} ms`);

  it('has the MANIFEST’s node, edge and string counts', () => {
    expect(first.snapshot.nodeType.length).toBe(75_340);
    expect(first.snapshot.edgeType.length).toBe(292_148);
    expect(first.snapshot.strings.length).toBe(24_206);
  });

  it('has the MANIFEST’s counts for Subscription, Object and Array', () => {
    expect(rowOf(first.analysis, 'Subscription')?.count).toBe(2147);
    expect(rowOf(first.analysis, 'Object')?.count).toBe(850);
    expect(rowOf(first.analysis, 'Array')?.count).toBe(436);
  });

  it('retains from the root exactly the reachable heap, and every class at least its own size', () => {
    checkConsistency(first);
  });

  it('finds how the leaked Subscriptions are held: from global, through the registry Map', () => {
    const { snapshot, analysis } = first;
    let heaviest = -1;
    for (let node = 0; node < snapshot.nodeType.length; node++) {
      if (classNameOf(snapshot, node) !== 'Subscription') continue;
      if (heaviest < 0 || (analysis.retainedSize[node] as number) > (analysis.retainedSize[heaviest] as number)) {
        heaviest = node;
      }
    }
    const [path] = retainerPaths(snapshot, analysis, heaviest, { maxPaths: 5, maxDepth: 64 });
    const names = path?.map((step) => step.nodeName) ?? [];
    expect(names[0]).toBe('');
    expect(names[1]).toBe('global');
    expect(names).toContain('Map');
    expect(path?.[path.length - 1]?.nodeIndex).toBe(heaviest);
  });

  it.skipIf(!existsSync(SECOND))('the leaking class retains more at 9 s than at 3 s (corpus node-leaky-2-at9s)', () => {
    const second = load(SECOND);
    console.log(`node-leaky-2-at9s (10.56 MB): import + analysis ${second.ms.toFixed(0)} ms`);
    expect(second.snapshot.nodeType.length).toBe(139_497);
    expect(second.snapshot.edgeType.length).toBe(484_377);
    expect(second.snapshot.strings.length).toBe(28_153);
    expect(rowOf(second.analysis, 'Subscription')?.count).toBe(6455);
    expect(rowOf(second.analysis, 'Object')?.count).toBe(1281);
    expect(rowOf(second.analysis, 'Array')?.count).toBe(867);
    checkConsistency(second);
    const before = rowOf(first.analysis, 'Subscription')?.retainedSize ?? 0;
    const after = rowOf(second.analysis, 'Subscription')?.retainedSize ?? 0;
    console.log(`Subscription retained size: ${before} bytes at 3 s, ${after} bytes at 9 s`);
    expect(after).toBeGreaterThan(before * 2);
  });
  if (!existsSync(SECOND)) console.log(`skipped the second snapshot: ${SECOND} is not present (shared corpus absent)`);
});
