/**
 * The GC tab: GC beside CPU and allocations on one wall-clock axis for the selection (getGcWindows, the logs'
 * events, the service's CPU per capture), the change points marked, a table per window and the whole selection's
 * totals in a line. A drag across the chart selects that window for every view — the service over the window (or
 * the same items cut to it) — so the Stacks tab then shows what ran and allocated during a GC storm.
 */
import { useEffect, useMemo } from 'react';
import { isAllTime, type Selection, type TimeWindow } from '../../shared/capture/selection';
import type { ItemSummary } from '../../shared/ipc/contract';
import { useBackend } from '../backend/BackendContext';
import { useViewStore } from '../app/viewStore';
import { useCatalogueStore } from '../catalogue/catalogueStore';
import { itemsOfService } from '../../shared/capture/selection-parts';
import { GcWindowsChart } from './GcWindowsChart';
import { GcWindowsTable, totalsText } from './GcWindowsTable';
import { changeLabel } from './gcText';
import { brushedSelection, chartInput } from './gcPanelModel';
import { useGcWindowsStore } from './gcWindowsStore';
import { useWorkbenchStore } from './workbenchStore';
import './GcWindows.css';

export function GcWindowsPanel({ selection, items }: { selection: Selection; items: readonly ItemSummary[] }) {
  const backend = useBackend();
  const key = JSON.stringify(selection);
  const load = useGcWindowsStore((s) => s.load);
  const loadedKey = useGcWindowsStore((s) => s.key);
  const data = useGcWindowsStore((s) => s.data);
  const error = useGcWindowsStore((s) => s.error);
  const focusMs = useWorkbenchStore((s) => s.focus.atMs ?? null);
  const catalogue = useCatalogueStore((s) => s.profiles);
  // The items are read when the selection changes; a new array of the same items is no new request.
  useEffect(() => {
    void load(backend, selection, items);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [backend, load, key]);
  const input = useMemo(() => (data === null ? null : chartInput(data, focusMs)), [data, focusMs]);

  if (loadedKey !== key || (data === null && error === null))
    return <p className="loading-hint">Reading the GC logs…</p>;
  if (error !== null || data === null || input === null) {
    return (
      <p className="error-text" role="alert" data-testid="gc-windows-error">
        Could not read GC per window: {error}
      </p>
    );
  }
  const shaded = selection.window !== undefined && !isAllTime(selection.window) ? selection.window : null;
  const brush = (window: TimeWindow): void => {
    const next = brushedSelection(selection, window);
    // The sample type of the first capture with stacks in the window (a GC log has none): the Stacks tab's.
    const within = 'service' in next ? itemsOfService(catalogue, next) : items;
    const stacks = within.find((i) => i.sampleTypes.length > 0);
    useViewStore.getState().setSelection(next, stacks?.defaultSampleType ?? useViewStore.getState().sampleType);
  };
  const { gc } = data;
  return (
    <section className="gc-windows" data-testid="gc-windows" aria-label="GC per window">
      <p className="gc-totals" data-testid="gc-totals" data-events={gc.total.events}>
        {totalsText(gc.total)}
      </p>
      <p className="gc-logs-note">
        {gc.logs.length} GC log{gc.logs.length === 1 ? '' : 's'}
        {gc.logs.some((l) => (l.sameProcessAs ?? null) !== null) && ' (a recording of the same process counted once)'}
        {data.service !== null && ` · CPU of ${data.service}: ${data.cores.length} captures`}
        {gc.changes.length > 0 && ` · changed: ${gc.changes.map((c) => changeLabel(c)).join('; ')}`}
      </p>
      <GcWindowsChart input={input} shaded={shaded} onBrush={brush} />
      <GcWindowsTable windows={gc.windows} focusMs={focusMs} />
    </section>
  );
}
