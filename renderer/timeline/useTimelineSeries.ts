/**
 * The series over the timeline's lanes (getTimelineSeries), by lane key: fetched again whenever the catalogue
 * changes (an import, a capture given a service or a start). A failed fetch leaves the lanes without series: the
 * bars are still the timeline.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useBackend } from '../backend/BackendContext';
import { useCatalogueStore } from '../catalogue/catalogueStore';
import { seriesByLane, type LaneSeries } from './seriesModel';
import { useTimelineFirstAnswers } from './timelineFirstAnswers';

const NONE: ReadonlyMap<string, LaneSeries> = new Map();

export function useTimelineSeries(): ReadonlyMap<string, LaneSeries> {
  const backend = useBackend();
  const changes = useCatalogueStore((s) => s.changes);
  const [series, setSeries] = useState<ReadonlyMap<string, LaneSeries>>(NONE);
  useEffect(() => {
    let current = true;
    backend
      .getTimelineSeries({})
      .then((answer) => {
        // Rendered and drawn now, in the task that parsed the answer, rather than in a render React schedules
        // behind the page's other work: the timeline's first draw waits on it.
        if (current) flushSync(() => setSeries(seriesByLane(answer)));
      })
      .catch(() => {
        if (current) setSeries(NONE);
      })
      .finally(() => useTimelineFirstAnswers.getState().answered('series'));
    return () => {
      current = false;
    };
  }, [backend, changes]);
  return series;
}
