/**
 * Starting and ending a comparison from the selected view: "Set as baseline A" keeps what is shown as A; picking
 * another capture or window (or alt+dragging a window on the timeline, which sets A directly) then compares it, as
 * B, with A.
 */
import { formatSelection, type Selection } from '../../shared/capture/selection';
import { useViewStore } from '../app/viewStore';

export function CompareBar({ selection }: { selection: Selection }) {
  const base = useViewStore((s) => s.base);
  const setBase = useViewStore((s) => s.setBase);
  if (base === null) {
    return (
      <div className="compare-bar">
        <button type="button" data-testid="set-baseline" onClick={() => setBase(selection)}>
          Set as baseline A
        </button>
        <span className="compare-hint">then pick what to compare with it (alt+drag on the timeline sets A)</span>
      </div>
    );
  }
  return (
    <div className="compare-bar" data-testid="compare-waiting">
      <span>
        Baseline A is <code>{formatSelection(base)}</code>: pick another capture or brush another window to compare with
        it.
      </span>
      <button type="button" onClick={() => setBase(null)}>
        Stop comparing
      </button>
    </div>
  );
}

/** Whether two selections name the same thing (their canonical text is one). */
export function sameSelection(a: Selection, b: Selection): boolean {
  return formatSelection(a) === formatSelection(b);
}
