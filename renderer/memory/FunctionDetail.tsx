/**
 * The function selected in the allocation timeline or the leak ranking: its heap in use in each capture, first to
 * last, and its callers and callees through the sandwich view over the same selection and the same sample type.
 */
import { useEffect, useMemo } from 'react';
import type { Selection } from '../../shared/capture/selection';
import type { ItemSummary } from '../../shared/ipc/contract';
import type { SeriesCapture } from '../../shared/ipc/memory-contract';
import { useBackend } from '../backend/BackendContext';
import { formatLocalDateTime } from '../app/formatDate';
import { SandwichPanel } from '../profile/SandwichPanel';
import { sandwichKey, useSandwichStore, type SandwichRequest } from '../profile/sandwichStore';
import { exactValue } from './memoryText';

/**
 * The sample type's position in the selection's first item (what getSandwich's `sampleType` indexes), and the
 * selection's total of it (what the sandwich's percentages are of); null when the first item lacks the type.
 */
export function sandwichSampleType(
  items: readonly ItemSummary[],
  type: string,
): { index: number; selectionTotal: number } | null {
  const first = items[0];
  const index = first?.sampleTypes.findIndex((t) => t.type === type) ?? -1;
  if (index < 0) return null;
  const selectionTotal = items
    .filter((i) => i.sampleTypes[index]?.type === type)
    .reduce((sum, i) => sum + (i.totals[index] ?? 0), 0);
  return { index, selectionTotal };
}

export function FunctionDetail({
  selection,
  items,
  functionName,
  sampleType,
  captures,
  series,
}: {
  selection: Selection;
  items: readonly ItemSummary[];
  functionName: string;
  sampleType: { type: string; unit: string };
  captures: readonly SeriesCapture[];
  /** The function's value per capture; null when neither the timeline nor the ranking holds it. */
  series: readonly number[] | null;
}) {
  const backend = useBackend();
  const typeAt = useMemo(() => sandwichSampleType(items, sampleType.type), [items, sampleType.type]);
  const request: SandwichRequest | null = useMemo(
    () => (typeAt === null ? null : { selection, sampleType: typeAt.index, functionName, filters: '' }),
    [selection, typeAt, functionName],
  );
  const sandwich = useSandwichStore();
  useEffect(() => {
    if (request !== null) void useSandwichStore.getState().load(backend, request);
  }, [backend, request]);
  const current = request !== null && sandwich.key === sandwichKey(request);

  return (
    <section className="memory-function" aria-label={`Heap in use of ${functionName}`} data-testid="memory-function">
      <h3>
        <span className="memory-function-name" data-testid="memory-function-name">
          {functionName}
        </span>
      </h3>
      {series !== null && series.length > 0 && (
        <>
          <p className="memory-muted">
            {sampleType.type} per capture, {exactValue(series[0] ?? 0, sampleType.unit)} →{' '}
            {exactValue(series[series.length - 1] ?? 0, sampleType.unit)}
          </p>
          <ol className="memory-series" data-testid="memory-function-series" data-values={series.join(',')}>
            {series.map((value, i) => (
              <li key={i}>
                <span className="memory-muted">
                  {i + 1}. {captures[i] ? formatLocalDateTime(captures[i].atMs) : ''}
                </span>{' '}
                <span className="num">{exactValue(value, sampleType.unit)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
      {typeAt === null ? (
        <p className="empty-hint">
          The first capture of the selection has no {sampleType.type} samples to show callers of.
        </p>
      ) : (
        <SandwichPanel
          functionName={functionName}
          callers={current ? sandwich.callers : null}
          callees={current ? sandwich.callees : null}
          error={current ? sandwich.error : null}
          selectionTotal={typeAt.selectionTotal}
        />
      )}
    </section>
  );
}
