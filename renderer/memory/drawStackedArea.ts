/** Paints a StackedAreaLayout: grid, bands (each a polygon between its lower and upper edge), rate steps, axes. */
import { clearCanvas, drawGridLines, type CanvasTarget } from '../charts/canvasTarget';
import { CHART_FONT, type ChartPalette } from '../gc/drawPauseChart';
import { bandColor } from './bandColors';
import { valueY, type StackedAreaLayout } from './stackedArea';

const LABEL_GAP_PX = 6;

export function drawStackedArea(
  target: CanvasTarget,
  layout: StackedAreaLayout,
  palette: ChartPalette,
  /** A band drawn with an outline (the selected function); -1 for none. */
  selectedBand: number,
): void {
  const { ctx } = target;
  const { plot, xs, bands } = layout;
  const bottom = plot.y + plot.height;
  clearCanvas(target);
  ctx.font = CHART_FONT;

  drawGridLines(
    ctx,
    plot.x,
    plot.width,
    layout.valueTicks.map((tick) => tick.at),
    palette.grid,
  );

  const outline = (band: (typeof bands)[number]): void => {
    ctx.beginPath();
    xs.forEach((x, i) =>
      i === 0 ? ctx.moveTo(x, valueY(layout, band.upper[i] ?? 0)) : ctx.lineTo(x, valueY(layout, band.upper[i] ?? 0)),
    );
    for (let i = xs.length - 1; i >= 0; i--) ctx.lineTo(xs[i] as number, valueY(layout, band.lower[i] ?? 0));
    ctx.closePath();
  };
  bands.forEach((band, b) => {
    ctx.fillStyle = bandColor(b, bands.length);
    outline(band);
    ctx.fill();
  });
  const selected = bands[selectedBand];
  if (selected) {
    ctx.strokeStyle = palette.text;
    ctx.lineWidth = 2;
    outline(selected);
    ctx.stroke();
  }
  // A capture's edge: where the values are measured (between them the area is a straight interpolation).
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const x of xs) {
    ctx.moveTo(Math.round(x) + 0.5, plot.y);
    ctx.lineTo(Math.round(x) + 0.5, bottom);
  }
  ctx.stroke();

  if (layout.rateSteps.length > 0) {
    ctx.strokeStyle = palette.line;
    ctx.lineWidth = 2;
    ctx.setLineDash([5, 3]);
    ctx.beginPath();
    layout.rateSteps.forEach((s, i) => {
      if (i === 0) ctx.moveTo(s.x0, s.y);
      else ctx.lineTo(s.x0, s.y);
      ctx.lineTo(s.x1, s.y);
    });
    ctx.stroke();
    ctx.setLineDash([]);
  }

  ctx.fillStyle = palette.text;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'right';
  for (const tick of layout.valueTicks) ctx.fillText(tick.label, plot.x - LABEL_GAP_PX, tick.at);
  ctx.textAlign = 'left';
  ctx.fillStyle = palette.line;
  for (const tick of layout.rateTicks) ctx.fillText(tick.label, plot.x + plot.width + LABEL_GAP_PX, tick.at);
  ctx.fillStyle = palette.text;
  ctx.textBaseline = 'top';
  layout.timeTicks.forEach((tick) => {
    // The first and last labels stay inside the canvas.
    const half = ctx.measureText(tick.label).width / 2;
    const x = Math.min(Math.max(tick.at, half), target.widthPx - half);
    ctx.textAlign = 'center';
    ctx.fillText(tick.label, x, bottom + LABEL_GAP_PX);
  });
}
