import { describe, expect, it } from 'vitest';
import { automaticMarkers, sortMarkers, type MarkerCapture } from './markers';

const cap = (id: number, capturedAtMs: number | null, labels: Record<string, string> = {}): MarkerCapture => ({
  id,
  capturedAtMs,
  labels,
});

describe('automaticMarkers', () => {
  it('marks a build id change at the first capture of the new build, with both ids shortened', () => {
    const markers = automaticMarkers([
      cap(1, 1000, { build_id: '1a2b3c4d5e6f7a8b' }),
      cap(2, 2000, { build_id: '1a2b3c4d5e6f7a8b' }),
      cap(3, 3000, { build_id: '9f8e7d6c5b4a3921' }),
    ]);
    expect(markers).toEqual([{ atMs: 3000, label: 'build id 1a2b3c4d… → 9f8e7d6c…', source: 'build-id' }]);
  });

  it('marks version-like label changes with the key, and ignores other labels', () => {
    const markers = automaticMarkers([
      cap(1, 1000, { version: 'v1', 'jvm.version': '17.0.1', host: 'a', 'perf.version': '6.1' }),
      cap(2, 2000, { version: 'v2', 'jvm.version': '17.0.1', host: 'a', 'perf.version': '6.2' }),
      cap(3, 3000, { version: 'v2', 'jvm.version': '21.0.2', host: 'a' }),
    ]);
    expect(markers).toEqual([
      { atMs: 2000, label: 'version v1 → v2', source: 'label' },
      { atMs: 3000, label: 'jvm.version 17.0.1 → 21.0.2', source: 'label' },
    ]);
  });

  it('marks a restart where the pid or the process start time changes, per host', () => {
    const markers = automaticMarkers([
      cap(1, 1000, { pid: '123', host: 'a' }),
      cap(2, 1500, { pid: '999', host: 'b' }),
      cap(3, 2000, { pid: '123', host: 'a' }),
      cap(4, 3000, { pid: '456', host: 'a' }),
      cap(5, 4000, { pid: '456', host: 'a', 'process.start': '1' }),
      cap(6, 5000, { pid: '456', host: 'a', 'process.start': '2' }),
    ]);
    expect(markers).toEqual([
      { atMs: 3000, label: 'pid 123 → 456', source: 'restart' },
      { atMs: 5000, label: 'start time 1 → 2', source: 'restart' },
    ]);
  });

  it('makes no marker when nothing changes, and a capture lacking a label neither hides nor causes one', () => {
    expect(
      automaticMarkers([
        cap(1, 1000, { build_id: 'aa', pid: '1', version: '1' }),
        cap(2, 2000, {}),
        cap(3, 3000, { build_id: 'aa', pid: '1', version: '1' }),
      ]),
    ).toEqual([]);
    expect(
      automaticMarkers([cap(1, 1000, { build_id: 'aa' }), cap(2, 2000, {}), cap(3, 3000, { build_id: 'bb' })]),
    ).toEqual([{ atMs: 3000, label: 'build id aa → bb', source: 'build-id' }]);
  });

  it('reads captures in time order whatever order they come in, and skips captures without a start', () => {
    const markers = automaticMarkers([
      cap(3, 3000, { build_id: 'cc' }),
      cap(9, null, { build_id: 'zz' }),
      cap(1, 1000, { build_id: 'aa' }),
      cap(2, 2000, { build_id: 'bb' }),
    ]);
    expect(markers.map((m) => [m.atMs, m.label])).toEqual([
      [2000, 'build id aa → bb'],
      [3000, 'build id bb → cc'],
    ]);
  });

  it('orders one capture’s markers build-id, label, restart', () => {
    const markers = automaticMarkers([
      cap(1, 1000, { build_id: 'a', version: '1', pid: '1' }),
      cap(2, 2000, { build_id: 'b', version: '2', pid: '2' }),
    ]);
    expect(markers.map((m) => m.source)).toEqual(['build-id', 'label', 'restart']);
  });
});

describe('sortMarkers', () => {
  it('sorts by time, then automatic before user before file at one instant', () => {
    const sorted = sortMarkers([
      { atMs: 2, label: 'f', source: 'file' },
      { atMs: 2, label: 'u', source: 'user' },
      { atMs: 2, label: 'r', source: 'restart' },
      { atMs: 1, label: 'f1', source: 'file' },
    ]);
    expect(sorted.map((m) => m.label)).toEqual(['f1', 'r', 'u', 'f']);
  });
});
