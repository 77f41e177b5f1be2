/**
 * The comparison for the current baseline, selection, sample type, mode and filters: the table, the suspect and the
 * diff flame graph in one getDiff (both sides read once), and what each side holds. An answer for arguments that
 * have since changed is dropped, and one for other arguments is never shown (its key differs).
 */
import { useEffect, useState } from 'react';
import type { Selection } from '../../shared/capture/selection';
import type { DiffFlameTree, DiffMode, DiffResult, DiffTreeLayout } from '../../shared/ipc/contract';
import { useBackend } from '../backend/BackendContext';

/** Rows the table shows at most: the largest changes. */
export const TABLE_ROWS = 500;

export interface ComparisonRequest {
  base: Selection;
  target: Selection;
  sampleType: number;
  mode: DiffMode | null;
  layout: DiffTreeLayout;
  filters: string;
  /** Package prefixes left out of the suspects (notMineStore.ts). */
  notMine: readonly string[];
}

export interface Comparison {
  diff: DiffResult | null;
  tree: DiffFlameTree | null;
  /** What each side holds, as a window header says it (getWindowSummary's title). */
  titles: { base: string; target: string } | null;
  error: string | null;
}

/** `request` must keep its identity while its fields do (useMemo), or every render asks again. */
export function useComparison(request: ComparisonRequest): Comparison {
  const backend = useBackend();
  const [state, setState] = useState<Comparison & { key: string }>({
    key: '',
    diff: null,
    tree: null,
    titles: null,
    error: null,
  });
  const key = JSON.stringify(request);
  useEffect(() => {
    let current = true;
    const { base, target, sampleType, mode, layout, filters, notMine } = request;
    const sides = {
      base,
      target,
      sampleType,
      ...(mode === null ? {} : { mode }),
      ...(filters === '' ? {} : { filters }),
    };
    const suspectArgs = notMine.length > 0 ? { notMine: [...notMine] } : {};
    Promise.all([
      backend.getDiff({ ...sides, limit: TABLE_ROWS, layout, ...suspectArgs }),
      backend.getWindowSummary({ selection: base }),
      backend.getWindowSummary({ selection: target }),
    ]).then(
      ([diff, a, b]) =>
        current && setState({ key, diff, tree: diff.tree, titles: { base: a.title, target: b.title }, error: null }),
      (cause: unknown) =>
        current &&
        setState({
          key,
          diff: null,
          tree: null,
          titles: null,
          error: cause instanceof Error ? cause.message : String(cause),
        }),
    );
    return () => {
      current = false;
    };
  }, [backend, request, key]);
  return state.key === key ? state : { diff: null, tree: null, titles: null, error: null };
}
