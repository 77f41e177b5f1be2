/**
 * The comparison of the selection (B) with the baseline (A): what each side holds, the suspect, the diff flame
 * graph (B's tree or the union, coloured by change) and the signed table. Mode, tree and colours are the user's;
 * the mode, tree and baseline live in the URL (viewUrl.ts).
 */
import { useMemo, useState } from 'react';
import { formatSelection, type Selection } from '../../shared/capture/selection';
import {
  DIFF_MODES,
  type DiffFlameTree,
  type DiffMode,
  type DiffSideSummary,
  type ItemSummary,
} from '../../shared/ipc/contract';
import { formatFilters } from '../../shared/query/filters';
import { formatModeValue } from '../../shared/query/diff-side';
import { usePrefersDark } from '../app/usePrefersDark';
import { useViewStore } from '../app/viewStore';
import { FlameGraph } from '../profile/FlameGraph';
import { computeFlameLayout, type FlameLayout } from '../profile/flame/layout';
import { FilterBar } from '../profile/FilterBar';
import { SampleTypePicker } from '../profile/SampleTypePicker';
import { DIFF_PALETTES, diffNodeColors, sideNodeColors, type DiffPalette } from './diffColors';
import { DiffTable } from './DiffTable';
import { DiffTooltip } from './DiffTooltip';
import { SuspectBanner } from './SuspectBanner';
import { useComparison } from './useComparison';
import { useNotMineStore } from './notMineStore';
import './Comparison.css';

const MODE_NAMES: Record<DiffMode, string> = {
  absolute: 'Absolute values',
  normalized: 'Shares of each side',
  'per-second': 'Per second of each side',
};

export function ComparisonView({
  profile,
  target,
  base,
}: {
  profile: ItemSummary;
  target: Selection;
  base: Selection;
}) {
  const sampleType = useViewStore((s) => s.sampleType);
  const setSampleType = useViewStore((s) => s.setSampleType);
  const filters = useViewStore((s) => s.filters);
  const mode = useViewStore((s) => s.diffMode);
  const setMode = useViewStore((s) => s.setDiffMode);
  const layoutKind = useViewStore((s) => s.diffLayout);
  const setLayoutKind = useViewStore((s) => s.setDiffLayout);
  const setBase = useViewStore((s) => s.setBase);
  const setSelection = useViewStore((s) => s.setSelection);
  const prefersDark = usePrefersDark();
  const [palette, setPalette] = useState<DiffPalette>('blue-orange');
  const [zoomNode, setZoomNode] = useState(0);
  const [sideBySide, setSideBySide] = useState(false);
  /** Hide changes under this percentage of the larger side's total (0: none hidden). */
  const [floorPercent, setFloorPercent] = useState(0);
  const [colourBy, setColourBy] = useState<'total' | 'self'>('total');

  const filterText = useMemo(() => formatFilters(filters), [filters]);
  const notMine = useNotMineStore((s) => s.packages);
  // Side by side, both graphs are laid out on the union, so every frame of either side has its place in both.
  const request = useMemo(
    () => ({
      base,
      target,
      sampleType,
      mode,
      layout: sideBySide ? ('union' as const) : layoutKind,
      filters: filterText,
      notMine,
    }),
    [base, target, sampleType, mode, layoutKind, sideBySide, filterText, notMine],
  );
  const { diff, tree, titles, error } = useComparison(request);
  const layout = useMemo(() => (tree ? computeFlameLayout(tree) : null), [tree]);
  // The floor in the mode's numbers: a share of the larger side's total.
  const floor = diff ? (floorPercent / 100) * Math.max(diff.base.scaledTotal, diff.target.scaledTotal) : 0;
  const nodeColors = useMemo(
    () => (tree ? diffNodeColors(tree, palette, prefersDark, floor, colourBy) : undefined),
    [tree, palette, prefersDark, floor, colourBy],
  );
  const sideColors = useMemo(
    () =>
      tree && sideBySide
        ? { base: sideNodeColors(tree, 'base', prefersDark), target: sideNodeColors(tree, 'target', prefersDark) }
        : null,
    [tree, sideBySide, prefersDark],
  );
  const unit = profile.sampleTypes[sampleType]?.unit ?? '';
  const shownMode = diff?.mode ?? mode ?? 'absolute';
  const format = (value: number): string => formatModeValue(value, unit, shownMode);
  const side = (name: string, selection: Selection, title: string | undefined, summary: DiffSideSummary | undefined) =>
    `${name}: ${title ?? formatSelection(selection)}` +
    (summary
      ? ` — ${summary.items.length} ${summary.items.length === 1 ? 'capture' : 'captures'}, ${format(summary.scaledTotal)}` +
        (summary.samples === null ? '' : `, ${summary.samples.toLocaleString('en-US')} samples`)
      : '');

  /** A flame graph of the diff tree, zoomed with the others, its frames coloured `colors`, its card A → B. */
  const diffGraph = (
    tree: DiffFlameTree,
    layout: FlameLayout,
    testId: string,
    colors: readonly string[] | undefined,
  ) => (
    <FlameGraph
      layout={layout}
      zoomNode={zoomNode < layout.nodeCount ? zoomNode : 0}
      searchMatches={null}
      onZoom={setZoomNode}
      selectionTotal={tree.total[0] ?? 0}
      testId={testId}
      publishDebug={false}
      nodeColors={colors}
      renderTooltip={(node, at) => <DiffTooltip layout={layout} tree={tree} node={node} at={at} format={format} />}
    />
  );

  return (
    <section className="comparison-view" aria-label="Comparison" data-testid="comparison">
      <div className="comparison-sides">
        <div className="comparison-side side-a" data-testid="comparison-base">
          {side('A (baseline)', base, titles?.base, diff?.base)}
        </div>
        <div className="comparison-side side-b" data-testid="comparison-target">
          {side('B', target, titles?.target, diff?.target)}
        </div>
      </div>
      <div className="comparison-toolbar">
        <SampleTypePicker sampleTypes={profile.sampleTypes} value={sampleType} onChange={setSampleType} />
        <label>
          Compare{' '}
          <select
            data-testid="diff-mode"
            value={mode ?? 'auto'}
            onChange={(event) => setMode(event.target.value === 'auto' ? null : (event.target.value as DiffMode))}
          >
            <option value="auto">Automatic ({diff ? MODE_NAMES[diff.mode].toLowerCase() : '…'})</option>
            {DIFF_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_NAMES[m]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tree{' '}
          <select
            data-testid="diff-layout"
            disabled={sideBySide}
            value={sideBySide ? 'union' : layoutKind}
            onChange={(event) => setLayoutKind(event.target.value === 'union' ? 'union' : 'target')}
          >
            <option value="target">B&apos;s tree</option>
            <option value="union">A and B (what only A has shows too)</option>
          </select>
        </label>
        <label>
          Colours{' '}
          <select value={palette} onChange={(event) => setPalette(event.target.value as DiffPalette)}>
            {DIFF_PALETTES.map((p) => (
              <option key={p} value={p}>
                {p === 'blue-orange' ? 'blue less, orange more' : 'green less, red more'}
              </option>
            ))}
          </select>
        </label>
        <label>
          by{' '}
          <select
            data-testid="diff-colour-by"
            value={colourBy}
            onChange={(event) => setColourBy(event.target.value === 'self' ? 'self' : 'total')}
          >
            <option value="total">total (with callees)</option>
            <option value="self">self (own time)</option>
          </select>
        </label>
        <label title="Changes smaller than this share of the larger side's total are grey and left out of the table">
          Hide changes under{' '}
          <select
            data-testid="diff-floor"
            value={floorPercent}
            onChange={(event) => setFloorPercent(Number(event.target.value))}
          >
            {[0, 0.1, 0.5, 1, 2, 5].map((p) => (
              <option key={p} value={p}>
                {p === 0 ? 'nothing' : `${p}% of total`}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            data-testid="side-by-side"
            checked={sideBySide}
            onChange={(event) => setSideBySide(event.target.checked)}
          />{' '}
          A and B side by side
        </label>
        <span className="toolbar-spacer" />
        <button
          type="button"
          data-testid="swap-sides"
          onClick={() => {
            setBase(target);
            setSelection(base, sampleType);
          }}
        >
          Swap A and B
        </button>
        <button type="button" data-testid="clear-baseline" onClick={() => setBase(null)}>
          Stop comparing
        </button>
      </div>
      <FilterBar showViewMode={false} />
      {error !== null && (
        <p className="error-text" role="alert" data-testid="comparison-error">
          Could not compare: {error}
        </p>
      )}
      {diff && <SuspectBanner diff={diff} />}
      {tree && layout ? (
        sideColors ? (
          // Both on the union's layout (what either side has, as wide as the mean), zoomed together.
          <div className="comparison-side-by-side" data-testid="diff-side-by-side">
            {(['base', 'target'] as const).map((which) => (
              <div key={which} className="comparison-flame">
                <div className="comparison-flame-title">{which === 'base' ? 'A (baseline)' : 'B'}</div>
                {diffGraph(tree, layout, `diff-flamegraph-${which}`, sideColors[which])}
              </div>
            ))}
          </div>
        ) : (
          <div className="comparison-flame" data-testid="diff-flame">
            {diffGraph(tree, layout, 'diff-flamegraph', nodeColors)}
          </div>
        )
      ) : (
        error === null && <p className="loading-hint">Comparing…</p>
      )}
      {diff && <DiffTable diff={diff} format={format} floor={floor} />}
    </section>
  );
}
