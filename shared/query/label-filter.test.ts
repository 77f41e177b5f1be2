import { describe, expect, it } from 'vitest';
import {
  labelKeyConditions,
  labelsMeet,
  labelValueText,
  normalizeLabelFilters,
  parseLabelNumber,
  type LabelFilter,
  type SampleLabel,
} from './label-filter';

const str = (key: string, value: string): SampleLabel => ({ key, str: value, num: null });
const num = (key: string, value: number): SampleLabel => ({ key, str: null, num: value });
const label = (key: string, value: string): LabelFilter => ({ key, value });

/** Hand-made samples' label sets, by name. */
const SAMPLES: Record<string, SampleLabel[]> = {
  none: [],
  usersW1: [str('endpoint', '/api/users'), str('worker', '1')],
  usersW2: [str('endpoint', '/api/users'), str('worker', '2')],
  ordersW1: [str('endpoint', '/api/orders'), str('worker', '1')],
  usersPrefix: [str('endpoint', '/api/users/42')],
  twoEndpoints: [str('endpoint', '/a'), str('endpoint', '/api/orders')], // pprof allows a key twice
  bytes16: [num('bytes', 16)],
  bytes64: [num('bytes', 64)],
  bytesText: [str('bytes', '16')],
};

function kept(filters: LabelFilter[]): string[] {
  const conditions = labelKeyConditions(filters);
  return Object.keys(SAMPLES).filter((name) => labelsMeet(SAMPLES[name] ?? [], conditions));
}

describe('label filters', () => {
  it('keep samples with the key and exactly that value', () => {
    expect(kept([label('endpoint', '/api/users')])).toEqual(['usersW1', 'usersW2']);
    expect(kept([label('endpoint', '/api')])).toEqual([]); // no prefix or regex matching
    expect(kept([label('worker', '1')])).toEqual(['usersW1', 'ordersW1']);
    expect(kept([label('missing', 'x')])).toEqual([]);
  });

  it('OR values of one key and AND different keys', () => {
    expect(kept([label('endpoint', '/api/users'), label('endpoint', '/api/orders')])).toEqual([
      'usersW1',
      'usersW2',
      'ordersW1',
      'twoEndpoints',
    ]);
    expect(kept([label('endpoint', '/api/users'), label('worker', '1')])).toEqual(['usersW1']);
    expect(kept([label('endpoint', '/api/users'), label('endpoint', '/api/orders'), label('worker', '1')])).toEqual([
      'usersW1',
      'ordersW1',
    ]);
    expect(kept([label('endpoint', '/a'), label('worker', '1')])).toEqual([]);
  });

  it('match any of the values a sample has for one key', () => {
    expect(kept([label('endpoint', '/a')])).toEqual(['twoEndpoints']);
    expect(kept([label('endpoint', '/api/orders')])).toEqual(['ordersW1', 'twoEndpoints']);
  });

  it('compare numeric labels as numbers, string labels as text', () => {
    expect(kept([label('bytes', '16')])).toEqual(['bytes16', 'bytesText']);
    expect(kept([label('bytes', '16.0')])).toEqual(['bytes16']); // the same number, not the same text
    expect(kept([label('bytes', '1.6e1')])).toEqual(['bytes16']);
    expect(kept([label('bytes', '16B')])).toEqual([]); // a unit is not part of the number
    expect(kept([label('bytes', '16'), label('bytes', '64')])).toEqual(['bytes16', 'bytes64', 'bytesText']);
  });

  it('read numbers strictly and write them back readably', () => {
    expect(['12', '-0.5', '+3', '.5', '1e+21', '7.'].map(parseLabelNumber)).toEqual([12, -0.5, 3, 0.5, 1e21, 7]);
    expect(['', ' 1', '0x10', '1_000', 'Infinity', 'NaN', '1e999'].map(parseLabelNumber)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    for (const value of [0, 16, -2.5, 1e21, 123456789.125, 5e-7])
      expect(parseLabelNumber(labelValueText({ str: null, num: value }))).toBe(value);
    expect(labelValueText({ str: '/a', num: null })).toBe('/a');
  });

  it('become one condition per key, in key order, with the values that read as numbers', () => {
    expect(
      labelKeyConditions([label('worker', '1'), label('endpoint', '/a'), label('worker', '01'), label('worker', '1')]),
    ).toEqual([
      { key: 'endpoint', strings: ['/a'], numbers: [] },
      { key: 'worker', strings: ['01', '1'], numbers: [1] },
    ]);
  });

  it('normalize to one sorted list without duplicates', () => {
    expect(
      normalizeLabelFilters([
        label('worker', '1'),
        label('endpoint', '/b'),
        label('endpoint', '/a'),
        label('worker', '1'),
      ]),
    ).toEqual([label('endpoint', '/a'), label('endpoint', '/b'), label('worker', '1')]);
  });
});
