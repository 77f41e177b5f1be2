/**
 * Snapshots of a heap whose contents are known, written by Node itself
 * (test/producers/heapsnapshot/leaky-things.mjs): exactly 1000 LeakyThing
 * objects, each with its own 1024-character string, all held by one array on
 * the global object. One snapshot is committed (made with Node v20.20.2); a
 * second is made fresh by the Node running the tests, as a check on a snapshot
 * nobody has seen before. A third producer (weakmap-values.mjs) keeps values
 * only in a WeakMap.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../test/fixtures/load-fixture';
import { importHeapSnapshot } from '../import/heapsnapshot/import';
import { DEFAULT_IMPORT_LIMITS } from '../import/limits';
import { analyzeHeap } from './analyze';
import { classNameOf } from './classes';
import { edgeName } from './edge-names';
import type { HeapAnalysis, HeapSnapshot } from './model';
import { retainerPaths } from './retainers';

const COUNT = 1000;
const PAYLOAD = 1024;
const PRODUCERS = join(FIXTURES_DIR, '../producers/heapsnapshot');

/** Runs a producer with the Node running the tests; returns the snapshot it wrote. */
function produce(script: string, dir: string, args: number[]): HeapSnapshot {
  const file = execFileSync(process.execPath, [join(PRODUCERS, script), dir, ...args.map(String)], {
    encoding: 'utf8',
  }).trim();
  return importHeapSnapshot(new Uint8Array(readFileSync(file)), DEFAULT_IMPORT_LIMITS);
}

/** The global object: the target of the root's shortcut edge (V8 marks user globals so). */
function globalObject(snapshot: HeapSnapshot): number {
  const shortcut = snapshot.edgeTypeNames.indexOf('shortcut');
  for (let e = snapshot.firstEdge[0] as number; e < (snapshot.firstEdge[1] as number); e++) {
    if (snapshot.edgeType[e] === shortcut) return snapshot.edgeTarget[e] as number;
  }
  throw new Error('no user global in the snapshot');
}

function property(snapshot: HeapSnapshot, node: number, name: string): number {
  const property = snapshot.edgeTypeNames.indexOf('property');
  for (let e = snapshot.firstEdge[node] as number; e < (snapshot.firstEdge[node + 1] as number); e++) {
    if (snapshot.edgeType[e] === property && edgeName(snapshot, e) === name) return snapshot.edgeTarget[e] as number;
  }
  throw new Error(`no property ${name}`);
}

function checkKnownHeap(snapshot: HeapSnapshot, analysis: HeapAnalysis): void {
  const row = analysis.classes.find((r) => r.className === 'LeakyThing');
  expect(row?.count).toBe(COUNT);
  // Each instance retains its string: the class retains at least COUNT payloads.
  expect(row?.retainedSize).toBeGreaterThanOrEqual(COUNT * PAYLOAD);

  const array = property(snapshot, globalObject(snapshot), 'leakyThings');
  expect(snapshot.strings[snapshot.nodeName[array] as number]).toBe('Array');
  expect(analysis.retainedSize[array]).toBeGreaterThanOrEqual(COUNT * PAYLOAD);
  // The array alone holds the instances: it is their immediate dominator.
  let thing = -1;
  for (let e = snapshot.firstEdge[array] as number; e < (snapshot.firstEdge[array + 1] as number); e++) {
    const target = snapshot.edgeTarget[e] as number;
    if (classNameOf(snapshot, target) === 'LeakyThing') thing = target;
  }
  expect(analysis.dominator[thing]).toBe(array);
  const [path] = retainerPaths(snapshot, analysis, thing, { maxPaths: 1, maxDepth: 64 });
  expect(path?.map((step) => step.nodeName).slice(0, 3)).toEqual(['', 'global', 'Array']);
  expect(path?.[2]?.edgeName).toBe('leakyThings');
}

describe('a snapshot of a known heap', () => {
  it('committed fixture (Node v20.20.2): 1000 LeakyThing, the global array retains 1000 payloads', () => {
    const bytes = gunzipSync(readFileSync(join(FIXTURES_DIR, 'heapsnapshot/leaky-things-1000x1024.heapsnapshot.gz')));
    const snapshot = importHeapSnapshot(new Uint8Array(bytes), DEFAULT_IMPORT_LIMITS);
    checkKnownHeap(snapshot, analyzeHeap(snapshot));
  });

  const dir = mkdtempSync(join(tmpdir(), 'kiln-heapsnapshot-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`fresh from this Node (${process.version})`, () => {
    const snapshot = produce('leaky-things.mjs', dir, [COUNT, PAYLOAD]);
    checkKnownHeap(snapshot, analyzeHeap(snapshot));
  });

  it(`WeakMap values count as retained by their keys (fresh from ${process.version})`, () => {
    const snapshot = produce('weakmap-values.mjs', dir, [100, 4096]);
    const analysis = analyzeHeap(snapshot);
    const values = analysis.classes.find((row) => row.className === 'WeakValue');
    const keys = analysis.classes.find((row) => row.className === 'WeakKey');
    expect(values?.count).toBe(100);
    expect(keys?.count).toBe(100);
    expect(keys?.retainedSize).toBeGreaterThanOrEqual(100 * 4096);
    for (let node = 0; node < snapshot.nodeType.length; node++) {
      if (classNameOf(snapshot, node) === 'WeakValue') {
        expect(classNameOf(snapshot, analysis.dominator[node] as number)).toBe('WeakKey');
      }
    }
  });
});
