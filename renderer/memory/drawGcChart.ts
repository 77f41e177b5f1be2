/** Paints a GcChartLayout on a canvas: band frames and grid, pauses by kind, live heap, rate steps, CPU boxes, markers. */
import type { GcChartLayout } from './gcChartLayout';
import { clearCanvas, drawGridLines, type CanvasTarget } from '../charts/canvasTarget';
import { CHART_FONT } from '../gc/drawPauseChart';

export interface GcChartPalette {
  /** One colour per GC kind, in layout.kinds order (cycled). */
  kinds: string[];
  heap: string;
  frequency: string;
  allocation: string;
  cpu: string;
  marker: string;
  focus: string;
  grid: string;
  text: string;
}

const BAND_TITLES: Record<GcChartLayout['bands'][number]['name'], string> = {
  pauses: 'GC pauses by kind · live heap after GC',
  rates: 'GC/s · allocation MB/s per window',
  cpu: 'CPU cores per capture',
};

export function drawGcChart(target: CanvasTarget, layout: GcChartLayout, palette: GcChartPalette): void {
  const { ctx } = target;
  const { plot } = layout;
  clearCanvas(target);
  ctx.font = CHART_FONT;

  for (const band of layout.bands) {
    const ticks = band.left.ticks.length > 0 ? band.left.ticks : band.right.ticks;
    // The band's baseline too, so an empty band still reads as one.
    drawGridLines(ctx, plot.x, plot.width, [...ticks.map((tick) => tick.y), band.y + band.height], palette.grid);
    ctx.fillStyle = palette.text;
    ctx.textBaseline = 'bottom';
    ctx.textAlign = 'left';
    ctx.fillText(BAND_TITLES[band.name], plot.x + 4, band.y - 8);
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    for (const tick of band.left.ticks) ctx.fillText(tick.label, plot.x - 6, tick.y);
    ctx.textAlign = 'left';
    for (const tick of band.right.ticks) ctx.fillText(tick.label, plot.x + plot.width + 6, tick.y);
  }

  for (const bar of layout.bars) {
    ctx.fillStyle = palette.kinds[bar.kind % palette.kinds.length] ?? palette.heap;
    ctx.fillRect(bar.x, bar.y, bar.width, bar.height);
  }
  polyline(ctx, layout.heapLine, palette.heap, 1.5);
  polyline(ctx, layout.frequencySteps, palette.frequency, 2);
  polyline(ctx, layout.allocationSteps, palette.allocation, 1.5, [4, 3]);

  ctx.fillStyle = palette.cpu;
  ctx.globalAlpha = 0.55;
  for (const box of layout.coreBoxes) ctx.fillRect(box.x, box.y, box.width, box.height);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = palette.cpu;
  ctx.lineWidth = 1;
  for (const box of layout.coreBoxes) ctx.strokeRect(box.x + 0.5, box.y + 0.5, Math.max(0, box.width - 1), box.height);

  // Change points: a dashed line through every band, its label at the top (alternating rows when several are close).
  ctx.setLineDash([5, 4]);
  ctx.strokeStyle = palette.marker;
  ctx.lineWidth = 1.5;
  layout.markers.forEach((marker, i) => {
    const x = Math.round(marker.x) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, plot.top - 4);
    ctx.lineTo(x, plot.bottom);
    ctx.stroke();
    ctx.fillStyle = palette.marker;
    ctx.textBaseline = 'top';
    const right = x > plot.x + plot.width - 140;
    ctx.textAlign = right ? 'right' : 'left';
    ctx.fillText(marker.label, x + (right ? -4 : 4), plot.top + 2 + (i % 3) * 13);
  });
  ctx.setLineDash([]);
  if (layout.focusX !== null) {
    ctx.strokeStyle = palette.focus;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(layout.focusX, plot.top - 4);
    ctx.lineTo(layout.focusX, plot.bottom);
    ctx.stroke();
  }

  ctx.fillStyle = palette.text;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  for (const tick of layout.timeTicks) ctx.fillText(tick.label, tick.x, plot.bottom + 6);
}

function polyline(
  ctx: CanvasRenderingContext2D,
  points: readonly { x: number; y: number }[],
  colour: string,
  width: number,
  dash: number[] = [],
): void {
  if (points.length === 0) return;
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.lineJoin = 'round';
  ctx.setLineDash(dash);
  ctx.beginPath();
  points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
  ctx.stroke();
  ctx.setLineDash([]);
  if (points.length === 1 && points[0]) {
    ctx.fillStyle = colour;
    ctx.fillRect(points[0].x - 2, points[0].y - 2, 4, 4);
  }
}
