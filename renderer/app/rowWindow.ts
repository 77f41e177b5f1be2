/**
 * Which rows of a long list a scrolled box shows: the rest are left out of the DOM and stood in for by two spacers
 * of their height, so a table of 10,000 captures costs React and the browser what ~20 rows cost. Lists up to
 * `minCount` rows are drawn whole (every row in the DOM, as before: tab order, find in page, tests that count rows).
 */
export interface RowWindow {
  start: number;
  end: number;
  /** Height of the rows left out above `start` and below `end`, in px. */
  padTop: number;
  padBottom: number;
}

export interface RowWindowInput {
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  /** Rows drawn beyond each edge, so a quick scroll does not show the spacer. */
  overscan?: number;
  minCount?: number;
}

export const WHOLE_LIST_MAX = 400;

export function rowWindow({
  count,
  rowHeight,
  scrollTop,
  viewportHeight,
  overscan = 20,
  minCount = WHOLE_LIST_MAX,
}: RowWindowInput): RowWindow {
  if (count <= minCount || rowHeight <= 0) return { start: 0, end: count, padTop: 0, padBottom: 0 };
  const shown = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  // A scroll position past the end (the list just got shorter) shows the last rows.
  const first = Math.min(Math.floor(Math.max(0, scrollTop) / rowHeight), Math.max(0, count - shown));
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.max(start, Math.min(count, first + shown + overscan));
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}
