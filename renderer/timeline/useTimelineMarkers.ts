/**
 * The markers of every service (getTimeline): fetched again whenever the catalogue changes (an import may bring a
 * new build) and after each annotation the user adds, edits, deletes or imports. Its captures are kept too: the
 * timeline draws its lanes from them.
 */
import { useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Timeline, TimelineMarkerView } from '../../shared/ipc/contract';
import { useBackend } from '../backend/BackendContext';
import { useCatalogueStore } from '../catalogue/catalogueStore';
import { useTimelineFirstAnswers } from './timelineFirstAnswers';
import { timelineInput, type TimelineInput } from './timelineModel';
import { warmTimeline } from './warmTimeline';

export interface TimelineMarkers {
  /** Service name (NO_SERVICE for captures naming none) → its markers in time order. */
  byService: ReadonlyMap<string, TimelineMarkerView[]>;
  /** Every service getTimeline names, in its order (annotated services without captures included). */
  services: readonly string[];
  /** Every capture getTimeline lists, by service (null before its first answer): the lanes are drawn from these. */
  captures: TimelineInput | null;
  /** Fetches again; resolves when the new markers are in. */
  refetch(): Promise<void>;
  error: string | null;
}

const EMPTY = new Map<string, TimelineMarkerView[]>();

export function useTimelineMarkers(): TimelineMarkers {
  const backend = useBackend();
  const changes = useCatalogueStore((s) => s.changes);
  const [state, setState] = useState<{
    byService: ReadonlyMap<string, TimelineMarkerView[]>;
    services: string[];
    captures: TimelineInput | null;
  }>({ byService: EMPTY, services: [], captures: null });
  const [error, setError] = useState<string | null>(null);

  const apply = useCallback((timeline: Timeline): void => {
    // Rendered and drawn in the task that parsed the answer (see useTimelineSeries).
    flushSync(() => {
      setState({
        byService: new Map(timeline.services.map((s) => [s.name, s.markers])),
        services: timeline.services.map((s) => s.name),
        captures: timelineInput(timeline),
      });
      setError(null);
    });
  }, []);
  const fail = useCallback((cause: unknown): void => {
    setError(cause instanceof Error ? cause.message : String(cause));
  }, []);

  const refetch = useCallback((): Promise<void> => backend.getTimeline({}).then(apply, fail), [backend, apply, fail]);

  useEffect(() => {
    // An answer that arrives after a newer request began (the catalogue changed again) is dropped.
    let current = true;
    backend
      .getTimeline({})
      .then(
        (timeline) => current && apply(timeline),
        (cause: unknown) => current && fail(cause),
      )
      .finally(() => useTimelineFirstAnswers.getState().answered('markers'));
    // While the answer is on its way (once per page).
    const warm = setTimeout(warmTimeline, 0);
    return () => {
      current = false;
      clearTimeout(warm);
    };
  }, [backend, apply, fail, changes]);

  return { ...state, refetch, error };
}
