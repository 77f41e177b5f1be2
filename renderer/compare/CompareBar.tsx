/**
 * Starting and ending a comparison from the selected view: "Set as baseline A" keeps what is shown as A; picking
 * another capture or window (or alt+dragging a window on the timeline, which sets A directly) then compares it, as
 * B, with A. In a service's window, two values of an item label (version v1 against v2) compare in one step.
 */
import { useMemo, useState } from 'react';
import { itemsOfService } from '../../shared/capture/selection-parts';
import { formatSelection, type Selection } from '../../shared/capture/selection';
import { useCatalogueStore } from '../catalogue/catalogueStore';
import { useViewStore } from '../app/viewStore';
import { comparableLabels, labelSides } from './labelSides';

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
        {'service' in selection && <LabelCompare selection={selection} />}
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

/** Key, value A and value B among the window's captures' labels, and the button that compares them. */
function LabelCompare({ selection }: { selection: Extract<Selection, { service: string }> }) {
  const profiles = useCatalogueStore((s) => s.profiles);
  const choices = useMemo(() => comparableLabels(itemsOfService(profiles, selection)), [profiles, selection]);
  const [picked, setPicked] = useState<{ key: string; a: string; b: string } | null>(null);
  const first = choices[0];
  if (!first) return null;
  const current = picked && choices.some((c) => c.key === picked.key) ? picked : null;
  const key = current?.key ?? first.key;
  const values = choices.find((c) => c.key === key)?.values ?? [];
  const a = current?.a ?? values[0] ?? '';
  const b = current?.b ?? values[1] ?? '';
  const compare = (): void => {
    const sides = labelSides(selection, key, a, b);
    useViewStore.getState().setBase(sides.base);
    useViewStore.getState().setSelection(sides.target, useViewStore.getState().sampleType);
  };
  return (
    <span className="label-compare" data-testid="label-compare">
      or compare{' '}
      <select
        aria-label="Label"
        value={key}
        onChange={(event) => {
          const next = choices.find((c) => c.key === event.target.value);
          if (next) setPicked({ key: next.key, a: next.values[0] ?? '', b: next.values[1] ?? '' });
        }}
      >
        {choices.map((c) => (
          <option key={c.key} value={c.key}>
            {c.key}
          </option>
        ))}
      </select>{' '}
      <select
        aria-label="Value A"
        data-testid="label-a"
        value={a}
        onChange={(e) => setPicked({ key, a: e.target.value, b })}
      >
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>{' '}
      with{' '}
      <select
        aria-label="Value B"
        data-testid="label-b"
        value={b}
        onChange={(e) => setPicked({ key, a, b: e.target.value })}
      >
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>{' '}
      <button type="button" data-testid="label-compare-go" disabled={a === b} onClick={compare}>
        Compare
      </button>
    </span>
  );
}

/** Whether two selections name the same thing (their canonical text is one). */
export function sameSelection(a: Selection, b: Selection): boolean {
  return formatSelection(a) === formatSelection(b);
}
