/**
 * The exact share of an in-view search (getSearchTotal): the services sum the samples whose unfolded stack has a
 * match, since the drawn tree's folded slivers hide most matches on deep recursion. Null while none is asked for or
 * the answer to the current query has not arrived; an answer to an older query or view is dropped.
 */
import { useEffect, useState } from 'react';
import type { ArgsOf } from '../../../shared/ipc/contract';
import { useBackend } from '../../backend/BackendContext';

export interface SearchTotal {
  matched: number;
  selectionTotal: number;
}

export function useSearchTotal(view: ArgsOf<'getFlameTree'>, query: string): SearchTotal | null {
  const backend = useBackend();
  const [answer, setAnswer] = useState<{ view: ArgsOf<'getFlameTree'>; query: string; total: SearchTotal } | null>(
    null,
  );
  const trimmed = query.trim();
  useEffect(() => {
    if (trimmed === '') return;
    let wanted = true;
    backend.getSearchTotal({ ...view, query: trimmed }).then(
      (total) => {
        if (wanted) setAnswer({ view, query: trimmed, total });
      },
      () => {
        // A failed share leaves the summary without a percentage; the highlighted frames still show.
      },
    );
    return () => {
      wanted = false;
    };
  }, [backend, view, trimmed]);
  return answer !== null && answer.view === view && answer.query === trimmed ? answer.total : null;
}
