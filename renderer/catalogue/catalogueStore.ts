/** The list of imported profiles, as last fetched from the backend. */
import { create } from 'zustand';
import type { ItemSummary } from '../../shared/ipc/contract';
import { errorMessage, type KilnBackend } from '../backend/KilnBackend';

interface CatalogueState {
  profiles: ItemSummary[];
  loaded: boolean;
  error: string | null;
  /**
   * Answers after the first that changed nothing or something: what the timeline's markers and series are fetched
   * again on. Not counting the first lets the page ask for them while the catalogue itself is still on its way.
   */
  changes: number;
  refresh(backend: KilnBackend): Promise<void>;
}

export const useCatalogueStore = create<CatalogueState>((set) => ({
  profiles: [],
  loaded: false,
  error: null,
  changes: 0,
  async refresh(backend) {
    try {
      const profiles = await backend.listItems({});
      set((s) => ({ profiles, loaded: true, error: null, changes: s.loaded ? s.changes + 1 : 0 }));
    } catch (error) {
      set({ loaded: true, error: errorMessage(error) });
    }
  },
}));
