/** The callers and callees trees of the sandwich view; responses to an older request are dropped. */
import { create } from 'zustand';
import type { Selection } from '../../shared/capture/selection';
import type { FlameTree } from '../../shared/ipc/contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { beginKeyedRequest } from '../charts/requestStore';
import { filtersArg } from './profileDataStore';

export interface SandwichRequest {
  selection: Selection;
  sampleType: number;
  functionName: string;
  /** formatFilters text ('' for none). */
  filters: string;
  /** Per second of the window's profiled time (counters only); absent: as summed. */
  scale?: 'per-second';
}

export function sandwichKey({ selection, sampleType, functionName, filters, scale }: SandwichRequest): string {
  return JSON.stringify([selection, sampleType, functionName, filters, scale ?? null]);
}

interface SandwichState {
  key: string | null;
  callers: FlameTree | null;
  callees: FlameTree | null;
  error: string | null;
  load(backend: KilnBackend, request: SandwichRequest): Promise<void>;
}

export const useSandwichStore = create<SandwichState>((set, get) => ({
  key: null,
  callers: null,
  callees: null,
  error: null,
  async load(backend, request) {
    const started = beginKeyedRequest(get, set, sandwichKey(request), { callers: null, callees: null });
    const { selection, sampleType, functionName, filters, scale } = request;
    await started?.deliver(
      () =>
        backend.getSandwich({
          selection,
          sampleType,
          functionName,
          ...filtersArg(filters),
          ...(scale === undefined ? {} : { scale }),
        }),
      ({ callers, callees }) => ({ callers, callees }),
    );
  },
}));
