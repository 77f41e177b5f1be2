/**
 * Function names are data, never markup: a profile whose names carry
 * <script> and </script> and an <img onerror> is imported through the real page,
 * and the names come back as text in the tables, with nothing executed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKilnPage, type KilnPage, confirmImport } from './support/kiln-page';

const NAMES = ['<script>window.__pwned=1</script>', '</script><img src=x onerror="window.__pwned=2">', 'main'];

describe('hostile function names in the browser build', () => {
  let session: KilnPage;
  let page: Page;

  beforeAll(async () => {
    session = await openKilnPage();
    ({ page } = session);
  }, 60_000);
  afterAll(() => session?.close());

  it('shows markup in names as text and runs none of it', async () => {
    const folded = `${NAMES[2]};${NAMES[0]} 30\n${NAMES[2]};${NAMES[1]} 20\n${NAMES[2]} 5\n`;
    await page.setInputFiles('[data-testid="open-input"]', {
      name: 'hostile.folded',
      mimeType: 'text/plain',
      buffer: Buffer.from(folded),
    });
    await confirmImport(page);
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]');
    const shown = await page.$$eval('[data-testid="top-row"] [data-col="function"]', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(shown).toEqual([NAMES[0], NAMES[1], NAMES[2]]);
    // The name is drawn on the canvas, found by the geometry hook, not parsed as HTML anywhere.
    const rect = await page.evaluate(
      (n) => (window as unknown as { __kilnFlame: { frameRect(n: string): unknown } }).__kilnFlame.frameRect(n),
      NAMES[0] as string,
    );
    expect(rect).not.toBeNull();
    await page.fill('[data-testid="search-input"]', 'script');
    await expect.poll(() => page.locator('[data-testid="search-summary"]').getAttribute('data-match-count')).toBe('2');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('body script:not([src])').count()).toBe(0);
  });
});
