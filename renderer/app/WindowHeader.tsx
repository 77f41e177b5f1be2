/**
 * The header above a window's views: what the window holds (its summary on the page's clock, windowTitle.ts), every
 * kind of capture its span holds (the summary's `kinds`) as buttons that read the window as that kind, "per second"
 * for counters, and × to close the window (back to its earliest capture). Shown for a service's window or several
 * picked captures; one capture keeps its own heading.
 */
import { useEffect } from 'react';
import type { Selection } from '../../shared/capture/selection';
import { useBackend } from '../backend/BackendContext';
import { formatValue } from '../../shared/format/units';
import { kindLabel } from './itemKinds';
import { localWindowTitle } from './windowTitle';
import { closeWindow, switchWindowKind } from './windowActions';
import { hasWindowHeader, stacksScale, useWindowSummaryStore, windowSummaryKey } from './windowSummaryStore';
import './WindowHeader.css';

export function WindowHeader({ selection }: { selection: Selection | null }) {
  const backend = useBackend();
  const { key, summary, error, perSecond, setPerSecond, load } = useWindowSummaryStore();
  const shown = hasWindowHeader(selection);
  useEffect(() => {
    if (selection !== null && hasWindowHeader(selection)) void load(backend, selection);
  }, [backend, load, selection]);
  if (!shown || selection === null) return null;
  const current = key === windowSummaryKey(selection);
  const isWindow = 'service' in selection;
  const scaled = stacksScale(selection, { key, summary, perSecond }) !== undefined;
  return (
    <div className="window-header" data-testid="window-header" data-ready={current && summary !== null}>
      <span className="window-title" data-testid="window-title">
        {current && summary
          ? localWindowTitle(summary)
          : current && error
            ? `Could not read this window: ${error}`
            : 'Reading window…'}
      </span>
      {current && summary && isWindow && summary.kinds.length > 1 && (
        <span className="window-kinds" role="group" aria-label="Kinds in this window">
          {summary.kinds.map(({ kind, captures }) => (
            <button
              key={kind}
              type="button"
              data-testid="window-kind"
              data-kind={kind}
              aria-pressed={kind === summary.kind}
              disabled={kind === summary.kind}
              onClick={() => switchWindowKind(kind)}
            >
              {kindLabel(kind)} ({captures})
            </button>
          ))}
        </span>
      )}
      {current && summary?.aggregation === 'sum' && summary.profiledNs !== null && summary.profiledNs > 0 && (
        <label className="window-per-second" title="Divide every value by the window's profiled seconds">
          <input
            type="checkbox"
            data-testid="window-per-second"
            checked={perSecond}
            onChange={(event) => setPerSecond(event.target.checked)}
          />
          per second
        </label>
      )}
      {scaled && summary?.profiledNs != null && (
        <span
          className="window-rate-note"
          data-testid="window-rate-note"
          title="CPU time per second is cores: 1 s/s is one core busy. The stack chart is not scaled."
        >
          …/s: ÷ {formatValue(summary.profiledNs, 'nanoseconds')} profiled · 1 s/s = 1 core
        </span>
      )}
      {isWindow && (
        <button
          type="button"
          className="window-close"
          data-testid="window-close"
          title="Close the window (Esc on the timeline)"
          aria-label="Close the window"
          onClick={closeWindow}
        >
          ×
        </button>
      )}
    </div>
  );
}
