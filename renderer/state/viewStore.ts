/** What the user is looking at: the selected profile, its sample type, the flame graph's zoom and search. */
import { create } from 'zustand';

interface ViewState {
  selectedProfileId: number | null;
  sampleType: number;
  /** Flame tree node that fills the width; 0 (the root) when not zoomed. */
  zoomNode: number;
  searchQuery: string;
  selectProfile(profileId: number, defaultSampleType: number): void;
  setSampleType(sampleType: number): void;
  zoomTo(node: number): void;
  resetZoom(): void;
  setSearchQuery(query: string): void;
}

export const useViewStore = create<ViewState>((set) => ({
  selectedProfileId: null,
  sampleType: 0,
  zoomNode: 0,
  searchQuery: '',
  // Zoom is a node index of one tree, meaningless in another: a new tree starts unzoomed.
  // The search query is kept, since looking for one function across profiles is common.
  selectProfile: (profileId, defaultSampleType) =>
    set({ selectedProfileId: profileId, sampleType: defaultSampleType, zoomNode: 0 }),
  setSampleType: (sampleType) => set({ sampleType, zoomNode: 0 }),
  zoomTo: (node) => set({ zoomNode: node }),
  resetZoom: () => set({ zoomNode: 0 }),
  setSearchQuery: (searchQuery) => set({ searchQuery }),
}));
