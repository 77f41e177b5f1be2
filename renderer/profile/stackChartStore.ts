/**
 * The stack chart's boxes for the selected profile and filters. Zooming and
 * panning ask for new ranges; until one arrives the last chart of the same
 * profile and filters stays, so the view redraws at once (scaled) and sharpens
 * when the answer comes. Answers to anything but the latest request are dropped.
 */
import { create } from 'zustand';
import type { Selection } from '../../shared/capture/selection';
import type { StackChart } from '../../shared/ipc/contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { beginKeyedRequest } from '../charts/requestStore';
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
    const subject = stackChartSubject(request);
    // Another profile or filter list: the old boxes mean nothing for it. The same: they stay until the answer.
    const cleared = get().subject === subject ? { loading: true } : { subject: null, chart: null, loading: true };
    const started = beginKeyedRequest(get, set, stackChartKey(request), cleared);
    const { selection, filters, startNs, endNs, widthPx } = request;
    await started?.deliver(
      () =>
        backend.getStackChart({
          selection,
          widthPx,
          ...filtersArg(filters),
          ...(startNs === undefined ? {} : { startNs }),
          ...(endNs === undefined ? {} : { endNs }),
        }),
      (chart) => ({ chart, subject, loading: false }),
      { loading: false },
    );
  },
}));
