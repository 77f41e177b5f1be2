import { describe, expect, it } from 'vitest';
import { importBytes, importFixture, readFixtureText } from '../../../test/fixtures/load-fixture';
import { allFunctionNames, foldedStack, stackDepth } from '../../../test/fixtures/profile-helpers';
import { checkProfile } from '../../profile/invariants';
import type { Profile } from '../../profile/model';

interface V8File {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const CURRENT_FORMAT = [
  'node-leaky.cpuprofile',
  'fxprof__hello.cjs-20231120T211435.cpuprofile',
  'speedscope__Chrome__65__simple.cpuprofile',
];

function load(file: string): { profile: Profile; json: V8File } {
  const profile = importFixture(`cpuprofile/${file}`);
  expect(checkProfile(profile)).toEqual([]);
  return { profile, json: JSON.parse(readFixtureText(`cpuprofile/${file}`)) as V8File };
}

function encode(json: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(json));
}

/** A current-format profile from a compact description: [id, name, children] per node. */
function v8(nodes: [number, string, number[]][], samples: number[], timeDeltas: number[]): unknown {
  return {
    nodes: nodes.map(([id, functionName, children]) => ({
      id,
      callFrame: { functionName, scriptId: '1', url: 'file:///app.js', lineNumber: id, columnNumber: 4 },
      hitCount: 0,
      children,
    })),
    startTime: 1000,
    endTime: 1000 + timeDeltas.reduce((a, b) => a + b, 0) + 100,
    samples,
    timeDeltas,
  };
}

describe('V8 .cpuprofile fixtures', () => {
  it.each(CURRENT_FORMAT)('%s: one sample per entry of samples[], times monotonic from timeDeltas', (file) => {
    const { profile, json } = load(file);
    expect(profile.format).toBe('cpuprofile');
    expect(profile.kind).toBe('cpu');
    expect(profile.sampleTypes).toEqual([
      { type: 'samples', unit: 'count' },
      { type: 'wall', unit: 'nanoseconds' },
    ]);
    expect(profile.samples.stack.length).toBe(json.samples.length);
    expect(profile.samples.values[0]?.every((v) => v === 1)).toBe(true);
    const times = profile.samples.timeNs ?? [];
    expect(times.length).toBe(json.samples.length);
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] as number);
    // Times are relative to startTime; the first sample is timeDeltas[0] after it.
    expect(times[0]).toBe((json.timeDeltas[0] as number) * 1000);
    expect(profile.durationNs).toBe((json.endTime - json.startTime) * 1000);
    // V8's startTime is a monotonic clock, not the Unix epoch.
    expect(profile.startTimeMs).toBeNull();
  });

  it.each(CURRENT_FORMAT)('%s: self wall time per function matches an independent computation', (file) => {
    const { profile, json } = load(file);
    // Independently: a sample lasts until the next one; the last lasts the mean interval, in whole µs.
    const n = json.samples.length;
    const span = json.timeDeltas.slice(1).reduce((a, b) => a + b, 0);
    const nodeById = new Map(json.nodes.map((node) => [node.id, node]));
    const expected = new Map<string, { count: number; wallNs: number }>();
    json.samples.forEach((id, i) => {
      const frame = nodeById.get(id)?.callFrame;
      if (!frame) throw new Error(`no node ${id}`);
      const key = `${frame.functionName || '(anonymous)'}|${frame.url}|${frame.lineNumber + 1}`;
      const weightUs = i < n - 1 ? (json.timeDeltas[i + 1] as number) : Math.round(span / (n - 1));
      const entry = expected.get(key) ?? { count: 0, wallNs: 0 };
      entry.count++;
      entry.wallNs += weightUs * 1000;
      expected.set(key, entry);
    });

    const actual = new Map<string, { count: number; wallNs: number }>();
    profile.samples.stack.forEach((stack, i) => {
      const func = profile.frames.func[profile.stacks.frame[stack] as number] as number;
      const s = profile.strings;
      const key = `${s[profile.functions.name[func] as number]}|${s[profile.functions.file[func] as number]}|${profile.functions.startLine[func]}`;
      const entry = actual.get(key) ?? { count: 0, wallNs: 0 };
      entry.count += profile.samples.values[0]?.[i] as number;
      entry.wallNs += profile.samples.values[1]?.[i] as number;
      actual.set(key, entry);
    });
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, value] of expected) {
      expect(actual.get(key)?.count, key).toBe(value.count);
      expect(actual.get(key)?.wallNs, key).toBeCloseTo(value.wallNs, 3);
    }
  });

  it('keeps (program), (idle) and (garbage collector) but not the synthetic (root)', () => {
    const { profile } = load('node-leaky.cpuprofile');
    const names = allFunctionNames(profile);
    expect(names).toEqual(expect.arrayContaining(['(program)', '(idle)', '(garbage collector)', '(anonymous)']));
    expect(names).not.toContain('(root)');
    expect(names).not.toContain('');
    // Children of (root) are roots of the stack tree.
    const sample = profile.samples.stack.findIndex((_, i) => foldedStack(profile, i) === '(program)');
    expect(sample).toBeGreaterThanOrEqual(0);
    expect(profile.stacks.parent[profile.samples.stack[sample] as number]).toBe(-1);
  });

  it('stores V8 0-based lines and columns 1-based', () => {
    const { profile } = load('speedscope__Chrome__65__simple.cpuprofile');
    // "b" is at lineNumber 5, columnNumber 10 in the file.
    const b = allFunctionNames(profile).indexOf('b');
    expect(profile.functions.startLine[b]).toBe(6);
    const frame = profile.frames.func.indexOf(b);
    expect([profile.frames.line[frame], profile.frames.column[frame]]).toEqual([6, 11]);
  });

  it('reads the old nested format (head/children, timestamps) like the current one', () => {
    const old = importFixture('cpuprofile/speedscope__node__10.11.0__example.cpuprofile');
    const current = importFixture('cpuprofile/speedscope__Chrome__65__simple.cpuprofile');
    expect(checkProfile(old)).toEqual([]);
    const stacks = (p: Profile): Record<string, number> => {
      const counts: Record<string, number> = {};
      p.samples.stack.forEach((_, i) => (counts[foldedStack(p, i)] = (counts[foldedStack(p, i)] ?? 0) + 1));
      return counts;
    };
    expect(stacks(old)).toEqual({ '(anonymous)': 1, '(anonymous);a;b;d': 14, '(anonymous);a;c;d': 14 });
    expect(stacks(current)).toEqual(stacks(old));
    // Old startTime is in seconds: 163140 s; the first timestamp is 163140599286 µs.
    expect(old.samples.timeNs?.[0]).toBe(599_286_000);
  });
});

describe('V8 .cpuprofile structure', () => {
  it('builds the tree from children whatever the order of node ids', () => {
    // Children listed before their parents, ids not ascending.
    const json = v8(
      [
        [30, 'leaf', []],
        [20, 'mid', [30]],
        [1, '(root)', [20, 40]],
        [40, '', []],
      ],
      [30, 40, 20],
      [10, 10, 10],
    );
    const p = importBytes(encode(json), 'order.cpuprofile');
    expect(checkProfile(p)).toEqual([]);
    expect(Array.from(p.samples.stack).map((_, i) => foldedStack(p, i))).toEqual(['mid;leaf', '(anonymous)', 'mid']);
  });

  it('accepts parent links instead of children', () => {
    const json = {
      nodes: [
        { id: 3, parent: 2, callFrame: { functionName: 'c', url: '', lineNumber: 0, columnNumber: 0 } },
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1, columnNumber: -1 } },
        { id: 2, parent: 1, callFrame: { functionName: 'b', url: '', lineNumber: 0, columnNumber: 0 } },
      ],
      startTime: 0,
      endTime: 10,
      samples: [3],
      timeDeltas: [5],
    };
    const p = importBytes(encode(json), 'parents.cpuprofile');
    expect(foldedStack(p, 0)).toBe('b;c');
    expect(Array.from(p.samples.values[1] ?? [])).toEqual([5000]);
  });

  it('sorts samples whose timeDeltas go backwards, as DevTools does', () => {
    const json = v8(
      [
        [1, '(root)', [2, 3]],
        [2, 'a', []],
        [3, 'b', []],
      ],
      [2, 3, 2, 3],
      [100, 50, -30, 40],
    );
    // Absolute times: a@1100, b@1150, a@1120, b@1160 -> order a, a, b, b.
    const p = importBytes(encode(json), 'backwards.cpuprofile');
    expect(checkProfile(p)).toEqual([]);
    expect(Array.from(p.samples.stack).map((_, i) => foldedStack(p, i))).toEqual(['a', 'a', 'b', 'b']);
    expect(Array.from(p.samples.timeNs ?? [])).toEqual([100_000, 120_000, 150_000, 160_000]);
    // Weights: to the next sample; the last gets the mean interval (60 µs / 3).
    expect(Array.from(p.samples.values[1] ?? [])).toEqual([20_000, 30_000, 10_000, 20_000]);
  });

  it('shares the duration equally when samples have no times, and falls back to hitCount without samples', () => {
    const nodes = [
      { id: 1, callFrame: { functionName: '(root)' }, hitCount: 0, children: [2, 3] },
      { id: 2, callFrame: { functionName: 'a' }, hitCount: 3 },
      { id: 3, callFrame: { functionName: 'b' }, hitCount: 1 },
    ];
    const untimed = importBytes(encode({ nodes, startTime: 0, endTime: 400, samples: [2, 3] }), 'untimed.cpuprofile');
    expect(checkProfile(untimed)).toEqual([]);
    expect(untimed.samples.timeNs).toBeNull();
    expect(untimed.samples.values.map((c) => Array.from(c))).toEqual([
      [1, 1],
      [200_000, 200_000],
    ]);
    const hits = importBytes(encode({ nodes, startTime: 0, endTime: 400 }), 'hits.cpuprofile');
    expect(checkProfile(hits)).toEqual([]);
    expect(Array.from(hits.samples.stack).map((_, i) => foldedStack(hits, i))).toEqual(['a', 'b']);
    expect(hits.samples.values.map((c) => Array.from(c))).toEqual([
      [3, 1],
      [300_000, 100_000],
    ]);
  });

  it('imports a chain 20,000 nodes deep', () => {
    const depth = 20_000;
    const nodes: [number, string, number[]][] = [[1, '(root)', [2]]];
    for (let id = 2; id <= depth + 1; id++) nodes.push([id, `f${id}`, id <= depth ? [id + 1] : []]);
    const p = importBytes(encode(v8(nodes, [depth + 1], [1])), 'deep.cpuprofile');
    expect(checkProfile(p)).toEqual([]);
    expect(stackDepth(p, p.samples.stack[0] as number)).toBe(depth);
  });

  it('refuses trees that are not trees, and unknown sample ids', () => {
    const cycle = v8(
      [
        [1, '(root)', []],
        [2, 'a', [3]],
        [3, 'b', [2]],
      ],
      [2],
      [1],
    );
    expect(() => importBytes(encode(cycle), 'cycle.cpuprofile')).toThrow(
      'cycle.cpuprofile: node tree has a cycle: node 2 cannot be reached from a root',
    );
    const twoParents = v8(
      [
        [1, '(root)', [2, 3]],
        [2, 'a', [4]],
        [3, 'b', [4]],
        [4, 'c', []],
      ],
      [4],
      [1],
    );
    expect(() => importBytes(encode(twoParents), 'two.cpuprofile')).toThrow(
      'two.cpuprofile: node 4 has two parents (2 and 3)',
    );
    const unknown = v8([[1, '(root)', []]], [7], [1]);
    expect(() => importBytes(encode(unknown), 'u.cpuprofile')).toThrow(
      'u.cpuprofile: samples[0] refers to node 7, which does not exist',
    );
    const shortDeltas = v8(
      [
        [1, '(root)', [2]],
        [2, 'a', []],
      ],
      [2, 2],
      [1],
    );
    expect(() => importBytes(encode(shortDeltas), 's.cpuprofile')).toThrow(
      's.cpuprofile: timeDeltas has 1 entries for 2 samples',
    );
    expect(() => importBytes(encode({ nodes: [{ id: 'x', callFrame: {} }], samples: [] }), 'bad.cpuprofile')).toThrow(
      'bad.cpuprofile: nodes[0].id is not a number',
    );
  });
});
