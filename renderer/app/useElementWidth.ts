/** Width in CSS pixels of an element's content box, kept current by a ResizeObserver. */
import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

export function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  // Measured once before the first paint, so a chart draws in the commit that mounts it: the observer's first report
  // comes a frame later, and waiting for it cost the timeline's first draw a whole frame (~40 ms with 10,000 bars).
  useLayoutEffect(() => {
    const element = ref.current;
    if (element) setWidth(contentWidth(element));
  }, [ref]);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // The observer reports the size right after observe() too: the same value is no re-render.
    const observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * The content box's width as ResizeObserver's contentRect gives it (fractional, then floored as the observer's
 * is): the border box less borders, padding and a vertical scrollbar.
 */
function contentWidth(element: HTMLElement): number {
  const style = getComputedStyle(element);
  const px = (value: string): number => parseFloat(value) || 0;
  const borders = px(style.borderLeftWidth) + px(style.borderRightWidth);
  const scrollbar = Math.max(0, element.offsetWidth - element.clientWidth - borders);
  const inset = borders + px(style.paddingLeft) + px(style.paddingRight) + scrollbar;
  return Math.max(0, Math.floor(element.getBoundingClientRect().width - inset));
}
