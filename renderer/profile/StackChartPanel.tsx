/**
 * The stack chart view: the visible time range (kept per profile, so changing
 * filters keeps the zoom), its text, a reset, and the canvas. Like a map, the
 * boxes are fetched for what is on screen: after the view settles, a new range
 * is asked for when the loaded one no longer covers it at pixel resolution.
 */
import { itemSelection } from '../../shared/capture/selection';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ItemSummary } from '../../shared/ipc/contract';
import { formatValue } from '../../shared/format/units';
import { useBackend } from '../backend/BackendContext';
import { StackChartCanvas } from './stackchart/StackChartCanvas';
import { formatTime, rangeResolution } from '../charts/timeFormat';
import { fullRange, needsReload, requestFor, type TimeRange } from './stackchart/view';
import { stackChartSubject, useStackChartStore } from './stackChartStore';
import { useElementWidth } from '../app/useElementWidth';

/** How long the view must rest before boxes for it are fetched (wheel zooming sends many events). */
const RELOAD_DELAY_MS = 120;

const FILTER_NAMES: Record<string, string> = {
  invert: 'inverted view',
  label: 'label filters',
  lines: 'merge by line',
};

interface StackChartPanelProps {
  profile: ItemSummary;
  /** formatFilters text of the view's filters ('' for none). */
  filters: string;
}

export function StackChartPanel({ profile, filters }: StackChartPanelProps) {
  const backend = useBackend();
  const containerRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(containerRef);
  const { chart, subject, loading, error, load } = useStackChartStore();
  const [view, setView] = useState<{ itemId: number; range: TimeRange } | null>(null);

  const shown = subject === stackChartSubject({ selection: itemSelection(profile.id), filters }) ? chart : null;
  // The summary says whether samples have times; a chart without them (an older store) says so too.
  const available = profile.hasSampleTimes === true && shown?.hasTimes !== false;
  const zoomed = view !== null && view.itemId === profile.id ? view.range : null;
  const range = useMemo(() => (shown ? (zoomed ?? fullRange(shown)) : null), [shown, zoomed]);

  useEffect(() => {
    if (!available || width <= 0) return;
    const base = { selection: itemSelection(profile.id), filters };
    if (shown === null) {
      // First boxes for this profile and filters: the kept zoom, or the whole profile.
      void load(backend, zoomed ? { ...base, ...zoomed, widthPx: width } : { ...base, widthPx: width });
      return;
    }
    if (range === null || !needsReload(shown, range, width)) return;
    const timer = setTimeout(
      () => void load(backend, { ...base, ...requestFor(range, fullRange(shown), width) }),
      RELOAD_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [available, backend, load, profile.id, filters, shown, zoomed, range, width]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') setView(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const ignored = shown?.ignoredFilters ?? [];
  return (
    <section className="flame-panel" aria-label="Stack chart" ref={containerRef}>
      {!available ? (
        <p className="loading-hint" data-testid="stack-chart-unavailable">
          This profile’s samples carry no times, so it has no stack chart. Pick another view.
        </p>
      ) : (
        <>
          <div className="toolbar">
            {shown && range && (
              <span className="search-summary" data-testid="stack-chart-range">
                {formatTime(range.startNs - shown.timeStartNs, rangeResolution(range.endNs - range.startNs))} –{' '}
                {formatTime(range.endNs - shown.timeStartNs, rangeResolution(range.endNs - range.startNs))} (
                {formatValue(range.endNs - range.startNs, 'nanoseconds')} of{' '}
                {formatValue(shown.timeEndNs - shown.timeStartNs, 'nanoseconds')})
              </span>
            )}
            {loading && shown && <span className="search-summary">Loading…</span>}
            <span className="toolbar-spacer" />
            <span className="search-summary">Wheel: zoom · drag: pan · click: zoom to a call</span>
            <button type="button" data-testid="stack-chart-reset" onClick={() => setView(null)}>
              Reset zoom
            </button>
          </div>
          {error !== null && (
            <p className="error-text" role="alert" data-testid="stack-chart-error">
              Could not load the stack chart: {error}
            </p>
          )}
          {ignored.length > 0 && (
            <p className="loading-hint" data-testid="stack-chart-ignored-filters">
              Not applied to the stack chart: {ignored.map((kind) => FILTER_NAMES[kind] ?? kind).join(', ')}.
            </p>
          )}
          {shown?.truncated && (
            <p className="loading-hint" data-testid="stack-chart-truncated">
              Too many calls at this zoom: the deepest rows are left out. Zoom in to see them.
            </p>
          )}
          {shown && range ? (
            shown.maxDepth === 0 ? (
              <p className="loading-hint">No samples are left after the filters.</p>
            ) : (
              <StackChartCanvas
                chart={shown}
                range={range}
                widthPx={width}
                onRangeChange={(next) => setView({ itemId: profile.id, range: next })}
              />
            )
          ) : (
            error === null && <p className="loading-hint">Loading stack chart…</p>
          )}
        </>
      )}
    </section>
  );
}
