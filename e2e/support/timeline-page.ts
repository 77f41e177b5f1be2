/**
 * Reading the timeline and the window it selects in end-to-end tests: the URL's selection, the flame total, the lanes,
 * a brushed window surviving a reload, the timeline in each theme.
 */
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

/** The timeline's lanes, top to bottom: [service, kind, bar count] as their data attributes say. */
export async function timelineLanes(page: Page): Promise<(string | null)[][]> {
  return page
    .locator('[data-testid="timeline-lane"]')
    .evaluateAll((lis) =>
      lis.map((li) => [
        li.getAttribute('data-service'),
        li.getAttribute('data-kind'),
        li.getAttribute('data-bar-count'),
      ]),
    );
}

/**
 * Reloads the page and checks that the brushed window comes back the same: the URL and its selection, the brush's
 * bounds, the header's title and the flame graph's total.
 */
export async function expectSameWindowAfterReload(
  page: Page,
  brushed: Extract<Selection, { service: string }>,
  title: string,
  total: number,
): Promise<void> {
  const before = page.url();
  await page.reload();
  await page.waitForSelector('[data-testid="timeline-canvas"][data-ready="true"]', { timeout: 30_000 });
  expect(page.url()).toBe(before);
  expect(urlSelection(page)).toEqual(brushed);
  const brush = page.locator('[data-testid="timeline-brush"]');
  await expect.poll(() => brush.getAttribute('data-start-ms')).toBe(String(brushed.window.startMs));
  expect(await brush.getAttribute('data-end-ms')).toBe(String(brushed.window.endMs));
  const header = page.locator('[data-testid="window-header"][data-ready="true"]');
  await header.waitFor({ timeout: 30_000 });
  expect(await header.locator('[data-testid="window-title"]').textContent()).toBe(title);
  await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
  expect(await flameTotal(page)).toBe(total);
}

/**
 * Shows the page in the light theme, then the dark one, calling `shoot` once the timeline has drawn in each; the
 * pointer is moved away first (no tooltip in the pictures) and the light theme is restored after.
 */
export async function inEachTheme(page: Page, shoot: (scheme: 'light' | 'dark') => Promise<void>): Promise<void> {
  await page.mouse.move(0, 0);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForSelector(`[data-testid="timeline-canvas"][data-ready="true"][data-theme="${scheme}"]`);
    await shoot(scheme);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
