/**
 * Keeps the selection, sample type, filters, view mode, sandwich function and flame orientation in the page URL (history.replaceState), and
 * restores them at start-up. Runs after the backend is created, so the session token has already left the URL;
 * encodeViewUrl never writes one back.
 */
import type { Selection } from '../../shared/capture/selection';
import { useViewStore } from './viewStore';
import { decodeViewQuery, encodeViewUrl, type UrlViewState } from './viewUrl';

export function installViewUrlSync(): void {
  useViewStore.getState().restoreUrlState(decodeViewQuery(window.location.search));
  let last = urlState(useViewStore.getState());
  useViewStore.subscribe((state) => {
    const next = urlState(state);
    if (
      next.filters === last.filters &&
      next.viewMode === last.viewMode &&
      next.sandwichFunction === last.sandwichFunction &&
      next.orientation === last.orientation &&
      next.selection === last.selection &&
      next.sampleType === last.sampleType
    )
      return;
    last = next;
    const href = encodeViewUrl(window.location.href, next);
    if (href !== window.location.href) window.history.replaceState(window.history.state, '', href);
  });
}

function urlState({
  filters,
  viewMode,
  sandwichFunction,
  orientation,
  selection,
  sampleType,
}: Omit<UrlViewState, 'selection'> & { selection: Selection | null | undefined }): UrlViewState {
  return {
    filters,
    viewMode,
    sandwichFunction,
    orientation,
    ...(selection ? { selection, sampleType } : {}),
  };
}
