/**
 * The sample label keys and values of the selection's items, which the
 * FilterBar offers for label filters. Responses to an older selection are
 * dropped, as in profileDataStore.
 */
import { create } from 'zustand';
import { formatSelection, type Selection } from '../../shared/capture/selection';
import type { LabelKey } from '../../shared/ipc/contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { beginRequest } from '../charts/requestStore';

interface LabelKeysState {
  /** Text of the selection loaded or loading (formatSelection); null before the first. */
  subject: string | null;
  keys: LabelKey[] | null;
  error: string | null;
  load(backend: KilnBackend, selection: Selection): Promise<void>;
}

export const useLabelKeysStore = create<LabelKeysState>((set, get) => ({
  subject: null,
  keys: null,
  error: null,
  async load(backend, selection) {
    const subject = formatSelection(selection);
    const request = beginRequest(get, set, {
      isCurrent: (state) => state.subject === subject,
      start: { subject, keys: null },
    });
    await request?.deliver(
      () => backend.getLabelKeys({ selection }),
      (keys) => ({ keys }),
    );
  },
}));
