/**
 * Keeps the selection, sample type, filters, view mode, sandwich function, flame orientation and the window
 * header's "per second" in the page URL (history.replaceState), and restores them at start-up. Runs after the
 * backend is created, so the session token has already left the URL; encodeViewUrl never writes one back.
 */
import type { Selection } from '../../shared/capture/selection';
import type { DiffMode } from '../../shared/ipc/contract';
import { useViewStore } from './viewStore';
import { decodeViewQuery, encodeViewUrl, type UrlViewState } from './viewUrl';
import { useWindowSummaryStore } from './windowSummaryStore';

export function installViewUrlSync(): void {
  const restored = decodeViewQuery(window.location.search);
  useViewStore.getState().restoreUrlState(restored);
  useWindowSummaryStore.getState().setPerSecond(restored.perSecond === true);
  let last = currentUrlState();
  const sync = (): void => {
    const next = currentUrlState();
    if (
      next.filters === last.filters &&
      next.viewMode === last.viewMode &&
      next.sandwichFunction === last.sandwichFunction &&
      next.orientation === last.orientation &&
      next.selection === last.selection &&
      next.sampleType === last.sampleType &&
      next.perSecond === last.perSecond &&
      next.base === last.base &&
      next.diffMode === last.diffMode &&
      next.diffLayout === last.diffLayout
    )
      return;
    last = next;
    const href = encodeViewUrl(window.location.href, next);
    if (href !== window.location.href) window.history.replaceState(window.history.state, '', href);
  };
  useViewStore.subscribe(sync);
  useWindowSummaryStore.subscribe(sync);
}

function currentUrlState(): UrlViewState {
  return urlState(useViewStore.getState(), useWindowSummaryStore.getState().perSecond);
}

function urlState(
  {
    filters,
    viewMode,
    sandwichFunction,
    orientation,
    selection,
    sampleType,
    base,
    diffMode,
    diffLayout,
  }: Omit<UrlViewState, 'selection' | 'perSecond' | 'base' | 'diffMode'> & {
    selection: Selection | null | undefined;
    base: Selection | null;
    diffMode: DiffMode | null;
  },
  perSecond: boolean,
): UrlViewState {
  return {
    filters,
    viewMode,
    sandwichFunction,
    orientation,
    ...(selection ? { selection, sampleType } : {}),
    ...(perSecond ? { perSecond: true as const } : {}),
    ...(base ? { base } : {}),
    ...(diffMode ? { diffMode } : {}),
    ...(diffLayout === 'union' ? { diffLayout } : {}),
  };
}
