/**
 * Canvas set-up shared by the flame graph, the stack chart and the GC chart: a backing store sized for the CSS size
 * and device pixel ratio (so lines stay sharp after zoom or a move to another monitor), capped so a tall view does not
 * allocate more than a browser allows, and a context whose units are CSS pixels.
 */

/** Device pixels a canvas may have; beyond it the backing store is scaled below devicePixelRatio. */
export const MAX_CANVAS_PIXELS = 32_000_000;

/** Where a chart draws: its context and its size in CSS pixels. */
export interface CanvasTarget {
  ctx: CanvasRenderingContext2D;
  widthPx: number;
  heightPx: number;
  /** Device pixels per CSS pixel of the backing store. */
  devicePixelRatio: number;
}

/**
 * Sizes `canvas` for `widthPx` × `heightPx` CSS pixels at `devicePixelRatio` and returns where to draw; null (and
 * `data-ready="false"`, which the e2e tests wait on) while there is no canvas or no width yet.
 */
export function prepareCanvas(
  canvas: HTMLCanvasElement | null,
  widthPx: number,
  heightPx: number,
  devicePixelRatio: number,
): CanvasTarget | null {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return null;
  if (widthPx <= 0) {
    canvas.dataset.ready = 'false';
    return null;
  }
  const scale = Math.min(devicePixelRatio, Math.sqrt(MAX_CANVAS_PIXELS / (widthPx * heightPx)));
  const backingWidth = Math.round(widthPx * scale);
  const backingHeight = Math.round(heightPx * scale);
  // Assigning a canvas dimension clears and reallocates it even when unchanged.
  if (canvas.width !== backingWidth) canvas.width = backingWidth;
  if (canvas.height !== backingHeight) canvas.height = backingHeight;
  return { ctx, widthPx, heightPx, devicePixelRatio: scale };
}

/** Starts a frame: CSS-pixel units and an empty canvas. */
export function clearCanvas(target: CanvasTarget): void {
  target.ctx.setTransform(target.devicePixelRatio, 0, 0, target.devicePixelRatio, 0, 0);
  target.ctx.clearRect(0, 0, target.widthPx, target.heightPx);
}

/** Horizontal 1 px lines across [x, x + width] at each y, on half pixels so they stay sharp. */
export function drawGridLines(
  ctx: CanvasRenderingContext2D,
  x: number,
  width: number,
  ys: Iterable<number>,
  color: string,
): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const at of ys) {
    const y = Math.round(at) + 0.5;
    ctx.moveTo(x, y);
    ctx.lineTo(x + width, y);
  }
  ctx.stroke();
}
