import { describe, expect, it } from 'vitest';
import type { DiffResult } from '../ipc/contract';
import type { GcWindows, GcWindowStats, HeapDiff, LeakRow, LeaksResult } from '../ipc/memory-contract';
import { findingsOf, heldByText, spanText, utcTime, type FindingSources } from './findings';

const T0 = Date.UTC(2026, 11, 7, 14, 0, 0);
const MIB = 1024 * 1024;

function leakRow(overrides: Partial<LeakRow> & Pick<LeakRow, 'function' | 'verdict' | 'series'>): LeakRow {
  const { series } = overrides;
  return {
    file: 'main.go',
    slope: 0,
    r2: 0,
    first: series[0] ?? 0,
    last: series[series.length - 1] ?? 0,
    peak: Math.max(...series),
    risingShare: 0,
    noiseBand: MIB,
    levelledAt: null,
    secondsToLimit: null,
    wrongIf: 'wrong if …',
    ...overrides,
  };
}

const captures = Array.from({ length: 21 }, (_, i) => ({ itemId: i + 1, atMs: T0 + i * 120_000 }));

const leaks: LeaksResult = {
  sampleType: { type: 'inuse_space', unit: 'bytes' },
  captures,
  limitBytes: null,
  rows: [
    leakRow({
      function: 'pkg.addEntry',
      verdict: 'growing',
      series: captures.map((_, i) => i * 4.2 * MIB),
      // 4.2 MiB per 2 min: 2.1 MiB/min.
      slope: (2.1 * MIB) / 60,
      r2: 0.98,
      risingShare: 1,
    }),
    leakRow({
      function: 'pkg.cachePut',
      verdict: 'plateau',
      series: captures.map((_, i) => Math.min(i, 5) * 16 * MIB),
      levelledAt: 5,
    }),
    leakRow({ function: 'pkg.buildTable', verdict: 'stable', series: captures.map(() => 8 * MIB) }),
  ],
};

function stats(startMs: number, endMs: number): GcWindowStats {
  return {
    startMs,
    endMs,
    events: 40,
    collections: 40,
    pauses: { p50: 1, p90: 2, p99: 3, max: 4, total: 50 },
    pausedPercent: 1.25,
    frequency: 1,
    allocationRate: null,
    liveHeap: { first: null, last: null },
    byKind: [],
  };
}

const gc: GcWindows = {
  logs: [{ itemId: 30, format: 'go-gctrace', collector: null, sameProcessAs: null }],
  total: stats(T0, T0 + 40 * 60_000),
  windows: [stats(T0, T0 + 4 * 60_000)],
  changes: [
    { atMs: T0 + 130_000, measure: 'frequency', before: 0.2, after: 5, strength: 80, threshold: 10.8 },
    {
      atMs: T0 + 131_000,
      measure: 'allocation-rate',
      before: 12 * MIB,
      after: 400 * MIB,
      strength: 60,
      threshold: 10.8,
    },
  ],
};

const heapDiff: HeapDiff = {
  snapshots: [40, 41, 42].map((itemId, i) => ({ itemId, atMs: T0 + i * 1000, nodes: 1000, selfSize: 1e6 })),
  rows: [
    {
      class: 'Session',
      counts: [1200, 5000, 9800],
      shallow: [1, 2, 3],
      retained: [1e5, 4e5, 8e5],
      added: 8600,
      removed: 0,
    },
    { class: 'Config', counts: [1, 1, 1], shallow: [1, 1, 1], retained: [9, 9, 9], added: 0, removed: 0 },
  ],
  paths: [
    {
      class: 'Session',
      instances: 8600,
      path: [
        { node: '(root)', edge: '' },
        { node: 'system / Context', edge: '2' },
        { node: 'Server', edge: 'server' },
        { node: 'Object', edge: '_events' },
        { node: 'Array', edge: 'close' },
        { node: 'Function', edge: '7' },
        { node: 'Session', edge: 'session' },
      ],
      walked: 8600,
      unreachable: 0,
      tree: { node: '(root)', nodeType: 'synthetic', edge: '', instances: 8600, self: 0, children: [], omitted: null },
    },
  ],
};

function sources(overrides: Partial<FindingSources>): FindingSources {
  const selection = { service: 'checkout', window: { startMs: T0, endMs: T0 + 3_600_000 } };
  return { selection, leaks: null, gc: null, gcAllocation: null, heapDiff: null, comparison: null, ...overrides };
}

describe('findings', () => {
  it('says what grows, with its slope, span and fit, and what levelled off, naming the capture', () => {
    const findings = findingsOf(sources({ leaks }));
    expect(findings.map((f) => [f.kind, f.subject])).toEqual([
      ['leak', 'pkg.addEntry'],
      ['cache', 'pkg.cachePut'],
    ]);
    expect(findings[0]?.title).toBe('pkg.addEntry grows 2.1 MiB/min over 40 min (R² 0.98) — likely leak');
    expect(findings[0]?.evidence[0]).toBe('0 B → 84 MiB (peak 84 MiB) across 21 captures, 14:00:00 UTC–14:40:00 UTC');
    expect(findings[1]?.title).toBe(
      'pkg.cachePut levelled off at 80 MiB from capture 6 (14:10:00 UTC) — bounded, likely a cache',
    );
    expect(findings[0]?.link).toEqual({ view: 'leaks', selection: sources({}).selection, function: 'pkg.addEntry' });
  });

  it('names the GC change with the instant, the allocation rate around it and what allocated the difference', () => {
    const diff = {
      sampleType: { type: 'alloc_space', unit: 'bytes' },
      mode: 'per-second',
      base: { items: [1], total: 0, scaledTotal: 12 * MIB, samples: 10, profiledNs: 1e9 },
      target: { items: [1], total: 0, scaledTotal: 400 * MIB, samples: 900, profiledNs: 1e9 },
      rows: [
        { function: 'pkg.render', delta: { self: 0.95 * 388 * MIB, total: 388 * MIB } },
        { function: 'pkg.other', delta: { self: 0.05 * 388 * MIB, total: 0.05 * 388 * MIB } },
      ],
      suspects: [],
    } as unknown as DiffResult;
    const first = gc.changes[0];
    if (!first) throw new Error('no change');
    const findings = findingsOf(sources({ gc, gcAllocation: { change: first, diff } }));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.title).toBe(
      'GC frequency rose from 0.2/s to 5.0/s at 14:02:10 UTC; allocation rate 12 MiB/s → 400 MiB/s; 95% of the new allocation from pkg.render',
    );
    expect(findings[0]?.evidence).toContain('allocation rate 12 MiB/s → 400 MiB/s at 14:02:11 UTC');
    expect(findings[0]?.evidence).toContain(
      'allocation 12 MiB/s → 400 MiB/s (the allocation profiles cut at the change); 95% of the new allocation from pkg.render',
    );
  });

  it('names the class that grew between snapshots and what holds it', () => {
    const findings = findingsOf(sources({ heapDiff }));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.title).toBe(
      'Session instances 1,200 → 9,800 across 3 snapshots, held by server._events.close[7].session',
    );
    expect(findings[0]?.link).toEqual({ view: 'heap-diff', itemIds: [40, 41, 42], class: 'Session' });
  });

  it('orders a leak before a heap growth, a GC change and a cache', () => {
    const kinds = findingsOf(sources({ leaks, gc, heapDiff })).map((f) => f.kind);
    expect(kinds).toEqual(['leak', 'heap-growth', 'gc-change', 'cache']);
  });

  it('formats instants and spans', () => {
    expect(utcTime(T0 + 3_723_000)).toBe('15:02:03 UTC');
    expect(spanText(35_000)).toBe('35 s');
    expect(spanText(40 * 60_000)).toBe('40 min');
    expect(spanText(5 * 3_600_000)).toBe('5 h');
    expect(heldByText([{ node: 'Session', edge: '' }])).toBe('the GC roots');
    // The corpus's Subscription leak (node-leaky): a closure's hop to its context is left out, a path of more than
    // five names keeps its innermost five.
    const steps = [
      ['(root)', ''],
      ['global', '2'],
      ['clearInterval', 'clearInterval'],
      ['system / Context', 'context'],
      ['destroyHooksExist', 'destroyHooksExist'],
      ['system / Context', 'context'],
      ['Array', 'execution_async_resources'],
      ['Immediate', '1'],
      ['batch', '_onImmediate'],
      ['system / Context', 'context'],
      ['Map', 'registry'],
      ['(array)', 'table'],
      ['Array', '173'],
      ['Subscription', '[22..61]'],
    ].map(([node, edge]) => ({ node: node as string, edge: edge as string }));
    expect(heldByText(steps)).toBe(
      'destroyHooksExist.execution_async_resources[1]._onImmediate.registry.table[173][22..61]',
    );
    const longer = [
      ...steps.slice(0, 4),
      { node: 'Hooks', edge: 'hooks' },
      { node: 'Object', edge: 'byId' },
      ...steps.slice(4),
    ];
    expect(heldByText(longer)).toBe(
      '…destroyHooksExist.execution_async_resources[1]._onImmediate.registry.table[173][22..61]',
    );
    expect(heldByText(steps.slice(-4).map((s, i) => (i === 0 ? { node: '(GC roots)', edge: '' } : s)))).toBe(
      'table[173][22..61]',
    );
  });
});
