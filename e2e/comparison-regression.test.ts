/**
 * The comparison's story in Chromium on a real regression (test/diff-producers/go-regression-producer.ts: a Go
 * service run as build 1, 2, 1, 2, build 2 hashing inside main.handleCheckout): two brushes on the timeline — an
 * alt+drag over build 1's first capture (the baseline A), a plain drag over build 2's first (B) — bring up the
 * comparison; the suspect banner names main.handleCheckout, as `kiln diff` does over the same two captures; "Not my
 * code" on its package leaves it out and taking that back brings it back; the comparison survives a reload; the
 * screenshots go to test-results/comparison-regression-{light,dark}.png.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemSummary } from '../shared/ipc/contract';
import {
  missingRegressionTools,
  produceRegressionCaptures,
  type RegressionCaptures,
} from '../test/diff-producers/go-regression-producer';
import { confirmImport, openKilnPage, type KilnPage } from './support/kiln-page';
import { KILN_BIN, ROOT } from './support/kiln-serve';
import { inEachTheme, visibleRange } from './support/timeline-page';

const missing = missingRegressionTools();
const skipMessage = missing.length > 0 ? ` (skipped: ${missing.join(', ')} not installed)` : '';
const HANDLER = 'main.handleCheckout';
const RESULTS = join(ROOT, 'test-results');

describe.skipIf(missing.length > 0)(`comparing two brushed windows of a real regression${skipMessage}`, () => {
  let dir: string;
  let produced: RegressionCaptures;
  let session: KilnPage;
  let page: Page;
  /** The captures in time order: build 1, 2, 1, 2. */
  let items: ItemSummary[];

  async function xAt(ms: number): Promise<number> {
    const { fromMs, toMs } = await visibleRange(page);
    const box = (await page.locator('[data-testid="timeline-canvas"]').boundingBox())!;
    return box.x + ((ms - fromMs) / (toMs - fromMs)) * box.width;
  }
  const endMs = (item: ItemSummary): number => item.capturedAtMs! + item.durationNs! / 1e6;
  /**
   * Drags along the capture's bar on the CPU lane, a pixel inside each end (a window takes every capture it
   * overlaps, whole: inside, it cannot reach a neighbour), with `modifier` held.
   */
  async function brushOver(item: ItemSummary, modifier?: 'Alt'): Promise<void> {
    const box = (await page.locator('[data-testid="timeline-canvas"]').boundingBox())!;
    const y = box.y + 9;
    const from = (await xAt(item.capturedAtMs!)) + 1;
    const to = (await xAt(endMs(item))) - 1;
    if (modifier) await page.keyboard.down(modifier);
    await page.mouse.move(from, y);
    await page.mouse.down();
    await page.mouse.move(to, y, { steps: 8 });
    await page.mouse.up();
    if (modifier) await page.keyboard.up(modifier);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-e2e-regression-'));
    produced = await produceRegressionCaptures(dir);
    session = await openKilnPage();
    ({ page } = session);
    await page.setInputFiles('[data-testid="open-input"]', [...produced.base, ...produced.target]);
    await confirmImport(page);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="catalogue-row"]').length === 4,
      undefined,
      {
        timeout: 60_000,
      },
    );
    await page.waitForSelector('[data-testid="timeline-canvas"][data-ready="true"]');
    items = (await session.kiln.call<ItemSummary[]>('listItems', {})).sort((a, b) => a.capturedAtMs! - b.capturedAtMs!);
  }, 240_000);
  afterAll(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('compares an alt-brushed baseline with a brushed window and names the handler as kiln diff does', async () => {
    const [build1, build2] = items as [ItemSummary, ItemSummary];
    await brushOver(build1, 'Alt');
    await page.waitForSelector('[data-testid="timeline-baseline"]');
    await brushOver(build2);
    await page.waitForSelector('[data-testid="diff-row"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="diff-flamegraph"][data-ready="true"]');
    const banner = page.locator('[data-testid="suspect-banner"]');
    await expect.poll(() => banner.getAttribute('data-function')).toBe(HANDLER);
    expect(await page.textContent('[data-testid="suspect-path"]')).toMatch(
      new RegExp(`→ ${HANDLER.replace('.', '\\.')}$`),
    );

    // The same two captures through the CLI: the same suspect.
    const url = new URL(page.url());
    const base = url.searchParams.get('base')!;
    const target = url.searchParams.get('sel')!;
    const cli = spawnSync(
      process.execPath,
      [KILN_BIN, 'diff', base, target, '--db', session.kiln.dbPath, '--json', '--limit', '5'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(cli.status, cli.stderr).toBe(0);
    expect((JSON.parse(cli.stdout) as { suspects: { function: string }[] }).suspects[0]?.function).toBe(HANDLER);
    expect(await page.textContent('[data-testid="comparison-base"]')).toMatch(/ — 1 capture, /);
    expect(await page.textContent('[data-testid="comparison-target"]')).toMatch(/ — 1 capture, /);

    // "Not my code" on main leaves no function of the user's on the growth's path; taking it back restores it.
    await page.click('[data-testid="not-mine"]');
    await expect.poll(() => banner.getAttribute('data-function')).toBe('');
    await page.click('[data-testid="not-mine-list"] button');
    await expect.poll(() => banner.getAttribute('data-function')).toBe(HANDLER);

    await page.reload();
    await expect
      .poll(() => page.locator('[data-testid="suspect-banner"]').getAttribute('data-function'), {
        timeout: 30_000,
      })
      .toBe(HANDLER);
    mkdirSync(RESULTS, { recursive: true });
    await inEachTheme(page, async (scheme) => {
      await page.screenshot({ path: join(RESULTS, `comparison-regression-${scheme}.png`) });
    });
  });
});
