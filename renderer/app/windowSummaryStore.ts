/**
 * What the selected window holds (getWindowSummary), and the "per second" choice for counters. The window header
 * shows the summary; the profile views read it to know whether their stacks requests are scaled (stacksScale), so
 * the header's toggle and every number below it agree.
 */
import { create } from 'zustand';
import type { Selection } from '../../shared/capture/selection';
import type { WindowSummary } from '../../shared/ipc/contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { beginKeyedRequest } from '../charts/requestStore';

interface WindowSummaryState {
  /** JSON of the selection the summary is of (loaded or loading). */
  key: string | null;
  summary: WindowSummary | null;
  error: string | null;
  /** The user asked for counters per second of profiled time. */
  perSecond: boolean;
  setPerSecond(perSecond: boolean): void;
  load(backend: KilnBackend, selection: Selection): Promise<void>;
}

export function windowSummaryKey(selection: Selection): string {
  return JSON.stringify(selection);
}

export const useWindowSummaryStore = create<WindowSummaryState>((set, get) => ({
  key: null,
  summary: null,
  error: null,
  perSecond: false,
  setPerSecond: (perSecond) => set({ perSecond }),
  async load(backend, selection) {
    const started = beginKeyedRequest(get, set, windowSummaryKey(selection), { summary: null });
    await started?.deliver(
      () => backend.getWindowSummary({ selection }),
      (summary) => ({ summary }),
    );
  },
}));

/** Whether the header speaks for a selection: a service's window, or several picked captures. One capture has its own heading. */
export function hasWindowHeader(selection: Selection | null): boolean {
  return selection !== null && ('service' in selection || selection.items.length > 1);
}

/**
 * The `scale` the stacks requests of `selection` carry: per second only when the user asked, the header speaks for
 * the selection, its summary is loaded, and it sums counters over a known profiled time (gauges are never scaled).
 */
export function stacksScale(
  selection: Selection,
  state: Pick<WindowSummaryState, 'key' | 'summary' | 'perSecond'>,
): 'per-second' | undefined {
  if (!state.perSecond || !hasWindowHeader(selection) || state.key !== windowSummaryKey(selection)) return undefined;
  const summary = state.summary;
  return summary !== null && summary.aggregation === 'sum' && (summary.profiledNs ?? 0) > 0 ? 'per-second' : undefined;
}

/** The scale field of a stacks request: left out when unscaled. */
export function scaleArg(scale: 'per-second' | undefined): { scale?: 'per-second' } {
  return scale === undefined ? {} : { scale };
}
