/** A fresh `kiln serve` and a Chromium page open on it, for one end-to-end suite. */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startKilnServe, type ServedKiln } from './kiln-serve';

export interface KilnPage {
  kiln: ServedKiln;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** `timezoneId` (e.g. "America/Los_Angeles") sets the page's local zone, so tests can tell local time from UTC. */
export async function openKilnPage(options: { timezoneId?: string } = {}): Promise<KilnPage> {
  const kiln = await startKilnServe();
  const browser = await launchChromium();
  const page = await browser.newPage({
    viewport: { width: 1400, height: 900 },
    ...(options.timezoneId === undefined ? {} : { timezoneId: options.timezoneId }),
  });
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(kiln.url);
  await page.waitForSelector('[data-testid="drop-zone"]');
  return {
    kiln,
    browser,
    page,
    close: async () => {
      await browser.close();
      await kiln.stop();
    },
  };
}

/**
 * Answers the import dialog that files dropped or opened bring up, as a user who changes nothing does: one Enter
 * (the files' own service, no labels).
 */
export async function confirmImport(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="import-dialog"][open]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
}

/** Opens `file` through the page's file input and waits until its flame graph has been drawn. */
export async function openProfileFile(page: Page, file: string, timeoutMs = 30_000): Promise<void> {
  await page.setInputFiles('[data-testid="open-input"]', file);
  await confirmImport(page);
  await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: timeoutMs });
}
