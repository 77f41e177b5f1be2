/** Reading pixels in end-to-end tests: of the page as composited (a screenshot) or of a canvas's backing store. */
import type { Locator, Page } from 'playwright-core';

export type Rgb = [number, number, number];

/** The composited colour at a page point (CSS px from the viewport's top-left), read from a 1×1 screenshot. */
export async function pagePixel(page: Page, x: number, y: number): Promise<Rgb> {
  const png = await page.screenshot({ clip: { x: Math.floor(x), y: Math.floor(y), width: 1, height: 1 } });
  return page.evaluate(async (data) => {
    const image = await createImageBitmap(new Blob([new Uint8Array(data)], { type: 'image/png' }));
    const ctx = new OffscreenCanvas(1, 1).getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b] as Rgb;
  }, Array.from(png));
}

/** The colour a canvas holds at a point given in CSS px relative to the canvas, whatever its backing scale. */
export function canvasPixel(canvas: Locator, x: number, y: number): Promise<Rgb> {
  return canvas.evaluate(
    (element, point) => {
      const c = element as HTMLCanvasElement;
      const bounds = c.getBoundingClientRect();
      const scaleX = c.width / bounds.width;
      const scaleY = c.height / bounds.height;
      const data = c
        .getContext('2d')!
        .getImageData(Math.floor(point.x * scaleX), Math.floor(point.y * scaleY), 1, 1).data;
      return [data[0], data[1], data[2]] as Rgb;
    },
    { x, y },
  );
}

/** `#rrggbb` (or `rgb(r, g, b)`) as numbers. */
export function parseColor(text: string): Rgb {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(text.trim());
  if (hex) return [1, 2, 3].map((i) => parseInt(hex[i] as string, 16)) as Rgb;
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(text.trim());
  if (rgb) return [1, 2, 3].map((i) => Number(rgb[i])) as Rgb;
  throw new Error(`not a colour: ${text}`);
}

/** Relative luminance-ish brightness, 0 (black) to 255 (white). */
export function brightness([r, g, b]: Rgb): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
