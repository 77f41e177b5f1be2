/** Fitting a frame's label into its width on the canvas. */

export const ELLIPSIS = '…';

/**
 * The longest prefix of `text` (plus an ellipsis when cut) whose measured width is
 * at most `maxWidth`, or '' when not even one character and the ellipsis fit.
 * Binary search, since measuring text is the expensive part of drawing labels.
 */
export function truncateToWidth(text: string, maxWidth: number, measure: (s: string) => number): string {
  if (measure(text) <= maxWidth) return text;
  let fits = 0;
  let tooLong = text.length;
  while (tooLong - fits > 1) {
    const mid = (fits + tooLong) >> 1;
    if (measure(text.slice(0, mid) + ELLIPSIS) <= maxWidth) fits = mid;
    else tooLong = mid;
  }
  return fits === 0 ? '' : text.slice(0, fits) + ELLIPSIS;
}
