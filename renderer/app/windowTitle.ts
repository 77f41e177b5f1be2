/**
 * The window header's line, made from WindowSummary's fields on the page's clock: "checkout · CPU · 6 captures ·
 * 2026-11-20 02:00:02–02:14:40 · 18 s profiled" in local time, as the axis, picker and tooltips write instants.
 * WindowSummary.title is the CLI's (UTC); the page does not show it, so one instant never reads two ways on screen.
 */
import type { WindowSummary } from '../../shared/ipc/contract';
import { windowTitle } from '../../shared/query/window-summary';
import { formatLocalSpan } from './formatDate';

export function localWindowTitle(summary: Omit<WindowSummary, 'title'>): string {
  return windowTitle(summary, formatLocalSpan);
}
