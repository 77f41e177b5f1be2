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
}

export function sandwichKey({ selection, sampleType, functionName, filters }: SandwichRequest): string {
  return JSON.stringify([selection, sampleType, functionName, filters]);
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
    const { selection, sampleType, functionName, filters } = request;
    await started?.deliver(
      () => backend.getSandwich({ selection, sampleType, functionName, ...filtersArg(filters) }),
      ({ callers, callees }) => ({ callers, callees }),
    );
  },
}));
