/**
 * The data of the GC tab for a selection: GC per window and its change points (getGcWindows), each counted log's
 * events on the wall clock (getGcEvents; its capture start + the event's time, as getTimelineSeries places them) for
 * the pause marks by kind, and the CPU cores per capture of the selection's service (getTimelineSeries). Answers to
 * an older selection are dropped (charts/requestStore).
 */
import { create } from 'zustand';
import { isAllTime, type Selection } from '../../shared/capture/selection';
import type { ItemSummary } from '../../shared/ipc/contract';
import type { GcWindows } from '../../shared/ipc/memory-contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { beginKeyedRequest } from '../charts/requestStore';

export interface PlacedPause {
  atMs: number;
  pauseMs: number;
  kind: string;
  liveHeapBytes: number | null;
}

export interface CoreSpan {
  itemId: number;
  startMs: number;
  endMs: number;
  value: number;
}

export interface GcTabData {
  gc: GcWindows;
  events: PlacedPause[];
  cores: CoreSpan[];
  service: string | null;
}

interface GcWindowsState {
  key: string | null;
  data: GcTabData | null;
  error: string | null;
  load(backend: KilnBackend, selection: Selection, items: readonly ItemSummary[]): Promise<void>;
}

/** The service whose CPU is drawn beside the GC: the selection's, or the GC logs' own for a list of items. */
export function serviceOf(selection: Selection, items: readonly ItemSummary[]): string | null {
  if ('service' in selection) return selection.service;
  return items.find((i) => i.kind === 'gc-log' && i.service)?.service ?? null;
}

async function fetchData(
  backend: KilnBackend,
  selection: Selection,
  items: readonly ItemSummary[],
): Promise<GcTabData> {
  const gc = await backend.getGcWindows({ selection });
  const window = selection.window !== undefined && !isAllTime(selection.window) ? selection.window : null;
  const inWindow = (ms: number): boolean => window === null || (ms >= window.startMs && ms < window.endMs);
  // The logs getGcWindows counted: a twin (a JVM's JFR and -Xlog:gc of one process) would draw every pause twice.
  const counted = gc.logs.filter((l) => (l.sameProcessAs ?? null) === null).map((l) => l.itemId);
  const starts = new Map(items.map((i) => [i.id, i.capturedAtMs]));
  const logs = await Promise.all(counted.map((itemId) => backend.getGcEvents({ itemId })));
  const events: PlacedPause[] = [];
  logs.forEach((log, i) => {
    const origin = starts.get(counted[i] as number) ?? null;
    if (origin === null) return;
    for (const e of log) {
      const atMs = origin + e.timeMs;
      if (inWindow(atMs))
        events.push({ atMs, pauseMs: e.pauseNs / 1e6, kind: e.kind, liveHeapBytes: e.heapAfterBytes });
    }
  });
  events.sort((a, b) => a.atMs - b.atMs);

  const service = serviceOf(selection, items);
  const cores: CoreSpan[] = [];
  if (service !== null) {
    const series = await backend.getTimelineSeries({ service });
    // A service's window draws the captures overlapping it; a list of items, the captures beside its logs' span.
    const span = window ?? { startMs: gc.total.startMs, endMs: gc.total.endMs };
    for (const s of series.captures) {
      if (s.service !== service || s.measure !== 'cores') continue;
      s.points.itemId.forEach((itemId, i) => {
        const startMs = s.points.startMs[i] as number;
        const endMs = s.points.endMs[i] as number;
        if (Math.max(endMs, startMs + 1) > span.startMs && startMs < span.endMs) {
          cores.push({ itemId, startMs, endMs, value: s.points.value[i] as number });
        }
      });
    }
  }
  return { gc, events, cores, service };
}

export const useGcWindowsStore = create<GcWindowsState>((set, get) => ({
  key: null,
  data: null,
  error: null,
  async load(backend, selection, items) {
    const request = beginKeyedRequest(get, set, JSON.stringify(selection), { data: null });
    await request?.deliver(
      () => fetchData(backend, selection, items),
      (data) => ({ data }),
    );
  },
}));
