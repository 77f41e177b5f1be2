import { describe, expect, it } from 'vitest';
import type { TimelineCapture } from '../ipc/contract';
import { captureColumns, captureRows } from './capture-columns';

const captures: TimelineCapture[] = [
  { id: 3, kind: 'cpu', capturedAtMs: 1_000, durationNs: 10e9, labels: { version: 'v1', pid: '7' } },
  { id: 9, kind: 'heap', capturedAtMs: 2_000, durationNs: null, labels: { pid: '7', version: 'v1' } },
  { id: 4, kind: 'cpu', capturedAtMs: 3_000, durationNs: 10e9, labels: { version: 'v2', pid: '8' } },
  { id: 5, kind: 'gc-log', capturedAtMs: null, durationNs: null, labels: {} },
];

describe('timeline capture columns', () => {
  it('sends each field as a column and each distinct label set once, whatever the order of its keys', () => {
    const { captures: columns, labelSets } = captureColumns(captures);
    expect(columns).toEqual({
      id: [3, 9, 4, 5],
      kind: ['cpu', 'heap', 'cpu', 'gc-log'],
      capturedAtMs: [1_000, 2_000, 3_000, null],
      durationNs: [10e9, null, 10e9, null],
      labelSet: [0, 0, 1, 2],
    });
    expect(labelSets).toEqual([{ version: 'v1', pid: '7' }, { version: 'v2', pid: '8' }, {}]);
  });

  it('gives back the rows it was made from, each with its own labels object', () => {
    const rows = captureRows(captureColumns(captures));
    expect(rows).toEqual(captures);
    expect(rows[0]?.labels).not.toBe(rows[1]?.labels);
  });

  it('keeps an empty service empty', () => {
    expect(captureColumns([])).toEqual({
      captures: { id: [], kind: [], capturedAtMs: [], durationNs: [], labelSet: [] },
      labelSets: [],
    });
    expect(captureRows(captureColumns([]))).toEqual([]);
  });
});
