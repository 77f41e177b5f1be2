/**
 * Memory over time (issue 13): the allocation timeline of the selection's heap captures and the leak-or-cache
 * ranking, with the selected function's series and callers below. One selected function serves all three — a band
 * click, a row click and a finding's link (workbenchStore.focus.function) set the same state.
 */
import { useEffect, useRef } from 'react';
import type { Selection } from '../../shared/capture/selection';
import type { ItemSummary } from '../../shared/ipc/contract';
import { useBackend } from '../backend/BackendContext';
import { AllocationTimelineChart } from './AllocationTimelineChart';
import { FunctionDetail } from './FunctionDetail';
import { LeakTable } from './LeakTable';
import { useAllocationTimelineStore, useLeaksStore } from './memoryStores';
import { useWorkbenchStore } from './workbenchStore';
import './Memory.css';

export function MemoryOverTime({ selection, items }: { selection: Selection; items: readonly ItemSummary[] }) {
  const backend = useBackend();
  const key = JSON.stringify(selection);
  const timeline = useAllocationTimelineStore();
  const leaks = useLeaksStore();
  const selected = useWorkbenchStore((s) => s.focus.function ?? null);
  const setFocus = useWorkbenchStore((s) => s.setFocus);
  const detailRef = useRef<HTMLDivElement>(null);
  const scrollToDetail = useRef(false);

  // Heap profiles or snapshots: what the leak ranking reads (a JFR recording alone has only its allocation timeline).
  const hasHeapCaptures = items.some((i) => i.kind === 'heap' || i.kind === 'heap-snapshot');
  useEffect(() => {
    void useAllocationTimelineStore.getState().load(backend, selection);
    if (hasHeapCaptures) void useLeaksStore.getState().load(backend, selection);
  }, [backend, selection, hasHeapCaptures]);

  useEffect(() => {
    if (selected !== null && scrollToDetail.current) detailRef.current?.scrollIntoView({ block: 'start' });
    scrollToDetail.current = false;
  }, [selected]);

  const timelineData = timeline.key === key ? timeline.data : null;
  const leaksData = leaks.key === key ? leaks.data : null;
  const select = (functionName: string | null): void =>
    setFocus(functionName === null ? {} : { function: functionName });
  const row = leaksData?.rows.find((r) => r.function === selected);
  const band = timelineData?.bands.find((b) => b.function === selected);
  const sampleType = leaksData?.sampleType ?? timelineData?.sampleType;

  return (
    <div className="memory-over-time" data-testid="memory-over-time">
      {timeline.key === key && timeline.error !== null ? (
        <p className="error-text" role="alert" data-testid="allocation-timeline-error">
          Could not load the allocation timeline: {timeline.error}
        </p>
      ) : timelineData === null ? (
        <p className="loading-hint">Loading the allocation timeline…</p>
      ) : (
        <AllocationTimelineChart
          timeline={timelineData}
          selectedFunction={selected}
          onSelect={(name) => {
            scrollToDetail.current = true;
            select(name);
          }}
        />
      )}
      {!hasHeapCaptures ? (
        <p className="empty-hint" data-testid="leak-table-recording-only">
          No leak ranking: a recording’s allocation samples say what is allocated, not what stays. Heap profiles or heap
          snapshots over time show what grows.
        </p>
      ) : leaks.key === key && leaks.error !== null ? (
        <p className="error-text" role="alert" data-testid="leak-table-error">
          Could not rank what grows: {leaks.error}
        </p>
      ) : leaksData === null ? (
        <p className="loading-hint">Ranking what grows…</p>
      ) : (
        <LeakTable leaks={leaksData} selectedFunction={selected} onSelect={select} />
      )}
      <div ref={detailRef}>
        {selected !== null && sampleType !== undefined ? (
          <FunctionDetail
            selection={selection}
            items={items}
            functionName={selected}
            sampleType={sampleType}
            captures={leaksData?.captures ?? timelineData?.captures ?? []}
            series={row?.series ?? band?.values ?? null}
          />
        ) : (
          <p className="empty-hint" data-testid="memory-function-hint">
            Click a band of the chart or a row of the ranking to see the series and callers of that function.
          </p>
        )}
      </div>
    </div>
  );
}
