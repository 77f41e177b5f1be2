/**
 * The page's one clock (formatDate.ts) and the window header's line (windowTitle.ts), the per-second value text
 * (valueText.ts) and `per=s` in the URL. Times are built from local fields, so the assertions hold in any zone the
 * test runner has; `zoneLabel` is checked against the runner's own offset.
 */
import { describe, expect, it } from 'vitest';
import type { WindowSummary } from '../../shared/ipc/contract';
import { clockTicks } from '../timeline/clockTicks';
import { formatViewValue, perSecondType, shownPerScale } from '../profile/valueText';
import { formatLocalDateTime, formatLocalSpan, zoneLabel } from './formatDate';
import { decodeViewQuery, encodeViewUrl } from './viewUrl';
import { localWindowTitle } from './windowTitle';

const local = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): number =>
  new Date(y, mo - 1, d, h, mi, s, ms).getTime();

describe('one clock', () => {
  it('formats an instant the same in the picker, the marker tooltip and the axis', () => {
    const at = local(2026, 11, 20, 10, 0, 2, 250);
    expect(formatLocalDateTime(at)).toBe('2026-11-20 10:00:02');
    expect(formatLocalDateTime(at, true)).toBe('2026-11-20 10:00:02.250');
    // Milliseconds only when asked and present, padded to three digits.
    expect(formatLocalDateTime(at - 250, true)).toBe('2026-11-20 10:00:02');
    expect(formatLocalDateTime(local(2026, 1, 5, 3, 4, 5, 7), true)).toBe('2026-01-05 03:04:05.007');
    const whole = local(2026, 11, 20, 10, 0, 2);
    const [tick] = clockTicks(whole, whole + 10_000, 5);
    expect(tick?.label.startsWith('2026-11-20 10:00:0')).toBe(true);
    expect(tick?.label).toBe(formatLocalDateTime(tick?.ms ?? 0));
  });

  it('writes a span to the second, start down and end up, the end date only when it differs', () => {
    const start = local(2026, 11, 20, 10, 0, 2, 900);
    expect(formatLocalSpan(start, local(2026, 11, 20, 10, 14, 39, 1))).toBe('2026-11-20 10:00:02–10:14:40');
    expect(formatLocalSpan(start, local(2026, 11, 21, 0, 0, 1))).toBe('2026-11-20 10:00:02–2026-11-21 00:00:01');
    expect(formatLocalSpan(local(2026, 11, 20, 10, 0, 2), local(2026, 11, 20, 10, 0, 2))).toBe('2026-11-20 10:00:02');
  });

  it('names the zone by its offset at the instant', () => {
    const at = Date.UTC(2026, 10, 20, 10);
    const offset = -new Date(at).getTimezoneOffset();
    const sign = offset < 0 ? '−' : '+';
    const abs = Math.abs(offset);
    const expected =
      offset === 0
        ? 'UTC'
        : `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    expect(zoneLabel(at)).toBe(expected);
  });
});

describe('the window header line', () => {
  const summary: Omit<WindowSummary, 'title'> = {
    service: 'checkout',
    kind: 'cpu',
    kinds: [{ kind: 'cpu', captures: 6 }],
    captures: 6,
    startMs: local(2026, 11, 20, 10, 0, 2, 400),
    endMs: local(2026, 11, 20, 10, 14, 39, 600),
    profiledNs: 18e9,
    aggregation: 'sum',
  };
  it('is the summary in local time, as the axis writes it', () => {
    expect(localWindowTitle(summary)).toBe(
      'checkout · CPU · 6 captures · 2026-11-20 10:00:02–10:14:40 · 18 s profiled',
    );
  });
  it('leaves out what is unknown', () => {
    expect(
      localWindowTitle({ ...summary, service: null, kind: 'heap', captures: 1, profiledNs: null, startMs: null }),
    ).toBe('Heap in use · 1 capture');
  });
});

describe('per second in the views', () => {
  it('formats a per-second unit in its base unit then /s, as kiln top --per-second does', () => {
    expect(formatViewValue(125e6, 'nanoseconds/s')).toBe('125 ms/s');
    expect(formatViewValue(1.5e9, 'nanoseconds/s')).toBe('1.5 s/s');
    expect(formatViewValue(2 * 1024 * 1024, 'bytes/s')).toBe('2 MiB/s');
    expect(formatViewValue(12.345, 'count/s')).toBe('12.35/s');
    expect(formatViewValue(125e6, 'nanoseconds')).toBe('125 ms');
  });
  it('marks a tree per second once, and leaves it alone unscaled', () => {
    const tree = { sampleType: { type: 'cpu', unit: 'nanoseconds' }, total: [1] };
    expect(shownPerScale(tree, undefined)).toBe(tree);
    const shown = shownPerScale(tree, 'per-second');
    expect(shown).toEqual({ sampleType: { type: 'cpu', unit: 'nanoseconds/s' }, total: [1] });
    expect(perSecondType(shown.sampleType)).toEqual({ type: 'cpu', unit: 'nanoseconds/s' });
    expect(tree.sampleType.unit).toBe('nanoseconds');
  });
});

describe('per=s in the URL', () => {
  const base = 'http://127.0.0.1:7000/?token=x&keep=1';
  it('writes per=s only when on, and reads it back', () => {
    const on = encodeViewUrl(base, {
      filters: [],
      viewMode: 'top-down',
      sandwichFunction: null,
      selection: { service: 'checkout', window: { startMs: 1000, endMs: 2000 } },
      perSecond: true,
    });
    expect(new URL(on).searchParams.get('per')).toBe('s');
    expect(new URL(on).searchParams.get('token')).toBeNull();
    expect(decodeViewQuery(new URL(on).search).perSecond).toBe(true);
    const off = encodeViewUrl(on, { filters: [], viewMode: 'top-down', sandwichFunction: null });
    expect(new URL(off).searchParams.has('per')).toBe(false);
    expect(new URL(off).searchParams.get('keep')).toBe('1');
    expect(decodeViewQuery('?per=1').perSecond).toBeUndefined();
    expect('perSecond' in decodeViewQuery('?sel=3')).toBe(false);
  });
});
