/** Reading the timeline and the window it selects in end-to-end tests: the URL's selection, the flame total. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { parseSelection, type Selection } from '../../shared/capture/selection';

/** The selection in the page URL's `sel=`. */
export function urlSelection(page: Page): Selection {
  return parseSelection(new URL(page.url()).searchParams.get('sel') ?? '');
}

/** The flame graph's total: the value on its root frame's card (icicle: the root is the top row). */
export async function flameTotal(page: Page): Promise<number> {
  const box = (await page.locator('[data-testid="flamegraph"][data-ready="true"]').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 6);
  const tooltip = page.locator('[data-testid="tooltip"]');
  await expect.poll(() => tooltip.locator('.flame-tooltip-name').textContent()).toBe('root');
  const total = Number(await tooltip.getAttribute('data-total'));
  await page.mouse.move(0, 0);
  return total;
}

/** The wall-clock range the timeline shows (its data attributes). */
export async function visibleRange(page: Page): Promise<{ fromMs: number; toMs: number }> {
  const timeline = page.locator('[data-testid="timeline"]');
  return {
    fromMs: Number(await timeline.getAttribute('data-from-ms')),
    toMs: Number(await timeline.getAttribute('data-to-ms')),
  };
}
