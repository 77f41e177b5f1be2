import { describe, expect, it } from 'vitest';
import { validateArgs } from '../ipc/validate';
import { parseInstant, parseTimeText } from './instant';
import {
  ALL_TIME,
  formatSelection,
  isAllTime,
  parseSelection,
  parseSelectionArgument,
  SelectionSyntaxError,
  type Selection,
} from './selection';
import { itemsOfService, selectionParts, type SelectableItem } from './selection-parts';

const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);

describe('ISO 8601 instants', () => {
  it('reads Z and offsets, fractions exactly to the millisecond and below', () => {
    expect(parseInstant('2026-11-20T10:00:00Z')).toBe(T0);
    expect(parseInstant('2026-11-20T10:15:00.250Z')).toBe(T0 + 15 * 60_000 + 250);
    expect(parseInstant('2026-11-20T10:00:00.1Z')).toBe(T0 + 100);
    expect(parseInstant('2026-11-20T10:00:00.001Z')).toBe(T0 + 1);
    expect(parseInstant('2026-11-20T10:00:00.000500Z')).toBe(T0 + 0.5);
    expect(parseInstant('2026-11-20T12:00:00+02:00')).toBe(T0);
    expect(parseInstant('2026-11-20T05:30:00.250-04:30')).toBe(T0 + 250);
    expect(parseInstant('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it('refuses what is no instant: no zone, no seconds, impossible fields', () => {
    for (const bad of [
      '2026-11-20T10:00:00',
      '2026-11-20T10:00Z',
      '2026-11-20',
      '2026-13-01T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '2026-11-20T24:00:00Z',
      '2026-11-20T10:00:60Z',
      '2026-11-20T10:00:00+2:00',
      '2026-11-20T10:00:00+24:00',
      '2026-11-20T10:00:00.Z',
      '1700000000000',
    ]) {
      expect(parseInstant(bad), bad).toBeNull();
    }
  });
});

describe('selection arguments', () => {
  it('reads a bare service name as every capture of it', () => {
    expect(ALL_TIME).toEqual({ startMs: -8.64e15, endMs: 8.64e15 });
    expect(parseSelectionArgument('checkout')).toEqual({ service: 'checkout', window: ALL_TIME });
    expect(parseSelectionArgument('check-out.v2')).toEqual({ service: 'check-out.v2', window: ALL_TIME });
    expect(parseSelectionArgument('  checkout ')).toEqual({ service: 'checkout', window: ALL_TIME });
    expect(parseSelectionArgument('checkout;kind=cpu;label.version=1.4')).toEqual({
      service: 'checkout',
      window: ALL_TIME,
      kind: 'cpu',
      labels: [{ key: 'version', value: '1.4' }],
    });
  });

  it('reads SERVICE@START/END with ISO instants, fractional seconds and offsets', () => {
    expect(parseSelectionArgument('checkout@2026-11-20T10:00:00Z/2026-11-20T10:15:00.250Z')).toEqual({
      service: 'checkout',
      window: { startMs: T0, endMs: T0 + 15 * 60_000 + 250 },
    });
    expect(parseSelectionArgument('checkout@2026-11-20T12:00:00+02:00/2026-11-20T05:00:01-05:00')).toEqual({
      service: 'checkout',
      window: { startMs: T0, endMs: T0 + 1000 },
    });
    expect(parseSelectionArgument('service=12@2026-11-20T10:00:00Z/2026-11-20T10:00:00.001Z')).toEqual({
      service: '12',
      window: { startMs: T0, endMs: T0 + 1 },
    });
    expect(parseSelectionArgument('3-5@2026-11-20T10:00:00Z/2026-11-20T10:00:01Z')).toEqual({
      items: [3, 4, 5],
      window: { startMs: T0, endMs: T0 + 1000 },
    });
  });

  it('keeps digits as item ids; a service named 12 is service=12', () => {
    expect(parseSelectionArgument('12')).toEqual({ items: [12] });
    expect(parseSelectionArgument('3,4,5')).toEqual({ items: [3, 4, 5] });
    expect(parseSelectionArgument('3-9')).toEqual({ items: [3, 4, 5, 6, 7, 8, 9] });
    expect(parseSelectionArgument('service=12')).toEqual({ service: '12', window: ALL_TIME });
    expect(parseSelectionArgument('service=a%3Bb')).toEqual({ service: 'a;b', window: ALL_TIME });
  });

  it('reads every canonical form as parseSelection does', () => {
    for (const text of [
      '12',
      '3,4,5',
      '1,3-5,9@1700000000000..1700000000500.5',
      'service=check%20out%3Bv2@10..20;kind=cpu;label.version=1.4%3Drc',
    ]) {
      expect(parseSelectionArgument(text), text).toEqual(parseSelection(text));
    }
  });

  it('round-trips every form through the canonical text, which parseSelection reads too (the page URL)', () => {
    const selections: Selection[] = [
      { items: [12] },
      { items: [3, 4, 5, 9] },
      { items: [1], window: { startMs: T0, endMs: T0 + 0.5 } },
      { service: 'checkout', window: ALL_TIME },
      { service: '12', window: ALL_TIME },
      { service: 'a b;c@d', window: ALL_TIME, kind: 'heap', labels: [{ key: 'k=1', value: 'v;2' }] },
      { service: 'checkout', window: { startMs: T0, endMs: T0 + 15 * 60_000 + 250 }, kind: 'cpu' },
    ];
    for (const selection of selections) {
      const text = formatSelection(selection);
      expect(parseSelectionArgument(text), text).toEqual(selection);
      expect(parseSelection(text), text).toEqual(selection);
      expect(formatSelection(parseSelectionArgument(text))).toBe(text);
    }
    expect(formatSelection(parseSelectionArgument('checkout'))).toBe('service=checkout@all');
    expect(formatSelection(parseSelectionArgument('service=12;kind=cpu'))).toBe('service=12@all;kind=cpu');
    expect(formatSelection(parseSelectionArgument('check out'))).toBe('service=check%20out@all');
    expect(formatSelection(parseSelectionArgument('checkout@2026-11-20T10:00:00Z/2026-11-20T10:15:00.250Z'))).toBe(
      `service=checkout@${T0}..${T0 + 900_250}`,
    );
  });

  it('refuses bad windows and names the text', () => {
    const cases: [string, RegExp][] = [
      [
        'checkout@2026-11-20T10:15:00Z/2026-11-20T10:00:00Z',
        /window "2026-11-20T10:15:00Z\/2026-11-20T10:00:00Z" must end after it starts/,
      ],
      ['checkout@2026-11-20T10:00:00Z/2026-11-20T10:00:00Z', /must end after it starts/],
      ['checkout@yesterday/2026-11-20T10:00:00Z', /"yesterday" is not an ISO 8601 instant/],
      ['checkout@2026-11-20T10:00:00Z/2026-11-20T10:15', /"2026-11-20T10:15" is not an ISO 8601 instant/],
      ['checkout@2026-11-20T10:00:00/2026-11-20T10:15:00Z', /"2026-11-20T10:00:00" is not an ISO 8601 instant/],
      ['checkout@', /"" is not a window/],
      ['checkout@always', /"always" is not a window/],
      ['checkout@1700000000000..', /is not a window/],
      ['a,b', /"a,b" is not a selection: item ids like 12, 3,4,5 or 3-9, a service name/],
      ['x=y', /"x=y" is not a selection/],
      ['9-3', /the range 9-3 runs backwards/],
      ['1,,2', /"1,,2" is not a selection/],
      ['service=', /needs a service name/],
      ['12;kind=cpu', /narrow only a service selection/],
      ['checkout;color=red', /unknown selection part "color=red"/],
      ['', /is not a selection/],
    ];
    for (const [text, message] of cases) {
      expect(() => parseSelectionArgument(text), text).toThrow(SelectionSyntaxError);
      expect(() => parseSelectionArgument(text), text).toThrow(message);
    }
  });

  it('keeps the canonical parser refusing bare names and windowless services', () => {
    expect(() => parseSelection('checkout')).toThrow(SelectionSyntaxError);
    expect(() => parseSelection('service=checkout')).toThrow(/needs a window/);
    expect(parseSelection('service=a@2026-11-20T10:00:00Z/2026-11-20T10:15:00.250Z')).toEqual({
      service: 'a',
      window: { startMs: T0, endMs: T0 + 900_250 },
    });
  });
});

describe('every capture of a service (ALL_TIME)', () => {
  const item = (id: number, extra: Partial<SelectableItem>): SelectableItem => ({
    id,
    kind: 'cpu',
    service: 'api',
    capturedAtMs: 1000,
    durationNs: 2e9,
    ...extra,
  });

  it('takes every capture of the service, those without a start too, each whole', () => {
    const catalogue = [
      item(1, {}),
      item(2, { capturedAtMs: null, hasSampleTimes: true }),
      item(3, { service: 'web' }),
      item(4, { capturedAtMs: 9e12, kind: 'heap' }),
    ];
    const all = { service: 'api', window: ALL_TIME };
    const found = itemsOfService(catalogue, all);
    expect(found.map((i) => i.id)).toEqual([1, 2, 4]);
    expect(selectionParts(found, all)).toEqual([{ id: 1 }, { id: 2 }, { id: 4 }]);
    expect(itemsOfService(catalogue, { ...all, kind: 'heap' }).map((i) => i.id)).toEqual([4]);
    // A bounded window, however wide, is an overlap test: an item with no start is in none.
    const wide = { service: 'api', window: { startMs: -1e15, endMs: 1e15 } };
    expect(isAllTime(wide.window)).toBe(false);
    expect(itemsOfService(catalogue, wide).map((i) => i.id)).toEqual([1, 4]);
  });

  it('passes validation as any window does', () => {
    const args = { selection: parseSelectionArgument('api;kind=cpu'), sampleType: 0 };
    expect(validateArgs('getFlameTree', args)).toEqual({
      selection: { service: 'api', window: ALL_TIME, kind: 'cpu' },
      sampleType: 0,
    });
  });
});

describe('times typed on the command line (--from, --to, --at)', () => {
  it('are epoch ms or instants with a zone, never a machine-local guess', () => {
    expect(parseTimeText('1795486077177')).toBe(1795486077177);
    expect(parseTimeText('1795486077177.5')).toBe(1795486077177.5);
    expect(parseTimeText('2026-11-20T10:00:00.250Z')).toBe(Date.UTC(2026, 10, 20, 10, 0, 0, 250));
    expect(parseTimeText('2026-11-20T11:00:00.250+01:00')).toBe(Date.UTC(2026, 10, 20, 10, 0, 0, 250));
    // Date.parse reads these as local time: a window that moves with the machine's zone.
    expect(parseTimeText('2026-11-20T10:00:00')).toBeNull();
    expect(parseTimeText('yesterday')).toBeNull();
  });
});
