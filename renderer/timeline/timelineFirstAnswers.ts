/**
 * Whether the timeline's first answers (getTimeline, getTimelineSeries) are in, failed or not: the catalogue's
 * first listItems waits on them (App.tsx). With 10,000 captures the catalogue is 5 MB of JSON and the sidebar and
 * table it feeds are the page's largest render; reading and parsing it while the timeline's answers arrive kept
 * the home screen's first draw 100–250 ms behind its data (BENCHMARKS.md, "the timeline of 10,000 captures").
 */
import { create } from 'zustand';

interface FirstAnswers {
  markers: boolean;
  series: boolean;
  answered(which: 'markers' | 'series'): void;
}

export const useTimelineFirstAnswers = create<FirstAnswers>((set) => ({
  markers: false,
  series: false,
  answered: (which) => set({ [which]: true }),
}));

/** Resolves once both first answers are in (or failed), or after `capMs` whichever is first. */
export function timelineAnswered(capMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = (): boolean => {
      const { markers, series } = useTimelineFirstAnswers.getState();
      return markers && series;
    };
    if (done()) return resolve();
    const timer = setTimeout(finish, capMs);
    const unsubscribe = useTimelineFirstAnswers.subscribe(() => {
      if (done()) finish();
    });
    function finish(): void {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    }
  });
}
