/**
 * The stack chart's boxes for the selected profile and filters. Zooming and
 * panning ask for new ranges; until one arrives the last chart of the same
 * profile and filters stays, so the view redraws at once (scaled) and sharpens
 * when the answer comes. Answers to anything but the latest request are dropped.
 */
import { create } from 'zustand';
import type { Selection } from '../../shared/capture/selection';
import type { StackChart } from '../../shared/ipc/contract';
import { errorMessage, type KilnBackend } from '../backend/KilnBackend';
import { filtersArg } from './profileDataStore';

export interface StackChartRequest {
  /** A selection of one item whose samples have times. */
  selection: Selection;
  /** formatFilters text ('' for none). */
  filters: string;
  /** The range to load; absent: the whole profile. */
  startNs?: number;
  endNs?: number;
  widthPx: number;
}

/** Which profile and filters a chart belongs to: charts of one subject are interchangeable while zooming. */
export function stackChartSubject({ selection, filters }: Pick<StackChartRequest, 'selection' | 'filters'>): string {
  return JSON.stringify([selection, filters]);
}

export function stackChartKey(request: StackChartRequest): string {
  return JSON.stringify([request.selection, request.filters, request.startNs, request.endNs, request.widthPx]);
}

interface StackChartState {
  /** stackChartKey of the latest request. */
  key: string | null;
  /** stackChartSubject of `chart`. */
  subject: string | null;
  chart: StackChart | null;
  loading: boolean;
  error: string | null;
  load(backend: KilnBackend, request: StackChartRequest): Promise<void>;
}

export const useStackChartStore = create<StackChartState>((set, get) => ({
  key: null,
  subject: null,
  chart: null,
  loading: false,
  error: null,
  async load(backend, request) {
    const key = stackChartKey(request);
    if (get().key === key && get().error === null) return;
    const subject = stackChartSubject(request);
    // Another profile or filter list: the old boxes mean nothing for it.
    if (get().subject !== subject) set({ subject: null, chart: null });
    set({ key, loading: true, error: null });
    const { selection, filters, startNs, endNs, widthPx } = request;
    try {
      const chart = await backend.getStackChart({
        selection,
        widthPx,
        ...filtersArg(filters),
        ...(startNs === undefined ? {} : { startNs }),
        ...(endNs === undefined ? {} : { endNs }),
      });
      if (get().key === key) set({ chart, subject, loading: false });
    } catch (error) {
      if (get().key === key) set({ error: errorMessage(error), loading: false });
    }
  },
}));
