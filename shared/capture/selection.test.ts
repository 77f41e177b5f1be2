import { describe, expect, it } from 'vitest';
import { validateArgs } from '../ipc/validate';
import {
  formatSelection,
  MAX_SELECTION_ITEMS,
  parseSelection,
  SelectionSyntaxError,
  type Selection,
} from './selection';
import { itemsOfService, selectionParts, SelectionError, type SelectableItem } from './selection-parts';

describe('selection text form', () => {
  it('reads ids, lists, ranges and windows', () => {
    expect(parseSelection('12')).toEqual({ items: [12] });
    expect(parseSelection('3,4,5')).toEqual({ items: [3, 4, 5] });
    expect(parseSelection('3-9')).toEqual({ items: [3, 4, 5, 6, 7, 8, 9] });
    expect(parseSelection('1,3-5,9@1700000000000..1700000000500.5')).toEqual({
      items: [1, 3, 4, 5, 9],
      window: { startMs: 1700000000000, endMs: 1700000000500.5 },
    });
  });

  it('reads a service window narrowed by kind and labels, percent-encoded', () => {
    const selection: Selection = {
      service: 'check out;v2',
      window: { startMs: 10, endMs: 20 },
      kind: 'cpu',
      labels: [{ key: 'version', value: '1.4=rc' }],
    };
    const text = formatSelection(selection);
    expect(text).toBe('service=check%20out%3Bv2@10..20;kind=cpu;label.version=1.4%3Drc');
    expect(encodeURIComponent(text).length).toBeGreaterThan(0);
    expect(parseSelection(text)).toEqual(selection);
  });

  it('round-trips and folds runs of three or more', () => {
    for (const text of ['12', '3-5', '1,2', '7,3-5,9', '2-4@5..6'])
      expect(formatSelection(parseSelection(text))).toBe(text);
    expect(formatSelection({ items: [3, 4, 5, 6, 1] })).toBe('3-6,1');
  });

  it('rejects what is not a selection', () => {
    for (const bad of ['', 'abc', '9-3', '1,,2', '1@5..5', '1@x..y', 'service=a', 'service=@1..2', '1;kind=cpu']) {
      expect(() => parseSelection(bad), bad).toThrow(SelectionSyntaxError);
    }
    expect(() => parseSelection(`1-${MAX_SELECTION_ITEMS + 1}`)).toThrow(/at most/);
  });
});

describe('selection parts', () => {
  const item = (id: number, extra: Partial<SelectableItem>): SelectableItem => ({
    id,
    kind: 'cpu',
    service: 'api',
    capturedAtMs: 1000,
    durationNs: 2e9,
    ...extra,
  });

  it('cuts timed items on their own clock and keeps other items whole when they overlap', () => {
    const items = [item(1, { hasSampleTimes: true }), item(2, {}), item(3, { capturedAtMs: 5000 })];
    expect(selectionParts(items, { items: [1, 2, 3], window: { startMs: 1500, endMs: 2500 } })).toEqual([
      { id: 1, cut: { fromNs: 500e6, toNs: 1500e6 } },
      { id: 2 },
    ]);
    expect(selectionParts(items, { items: [1, 2, 3] })).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(() =>
      selectionParts([item(4, { capturedAtMs: null })], { items: [4], window: { startMs: 0, endMs: 1 } }),
    ).toThrow(SelectionError);
  });

  it('finds a service’s items by window, kind and labels', () => {
    const catalogue = [
      item(1, { labels: { version: '1' } }),
      item(2, { kind: 'allocations', labels: { version: '1' } }),
      item(3, { service: 'web' }),
      item(4, { capturedAtMs: 9000, labels: { version: '1' } }),
      item(5, { labels: { version: '2' } }),
    ];
    const window = { startMs: 0, endMs: 4000 };
    expect(itemsOfService(catalogue, { service: 'api', window }).map((i) => i.id)).toEqual([1, 2, 5]);
    expect(itemsOfService(catalogue, { service: 'api', window, kind: 'cpu' }).map((i) => i.id)).toEqual([1, 5]);
    const labels = [{ key: 'version', value: '1' }];
    expect(itemsOfService(catalogue, { service: 'api', window, labels }).map((i) => i.id)).toEqual([1, 2]);
  });
});

describe('selection validation', () => {
  const args = (selection: unknown, base?: unknown) => ({
    selection,
    ...(base === undefined ? {} : { base }),
    sampleType: 0,
  });

  it('accepts item lists and service windows, as selection and as base', () => {
    expect(
      validateArgs('getFlameTree', args({ items: [1, 2] }, { items: [3], window: { startMs: 1, endMs: 2 } })),
    ).toEqual(args({ items: [1, 2] }, { items: [3], window: { startMs: 1, endMs: 2 } }));
    const service = {
      service: 'api',
      window: { startMs: 1, endMs: 2 },
      kind: 'cpu',
      labels: [{ key: 'k', value: 'v' }],
    };
    expect(validateArgs('getTopFunctions', { ...args(service), limit: 5 }).selection).toEqual(service);
  });

  it('rejects malformed selections with a message naming the argument', () => {
    const bad: [unknown, RegExp][] = [
      [undefined, /selection must be/],
      [{ items: [] }, /selection.items must list/],
      [{ items: [-1] }, /non-negative integers/],
      [{ items: ['1'] }, /non-negative integers/],
      [{ items: [1], window: { startMs: 2, endMs: 1 } }, /end after it starts/],
      [{ items: [1], extra: 1 }, /unexpected "extra"/],
      [{ service: 'api' }, /window must be/],
      [{ service: 'api', window: { startMs: 1, endMs: 2 }, kind: 'nope' }, /kind must be one of/],
      [{ service: '', window: { startMs: 1, endMs: 2 } }, /service must be a non-empty string/],
    ];
    for (const [selection, message] of bad) {
      expect(() => validateArgs('getFlameTree', args(selection)), JSON.stringify(selection)).toThrow(message);
    }
    expect(() => validateArgs('getFlameTree', args({ items: [1] }, { items: 'x' }))).toThrow(/base.items/);
    expect(() => validateArgs('getLabelKeys', { selection: { items: [1] }, itemId: 1 })).toThrow(/unexpected argument/);
  });
});
