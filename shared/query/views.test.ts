/**
 * View assembly over a StackSource of real profiles (Go CPU profiles of one
 * service, a V8 .cpuprofile): merging items, a window cut inside a timed item,
 * and a diff as target plus base × −1 — each checked against per-item numbers
 * computed separately.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes, importFixture } from '../../test/fixtures/load-fixture';
import type { ItemSummary, TopFunctionRow } from '../ipc/contract';
import type { Profile } from '../profile/model';
import { topFunctions } from './function-totals';
import {
  flameTreeView,
  SelectionError,
  topFunctionsView,
  viewStacks,
  type StackSource,
  type StacksRequest,
} from './views';
import { weightedStacksFromProfile, type WeightedStacks } from './weighted-stacks';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'generated', 'go-service');
const goCpu = (n: number): Profile =>
  importBytes(new Uint8Array(readFileSync(join(CORPUS, `cpu_${n}.pb.gz`))), `cpu_${n}.pb.gz`);

/** An in-memory catalogue: id → profile, started at `capturedAtMs`. */
function sourceOf(items: Map<number, { profile: Profile; capturedAtMs: number | null }>): StackSource {
  const summary = (id: number): ItemSummary | null => {
    const entry = items.get(id);
    if (!entry) return null;
    const { profile, capturedAtMs } = entry;
    return {
      id,
      kind: profile.kind,
      service: null,
      capturedAtMs,
      durationNs: profile.durationNs,
      hasSampleTimes: profile.samples.timeNs !== null,
      sampleTypes: profile.sampleTypes,
      totals: profile.samples.values.map((column) => column.reduce((a, b) => a + b, 0)),
      defaultSampleType: profile.defaultSampleType,
    } as ItemSummary;
  };
  const typeIndex = (profile: Profile, type: { type: string; unit: string }): number =>
    profile.sampleTypes.findIndex((t) => t.type === type.type && t.unit === type.unit);
  const stacksOf = (profile: Profile, position: number, keep: (sample: number) => boolean): WeightedStacks => {
    const values = profile.samples.values.map((column) => column.map((v, i) => (keep(i) ? v : 0)));
    return weightedStacksFromProfile({ ...profile, samples: { ...profile.samples, values } }, position);
  };
  return {
    item: summary,
    items: (ids) => ids.flatMap((id) => summary(id) ?? []),
    serviceItems: (service) =>
      [...items.keys()].map((id) => summary(id) as ItemSummary).filter((item) => item.service === service),
    itemStacks: (ids, type) => {
      const parts = ids.map((id) => {
        const { profile } = items.get(id) as { profile: Profile };
        return weightedStacksFromProfile(profile, typeIndex(profile, type));
      });
      // The store sums items; here they are summed row by row of the top table instead (see the tests).
      if (parts.length !== 1) throw new Error('this source reads one whole item at a time');
      return parts[0] as WeightedStacks;
    },
    windowStacks: (id, type, cut) => {
      const { profile } = items.get(id) as { profile: Profile };
      const times = Array.from(profile.samples.timeNs ?? []);
      return stacksOf(profile, typeIndex(profile, type), (i) => times[i]! >= cut.fromNs && times[i]! < cut.toNs);
    },
  };
}

/** self and total per function name, summed over rows of the same name. */
function byName(rows: readonly TopFunctionRow[]): Map<string, { self: number; total: number }> {
  const map = new Map<string, { self: number; total: number }>();
  for (const row of rows) {
    const entry = map.get(row.function) ?? { self: 0, total: 0 };
    entry.self += row.self;
    entry.total += row.total;
    map.set(row.function, entry);
  }
  return map;
}

describe('view assembly', () => {
  const one = goCpu(1);
  const two = goCpu(2);
  const source = sourceOf(
    new Map([
      [1, { profile: one, capturedAtMs: 0 }],
      [2, { profile: two, capturedAtMs: 0 }],
    ]),
  );
  const cpuType = one.sampleTypes.findIndex((t) => t.type === 'cpu');
  const request = (extra: Partial<StacksRequest>): StacksRequest => ({
    selection: { items: [1] },
    sampleType: cpuType,
    ...extra,
  });

  it('a diff is the target plus the base × −1, function by function, with the base total as denominator', () => {
    const a = byName(topFunctions(weightedStacksFromProfile(one, cpuType), 100_000));
    const b = byName(topFunctions(weightedStacksFromProfile(two, cpuType), 100_000));
    const diff = topFunctionsView(viewStacks(source, request({ base: { items: [2] } })), 100_000);
    const names = new Set([...a.keys(), ...b.keys()]);
    const expected = new Map<string, { self: number; total: number }>();
    for (const name of names) {
      const self = (a.get(name)?.self ?? 0) - (b.get(name)?.self ?? 0);
      const total = (a.get(name)?.total ?? 0) - (b.get(name)?.total ?? 0);
      if (self !== 0 || total !== 0) expected.set(name, { self, total });
    }
    expect(byName(diff.rows)).toEqual(expected);
    expect(expected.size).toBeGreaterThan(10);
    const baseTotal = two.samples.values[cpuType]!.reduce((x, y) => x + y, 0);
    expect(diff.total).toBe(baseTotal);
    // The flame tree's root is the net difference of the two totals.
    const oneTotal = one.samples.values[cpuType]!.reduce((x, y) => x + y, 0);
    expect(flameTreeView(viewStacks(source, request({ base: { items: [2] } }))).total[0]).toBe(oneTotal - baseTotal);
  });

  it('an item minus itself is empty', () => {
    const view = viewStacks(source, request({ base: { items: [1] } }));
    expect(topFunctionsView(view, 100).rows).toEqual([]);
    expect(flameTreeView(view).total[0]).toBe(0);
  });

  it('filters apply after the diff', () => {
    const view = viewStacks(source, request({ base: { items: [2] }, filters: 'focus:main%5C.price' }));
    const rows = byName(topFunctionsView(view, 100_000).rows);
    const focusA = byName(topFunctions(viewStacks(source, request({ filters: 'focus:main%5C.price' })).stacks, 1e5));
    const focusB = byName(
      topFunctions(
        viewStacks(source, request({ selection: { items: [2] }, filters: 'focus:main%5C.price' })).stacks,
        1e5,
      ),
    );
    expect(rows.get('main.price')?.total).toBe(
      (focusA.get('main.price')?.total ?? 0) - (focusB.get('main.price')?.total ?? 0),
    );
  });

  it('per second, every printed number is the summed one times 1e9 / profiled ns, scaled once after summing', () => {
    const plain = viewStacks(source, request({}));
    const perSecond = viewStacks(source, request({ scale: 'per-second' }));
    const factor = 1e9 / (one.durationNs as number);
    expect(perSecond.factor).toBe(factor);
    const rows = topFunctionsView(plain, 100_000);
    // Scaling each call path before summing would round some sums differently in the last bit; these are exact.
    expect(topFunctionsView(perSecond, 100_000)).toEqual({
      total: rows.total * factor,
      rows: rows.rows.map((row) => ({ ...row, self: row.self * factor, total: row.total * factor })),
    });
    const tree = flameTreeView(plain);
    expect(flameTreeView(perSecond).total).toEqual(tree.total.map((value) => value * factor));
  });

  it('an item listed by id without the sample type is an error; the first item decides the type', () => {
    const heap = importBytes(new Uint8Array(readFileSync(join(CORPUS, 'heap_1.pb.gz'))), 'heap_1.pb.gz');
    const mixed = sourceOf(
      new Map([
        [1, { profile: one, capturedAtMs: 0 }],
        [3, { profile: heap, capturedAtMs: 0 }],
      ]),
    );
    expect(() => viewStacks(mixed, { selection: { items: [3, 1] }, sampleType: 0 })).toThrow(SelectionError);
    expect(() => viewStacks(mixed, { selection: { items: [7] }, sampleType: 0 })).toThrow('no item with id 7');
  });

  it('a window cuts inside a timed item: exactly the samples whose times fall in it', () => {
    const v8 = importFixture('cpuprofile/node-leaky.cpuprofile');
    const startMs = 1_700_000_000_000;
    const timed = sourceOf(new Map([[5, { profile: v8, capturedAtMs: startMs }]]));
    const times = Array.from(v8.samples.timeNs ?? []);
    const lastMs = times[times.length - 1]! / 1e6;
    const window = { startMs: startMs + lastMs * 0.25, endMs: startMs + lastMs * 0.6 };
    const count = times.filter(
      (t) => t >= (window.startMs - startMs) * 1e6 && t < (window.endMs - startMs) * 1e6,
    ).length;
    const samplesType = v8.sampleTypes.findIndex((t) => t.type === 'samples');
    const view = viewStacks(timed, { selection: { items: [5], window }, sampleType: samplesType });
    expect(view.total).toBe(count);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(times.length);
    expect(flameTreeView(view).total[0]).toBe(count);
  });
});
