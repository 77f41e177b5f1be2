/**
 * `kiln serve` in Chromium at 1400×900, as a new user meets it: the page keeps its session across a reload
 * (the token leaves the address bar but stays with the tab), a failed import names its file once, the
 * catalogue leaves room for the selected item (its Total column inside the table's box, the flame graph's
 * canvas starting above the fold), and the search share and legend print the services' exact numbers as
 * "% of selection" (docs/PERCENTAGES.md).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { formatPercent } from '../shared/format/units';
import type { FlameView, ItemSummary } from '../shared/ipc/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKilnPage, type KilnPage, confirmImport } from './support/kiln-page';
import { ROOT } from './support/kiln-serve';

const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'public');
// A JFR recording (a dozen sample types in one catalogue cell), a Chrome trace (long item names), a Go profile.
const FILES = [
  join(CORPUS, 'jfr', 'speedscope__java-flight-recorder__heavy.jfr'),
  join(CORPUS, 'chrome-trace', 'speedscope__Chrome__116__Trace-20230603T221323.json'),
  join(ROOT, 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz'),
];

async function catalogueNames(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="catalogue-row"] [data-col="name"]', (cells) =>
    cells.map((c) => c.textContent ?? ''),
  );
}

describe('kiln serve at 1400×900: session across reloads, error text, layout', () => {
  let session: KilnPage;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    session = await openKilnPage();
    page = session.page;
    dir = mkdtempSync(join(tmpdir(), 'kiln-e2e-session-'));
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names the file once when an import fails', async () => {
    const empty = join(dir, 'empty.pb.gz');
    writeFileSync(empty, '');
    await page.setInputFiles('[data-testid="open-input"]', empty);
    await confirmImport(page);
    const errors = page.locator('[data-testid="import-errors"] li');
    await errors.first().waitFor();
    expect(await errors.first().textContent()).toBe('empty.pb.gz: empty file');
  });

  it('keeps the catalogue and the selected view across a reload', async () => {
    await page.setInputFiles('[data-testid="open-input"]', FILES);
    await confirmImport(page);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="catalogue-row"]').length >= 3,
      undefined,
      { timeout: 60_000 },
    );
    await page.click('[data-testid="catalogue-row"][data-kind="cpu"] [data-col="name"] >> text=cpu_1.pb.gz');
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    const before = await catalogueNames(page);
    expect(new URL(page.url()).searchParams.get('token')).toBeNull();

    await page.reload();
    await page.waitForSelector('[data-testid="catalogue-row"]', { timeout: 30_000 });
    expect(await catalogueNames(page)).toEqual(before);
    expect(await page.getByText('This page has no session token').count()).toBe(0);
    // The view reopens on the same item (its selection is in the URL; the token never is).
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="catalogue-row"][aria-selected="true"]').textContent()).toContain(
      'cpu_1.pb.gz',
    );
    expect(new URL(page.url()).searchParams.get('token')).toBeNull();

    // Opening the address again in the tab (no token in it) keeps the session too.
    await page.goto(new URL(page.url()).origin + '/');
    await page.waitForSelector('[data-testid="catalogue-row"]', { timeout: 30_000 });
    expect(await catalogueNames(page)).toEqual(before);
  });

  it('shows the catalogue’s Total column whole and the flame graph above the fold', async () => {
    await page.click('[data-testid="catalogue-row"][data-kind="cpu"] [data-col="name"] >> text=cpu_1.pb.gz');
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    expect(page.viewportSize()).toEqual({ width: 1400, height: 900 });
    const box = await page.evaluate(() => {
      const rect = (el: Element | null) => {
        const r = el?.getBoundingClientRect();
        return r ? { left: r.left, right: r.right, top: r.top, bottom: r.bottom } : null;
      };
      const headers = [...document.querySelectorAll('[data-testid="catalogue"] th')];
      const total = headers.find((th) => th.textContent?.trim().startsWith('Total')) ?? null;
      return {
        scroller: rect(document.querySelector('.catalogue-scroll')),
        total: rect(total),
        totalCells: [...document.querySelectorAll('[data-testid="catalogue-row"] [data-col="total"]')].map(rect),
        canvas: rect(document.querySelector('[data-testid="flamegraph"]')),
      };
    });
    const { scroller, total, canvas } = box;
    if (!scroller || !total || !canvas) throw new Error(`missing elements: ${JSON.stringify(box)}`);
    // Inside the table's visible box: nothing to scroll sideways to.
    for (const cell of [total, ...box.totalCells]) {
      expect(cell?.left).toBeGreaterThanOrEqual(scroller.left);
      expect(cell?.right).toBeLessThanOrEqual(scroller.right);
    }
    expect(canvas.top).toBeLessThan(900);
  });

  it('prints the exact search share and legend shares, as % of selection', async () => {
    const profiles = await session.kiln.call<ItemSummary[]>('listItems', {});
    const profile = profiles.find((p) => p.name === 'cpu_1.pb.gz');
    if (!profile) throw new Error('cpu_1.pb.gz is not in the catalogue');
    const view = { selection: { items: [profile.id] }, sampleType: profile.defaultSampleType };
    const tree = await session.kiln.call<FlameView>('getFlameTree', view);
    const exact = await session.kiln.call<{ matched: number; selectionTotal: number }>('getSearchTotal', {
      ...view,
      query: 'sha256',
    });
    expect(exact.matched).toBeGreaterThan(0);

    await page.fill('[data-testid="search-input"]', 'sha256');
    const summary = page.locator('[data-testid="search-summary"]');
    await expect.poll(() => summary.getAttribute('data-match-total')).toBe(String(exact.matched));
    expect(await summary.textContent()).toContain(
      `${formatPercent(exact.matched / exact.selectionTotal)} of selection`,
    );
    await page.fill('[data-testid="search-input"]', '');

    const first = page.locator('[data-testid="legend-package"]').first();
    const pkg = (await first.getAttribute('data-package')) ?? '';
    const self = Number(await first.getAttribute('data-self'));
    expect(self).toBeGreaterThan(0);
    expect(await first.textContent()).toContain(formatPercent(self / tree.shares.selectionTotal));
    expect(await page.locator('[data-testid="color-legend"]').textContent()).toContain('% of selection');
    expect(pkg).not.toBe('');
  });
});
