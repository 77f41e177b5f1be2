/** Paints a PauseChartLayout on a canvas: grid, bars, heap line, axis labels. Text goes through fillText only. */
import type { PauseChartLayout } from './pauseChartLayout';
import { clearCanvas, drawGridLines, type CanvasTarget } from '../charts/canvasTarget';

export const CHART_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Space between an axis and its labels, in CSS pixels. */
const LABEL_GAP_PX = 6;

export interface ChartPalette {
  bar: string;
  line: string;
  grid: string;
  text: string;
}

/** Chart colours from the canvas's CSS custom properties, so the stylesheet owns the theme (fallbacks per theme). */
export function readChartPalette(canvas: HTMLCanvasElement, prefersDark: boolean): ChartPalette {
  const style = getComputedStyle(canvas);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    bar: read('--chart-bar', prefersDark ? '#ea580c' : '#c2410c'),
    line: read('--chart-line', prefersDark ? '#60a5fa' : '#2563eb'),
    grid: read('--chart-grid', prefersDark ? '#343a41' : '#e5e7eb'),
    text: read('--chart-text', prefersDark ? '#9aa4ae' : '#656d76'),
  };
}

export function drawPauseChart(target: CanvasTarget, layout: PauseChartLayout, palette: ChartPalette): void {
  const { ctx } = target;
  const { plot } = layout;
  const bottom = plot.y + plot.height;
  clearCanvas(target);
  ctx.font = CHART_FONT;

  drawGridLines(
    ctx,
    plot.x,
    plot.width,
    layout.pauseTicks.map((tick) => tick.at),
    palette.grid,
  );

  ctx.fillStyle = palette.bar;
  for (const bar of layout.bars) ctx.fillRect(bar.x, bar.y, bar.width, bar.height);

  if (layout.heapLine.length > 0) {
    ctx.strokeStyle = palette.line;
    ctx.lineWidth = 1.5;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    layout.heapLine.forEach((point, i) => (i === 0 ? ctx.moveTo(point.x, point.y) : ctx.lineTo(point.x, point.y)));
    ctx.stroke();
    // A lone point makes no line: mark it.
    const only = layout.heapLine.length === 1 ? layout.heapLine[0] : undefined;
    if (only) {
      ctx.fillStyle = palette.line;
      ctx.fillRect(only.x - 2, only.y - 2, 4, 4);
    }
  }

  ctx.fillStyle = palette.text;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (const tick of layout.pauseTicks) ctx.fillText(tick.label, plot.x - LABEL_GAP_PX, tick.at);
  ctx.textAlign = 'left';
  for (const tick of layout.heapTicks) ctx.fillText(tick.label, plot.x + plot.width + LABEL_GAP_PX, tick.at);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  for (const tick of layout.timeTicks) ctx.fillText(tick.label, tick.at, bottom + LABEL_GAP_PX);
}
