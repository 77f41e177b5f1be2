/** Everything about the selected profile: sample type, filters, view mode, flame graph(s) and top functions. */
import { useEffect, useMemo } from 'react';
import type { ItemSummary } from '../../shared/ipc/contract';
import { formatFilters } from '../../shared/query/filters';
import { useBackend } from '../backend/BackendContext';
import type { Selection } from '../../shared/capture/selection';
import { filtersArg, profileDataKey, useProfileDataStore } from './profileDataStore';
import { sandwichKey, useSandwichStore } from './sandwichStore';
import { flameFilters, showsInvertedTree, useViewStore } from '../app/viewStore';
import { CallTreePanel } from './CallTreePanel';
import { FilterBar } from './FilterBar';
import { FlamePanel } from './FlamePanel';
import { ItemHeading } from '../app/ItemHeading';
import { SampleTypePicker } from './SampleTypePicker';
import { SandwichPanel } from './SandwichPanel';
import { ShortcutsHelp } from '../app/ShortcutsHelp';
import { StackChartPanel } from './StackChartPanel';
import { TopFunctionsTable } from './TopFunctionsTable';
import { hasWindowHeader, scaleArg, stacksScale, useWindowSummaryStore } from '../app/windowSummaryStore';
import { perSecondType, shownPerScale } from './valueText';

/** `profile` is the selection's first item: its sample types and name head the view; `selection` is what is read. */
export function ProfileView({ profile, selection }: { profile: ItemSummary; selection: Selection }) {
  const backend = useBackend();
  const sampleType = useViewStore((s) => s.sampleType);
  const setSampleType = useViewStore((s) => s.setSampleType);
  const filters = useViewStore((s) => s.filters);
  const viewMode = useViewStore((s) => s.viewMode);
  const tableBottomUp = useViewStore((s) => s.tableBottomUp);
  const sandwichFunction = useViewStore((s) => s.sandwichFunction);
  const showSandwich = useViewStore((s) => s.showSandwich);
  const { key, flameTree, topFunctions, topTotal, error, load } = useProfileDataStore();
  const sandwich = useSandwichStore();
  const loadSandwich = sandwich.load;

  const topFilters = useMemo(() => formatFilters(filters), [filters]);
  // The sandwich view does not show the main tree; it keeps the top-down one loaded for switching back.
  const treeFilters = useMemo(
    () => formatFilters(flameFilters(filters, showsInvertedTree(viewMode, tableBottomUp) ? 'inverted' : 'top-down')),
    [filters, viewMode, tableBottomUp],
  );
  // Per second (the window header's toggle) scales every stacks request of this view alike.
  const scale = useWindowSummaryStore((s) => stacksScale(selection, s));
  const request = useMemo(
    () => ({ selection, sampleType, treeFilters, topFilters, ...scaleArg(scale) }),
    [selection, sampleType, treeFilters, topFilters, scale],
  );
  // What the flame tree answers, so the in-view search asks for its exact share of the same view.
  const flameView = useMemo(
    () => ({ selection, sampleType, ...filtersArg(treeFilters), ...scaleArg(scale) }),
    [selection, sampleType, treeFilters, scale],
  );
  const sandwichRequest = useMemo(
    () =>
      viewMode === 'sandwich' && sandwichFunction !== null
        ? { selection, sampleType, functionName: sandwichFunction, filters: topFilters, ...scaleArg(scale) }
        : null,
    [viewMode, sandwichFunction, selection, sampleType, topFilters, scale],
  );

  useEffect(() => {
    void load(backend, request);
  }, [backend, load, request]);

  useEffect(() => {
    if (sandwichRequest) void loadSandwich(backend, sandwichRequest);
  }, [backend, loadSandwich, sandwichRequest]);

  // Until the store catches up with a new selection it still holds the previous view's data.
  const current = key === profileDataKey(request);
  const sandwichCurrent = sandwichRequest !== null && sandwich.key === sandwichKey(sandwichRequest);
  const rawType = profile.sampleTypes[sampleType] ?? { type: '', unit: '' };
  // Per second, every value the views format reads "…/s" (valueText.ts): the trees carry it in their unit.
  const valueType = scale === undefined ? rawType : perSecondType(rawType);
  const shownTree = useMemo(() => (flameTree ? shownPerScale(flameTree, scale) : null), [flameTree, scale]);
  const callers = sandwichCurrent ? sandwich.callers : null;
  const callees = sandwichCurrent ? sandwich.callees : null;
  const shownCallers = useMemo(() => (callers ? shownPerScale(callers, scale) : null), [callers, scale]);
  const shownCallees = useMemo(() => (callees ? shownPerScale(callees, scale) : null), [callees, scale]);

  return (
    <section className="profile-view" aria-label={`Profile ${profile.name}`}>
      <ItemHeading item={profile} merged={hasWindowHeader(selection)}>
        <SampleTypePicker sampleTypes={profile.sampleTypes} value={sampleType} onChange={setSampleType} />
        <ShortcutsHelp />
      </ItemHeading>
      <FilterBar offerStackChart={profile.hasSampleTimes === true} />
      {current && error !== null && (
        <p className="error-text" role="alert" data-testid="profile-error">
          Could not load this profile: {error}
        </p>
      )}
      {viewMode === 'stack-chart' ? (
        <>
          {scale !== undefined && (
            <p className="empty-hint" data-testid="stack-chart-scale-note">
              The stack chart shows one capture&apos;s samples on its own clock, not per second.
            </p>
          )}
          <StackChartPanel profile={profile} filters={topFilters} />
        </>
      ) : viewMode === 'sandwich' ? (
        <SandwichPanel
          functionName={sandwichFunction}
          callers={shownCallers}
          callees={shownCallees}
          error={sandwichCurrent ? sandwich.error : null}
          selectionTotal={topTotal ?? profile.totals[sampleType] ?? 0}
        />
      ) : current && shownTree ? (
        viewMode === 'table' ? (
          <CallTreePanel tree={shownTree} />
        ) : (
          <FlamePanel tree={shownTree} view={flameView} />
        )
      ) : (
        error === null && <p className="loading-hint">Loading flame graph…</p>
      )}
      {current && topFunctions && (
        <TopFunctionsTable
          rows={topFunctions}
          sampleType={valueType}
          grandTotal={topTotal ?? flameTree?.shares.selectionTotal ?? 0}
          onFunctionClick={showSandwich}
        />
      )}
    </section>
  );
}
