import { describe, expect, it } from 'vitest';
import { fixtureJson, foldedTotals, LIMITS, total, violations } from '../../../test/fixtures/json-profiles';
import { stackNames } from '../../../test/fixtures/profile-helpers';
import type { Profile } from '../../profile/model';
import { ImportFailure } from '../errors';
import { importHeapProfile } from './heapprofile';
import { importFile } from '../index';
import { nodeDecompressor } from '../../../main/ingest/node-decompressor';

interface RawNode {
  id?: number;
  selfSize: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children: RawNode[];
}
interface RawProfile {
  head: RawNode;
  samples?: { size: number; nodeId: number; ordinal: number }[];
}

function load(file: string): { profile: Profile; json: RawProfile } {
  const json = fixtureJson(`heapprofile/${file}`) as RawProfile;
  const profile = importHeapProfile(json, LIMITS);
  expect(violations(profile)).toEqual([]);
  return { profile, json };
}

/** Every node of the tree, with a loop. */
function nodesOf(head: RawNode): RawNode[] {
  const all: RawNode[] = [];
  const pending = [head];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    all.push(node);
    pending.push(...node.children);
  }
  return all;
}

function refusal(json: unknown): string {
  try {
    importHeapProfile(json, LIMITS);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFailure);
    return (error as ImportFailure).reason;
  }
  throw new Error('expected the import to fail');
}

function node(id: number, name: string, selfSize: number, children: unknown[] = []): unknown {
  return {
    id,
    selfSize,
    callFrame: { functionName: name, scriptId: '1', url: 'file:///app.js', lineNumber: id, columnNumber: 2 },
    children,
  };
}

describe('V8 sampling heap profiles', () => {
  // MANIFEST.md: "total self size" 1000.6 KB, 9.6 MB, 513.4 KB.
  it.each<[string, number, number | null]>([
    ['node-leaky.heapprofile', 1_024_632, 15],
    ['speedscope__Chrome__69__Heap-20181005T144546.heapprofile', 10_030_888, null],
    ['speedscope__node__10.11.0__Heap-20181003T105432.heapprofile', 525_704, null],
  ])('%s: space totals equal the sum of selfSize', (file, selfTotal, samples) => {
    const { profile, json } = load(file);
    expect(profile.format).toBe('heapprofile');
    expect(profile.kind).toBe('heap');
    expect(profile.sampleTypes).toEqual([
      { type: 'objects', unit: 'count' },
      { type: 'space', unit: 'bytes' },
    ]);
    expect(profile.defaultSampleType).toBe(1);
    const nodes = nodesOf(json.head);
    expect(nodes.reduce((sum, n) => sum + n.selfSize, 0)).toBe(selfTotal);
    expect(total(profile, 1)).toBe(selfTotal);
    // With samples[], one object per sample; without, the count is unknown (0).
    expect(total(profile, 0)).toBe(samples ?? 0);
    expect(json.samples?.length ?? null).toBe(samples);
    expect(profile.samples.timeNs).toBeNull();
    // (root) is not a frame.
    expect(profile.samples.stack.every((s) => stackNames(profile, s)[0] !== '(root)')).toBe(true);
  });

  it('node-leaky: bytes per stack match the nodes, objects match the samples on them', () => {
    const { profile, json } = load('node-leaky.heapprofile');
    // Independently: per node, the path of names from below (root) and selfSize / sample count.
    const expectedBytes: Record<string, number> = {};
    const expectedObjects: Record<string, number> = {};
    const perId = new Map<number, string>();
    const pending: [RawNode, string[]][] = [[json.head, []]];
    for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
      const [n, path] = item;
      const here = n === json.head ? [] : [...path, n.callFrame.functionName || '(anonymous)'];
      const key = here.join(';');
      if (n.id !== undefined) perId.set(n.id, key);
      if (n.selfSize > 0) expectedBytes[key] = (expectedBytes[key] ?? 0) + n.selfSize;
      for (const c of n.children) pending.push([c, here]);
    }
    for (const s of json.samples ?? []) {
      const key = perId.get(s.nodeId) as string;
      expectedObjects[key] = (expectedObjects[key] ?? 0) + 1;
    }
    expect(foldedTotals(profile, 1)).toEqual(expectedBytes);
    const objects = Object.fromEntries(Object.entries(foldedTotals(profile, 0)).filter(([, v]) => v > 0));
    expect(objects).toEqual(expectedObjects);
  });

  it('a fresh node --heap-prof file: selfSize for bytes, samples on nodes the tree lacks left out of the counts', () => {
    const { profile, json } = load('node-retain.heapprofile');
    const nodes = nodesOf(json.head);
    const ids = new Set(nodes.map((n) => n.id));
    const selfTotal = nodes.reduce((sum, n) => sum + n.selfSize, 0);
    expect(total(profile, 1)).toBe(selfTotal);
    const samples = json.samples ?? [];
    const lost = samples.filter((s) => !ids.has(s.nodeId));
    expect(total(profile, 0)).toBe(samples.length - lost.length);
    // This recording has 4 such samples, all with ids above every node's.
    expect(lost.map((s) => s.nodeId).every((id) => id > Math.max(...(ids as Set<number>)))).toBe(true);
    expect([lost.length, lost.reduce((sum, s) => sum + s.size, 0)]).toEqual([4, 98_832]);
    expect(profile.comments).toEqual([
      'heapprofile: 4 samples (98832 bytes) name nodes absent from the tree; left out of the object counts',
    ]);
    // The script keeps what retainStrings and retainArrays allocate.
    const retained = profile.samples.stack.filter((s) =>
      stackNames(profile, s).some((name) => name === 'retainStrings' || name === 'retainArrays'),
    );
    expect(retained.length).toBeGreaterThan(0);
  });

  it('synthetic: line numbers 1-based, a sample on (root) kept under a "(root)" frame', () => {
    const json = {
      head: node(1, '(root)', 0, [node(2, 'main', 100, [node(3, '', 50)])]),
      samples: [
        { size: 100, nodeId: 2, ordinal: 1 },
        { size: 40, nodeId: 3, ordinal: 2 },
        { size: 10, nodeId: 3, ordinal: 3 },
        { size: 8, nodeId: 1, ordinal: 4 },
      ],
    };
    const profile = importHeapProfile(json, LIMITS);
    expect(violations(profile)).toEqual([]);
    expect(foldedTotals(profile, 0)).toEqual({ main: 1, 'main;(anonymous)': 2, '(root)': 1 });
    expect(foldedTotals(profile, 1)).toEqual({ main: 100, 'main;(anonymous)': 50, '(root)': 0 });
    const main = profile.functions.name.findIndex((s) => profile.strings[s] === 'main');
    expect(profile.functions.startLine[main]).toBe(3);
    expect(profile.frames.column[profile.frames.func.indexOf(main)]).toBe(3);
  });

  it('a 50,000-deep tree without recursion', () => {
    let head = node(50_001, 'leaf', 7);
    for (let id = 50_000; id >= 2; id--) head = node(id, `f${id % 5}`, 0, [head]);
    const profile = importHeapProfile({ head: node(1, '(root)', 0, [head]) }, LIMITS);
    expect(total(profile, 1)).toBe(7);
    expect(stackNames(profile, profile.samples.stack[0] as number)).toHaveLength(50_000);
    expect(() => importHeapProfile({ head: node(1, '(root)', 0, [head]) }, { ...LIMITS, maxStackDepth: 1000 })).toThrow(
      'stack depth 1001 exceeds the limit maxStackDepth=1000',
    );
  });

  it.each<[string, unknown, string]>([
    ['not an object', [], 'a .heapprofile must be a JSON object'],
    ['no head', { samples: [] }, 'a .heapprofile needs a "head" node'],
    ['a node without a call frame', { head: { selfSize: 0, children: [] } }, 'head.callFrame is not an object'],
    ['a negative selfSize', { head: node(1, '(root)', -1) }, 'head.selfSize is not a non-negative number'],
    [
      'children that are not an array',
      { head: { ...(node(1, '(root)', 0) as object), children: {} } },
      'head.children is not an array',
    ],
    ['a child that is not an object', { head: node(1, '(root)', 0, [3]) }, 'node 1 child 0 is not an object'],
    ['duplicate ids', { head: node(1, '(root)', 0, [node(1, 'a', 1)]), samples: [] }, 'node id 1 appears twice'],
    [
      'a sample size that is not a number',
      { head: node(1, '(root)', 0), samples: [{ size: 'x', nodeId: 1 }] },
      'samples[0].size is not a non-negative number',
    ],
    [
      'samples but nodes without ids',
      { head: { selfSize: 0, callFrame: {}, children: [] }, samples: [] },
      'a node has no numeric id, but samples refer to nodes by id',
    ],
  ])('refuses %s', (_, json, reason) => {
    expect(refusal(json)).toBe(reason);
  });
});

describe('a heapprofile large enough for the JSON scanner (1 MiB and more)', () => {
  it('imports with an empty samples array, as a small one does', () => {
    const node = (id: number, name: string, selfSize: number, children: unknown[] = []) => ({
      callFrame: { functionName: name, scriptId: '1', url: 'file:///big.js', lineNumber: id, columnNumber: 0 },
      selfSize,
      id,
      children,
    });
    const leaves = Array.from({ length: 12_000 }, (_, i) => node(i + 2, `allocator${i}`, 8));
    const text = JSON.stringify({ head: node(1, '(root)', 0, leaves), samples: [] });
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const { format, items } = importFile(new TextEncoder().encode(text), 'big.heapprofile', {
      decompressor: nodeDecompressor,
    });
    expect(format).toBe('heapprofile');
    const only = items[0];
    expect(only?.type === 'profile' && total(only.profile, 1)).toBe(12_000 * 8);
  });
});
