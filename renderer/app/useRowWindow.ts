/**
 * rowWindow.ts for a scrolled box: follows its scroll position and height, and the height of a drawn row (rows
 * are one line each; the first drawn row is measured after each commit).
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import { rowWindow, type RowWindow } from './rowWindow';

/** A one-line table row before one has been measured. */
const ROW_HEIGHT_GUESS_PX = 28;

export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, count: number, rowSelector: string): RowWindow {
  const [view, setView] = useState({ scrollTop: 0, viewportHeight: 0, rowHeight: ROW_HEIGHT_GUESS_PX });
  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (!box) return;
    const read = (): void => {
      const row = box.querySelector<HTMLElement>(rowSelector);
      const rowHeight = row?.getBoundingClientRect().height || ROW_HEIGHT_GUESS_PX;
      setView((v) =>
        v.scrollTop === box.scrollTop && v.viewportHeight === box.clientHeight && v.rowHeight === rowHeight
          ? v
          : { scrollTop: box.scrollTop, viewportHeight: box.clientHeight, rowHeight },
      );
    };
    read();
    box.addEventListener('scroll', read, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(box);
    return () => {
      box.removeEventListener('scroll', read);
      resize.disconnect();
    };
  }, [scrollRef, rowSelector, count]);
  return rowWindow({ count, ...view });
}
