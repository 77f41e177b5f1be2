/**
 * What the user is looking at: the selected profile, its sample type, the flame graph's zoom and search, the
 * stack filters and the view mode (top-down, inverted, sandwich). Filters, view mode and the sandwich function
 * are mirrored in the page URL (see urlSync.ts).
 */
import { create } from 'zustand';
import type { StackFilter } from '../../shared/query/filters';
import { DEFAULT_URL_VIEW_STATE, type UrlViewState, type UserFilter, type ViewMode } from './viewUrl';

interface ViewState extends UrlViewState {
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
  addFilter(filter: UserFilter): void;
  removeFilter(index: number): void;
  setViewMode(viewMode: ViewMode): void;
  /** Shows the sandwich view of a function. */
  showSandwich(functionName: string): void;
  /** Replaces filters, view mode and sandwich function (start-up from the URL). */
  restoreUrlState(state: UrlViewState): void;
}

export const useViewStore = create<ViewState>((set) => ({
  selectedProfileId: null,
  sampleType: 0,
  zoomNode: 0,
  searchQuery: '',
  ...DEFAULT_URL_VIEW_STATE,
  // Zoom is a node index of one tree, meaningless in another: a new tree starts unzoomed.
  // The search query and filters are kept, since looking at one function across profiles is common.
  selectProfile: (profileId, defaultSampleType) =>
    set({ selectedProfileId: profileId, sampleType: defaultSampleType, zoomNode: 0 }),
  setSampleType: (sampleType) => set({ sampleType, zoomNode: 0 }),
  zoomTo: (node) => set({ zoomNode: node }),
  resetZoom: () => set({ zoomNode: 0 }),
  setSearchQuery: (searchQuery) => set({ searchQuery }),
  addFilter: (filter) => set((s) => ({ filters: [...s.filters, filter], zoomNode: 0 })),
  removeFilter: (index) => set((s) => ({ filters: s.filters.filter((_, i) => i !== index), zoomNode: 0 })),
  setViewMode: (viewMode) => set({ viewMode, zoomNode: 0 }),
  showSandwich: (functionName) => set({ sandwichFunction: functionName, viewMode: 'sandwich' }),
  restoreUrlState: ({ filters, viewMode, sandwichFunction }) =>
    set({ filters, viewMode, sandwichFunction, zoomNode: 0 }),
}));

/** The filters the main flame graph is fetched with: inverted adds a trailing invert. */
export function flameFilters(filters: readonly UserFilter[], viewMode: ViewMode): StackFilter[] {
  return viewMode === 'inverted' ? [...filters, { kind: 'invert' }] : [...filters];
}
