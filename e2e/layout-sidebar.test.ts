/**
 * The app's layout at 1400×900 in Chromium against `kiln serve`: after importing real Go captures (one Enter in the
 * import dialog), the sidebar, the timeline and 300 px of flame graph fit the viewport; shift-clicking two captures
 * in the sidebar merges them, and the flame graph's total equals `kiln top A,B --json` (built CLI, same store); a drop
 * given service "checkout" and label version=2 in the dialog stores them (`kiln ls --json`); renaming the service in
 * the sidebar shows in `kiln ls --json` too. Screenshots: test-results/layout-{light,dark}.png.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemSummary } from '../shared/ipc/contract';
import { confirmImport, openKilnPage, type KilnPage } from './support/kiln-page';
import { KILN_BIN, ROOT } from './support/kiln-serve';
import { flameTotal } from './support/timeline-page';

const GO_SERVICE = join(ROOT, '..', 'shared', 'corpus', 'generated', 'go-service');
const OPENED = [2, 3, 4].map((n) => join(GO_SERVICE, `cpu_${n}.pb.gz`));
const DROPPED = [5, 6].map((n) => join(GO_SERVICE, `cpu_${n}.pb.gz`));
const RESULTS = join(ROOT, 'test-results');

function kiln<T>(dbPath: string, args: string[]): T {
  const out = spawnSync(process.execPath, [KILN_BIN, ...args, '--db', dbPath, '--json'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (out.status !== 0) throw new Error(`kiln ${args.join(' ')}: ${out.stderr}${out.stdout}`);
  return JSON.parse(out.stdout) as T;
}

async function dropFiles(page: Page, paths: string[]): Promise<void> {
  const files = paths.map((path) => ({
    name: path.split('/').pop() ?? '',
    data: readFileSync(path).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((list: { name: string; data: string }[]) => {
    const transfer = new DataTransfer();
    for (const { name, data } of list) {
      const raw = atob(data);
      const bytes = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
      transfer.items.add(new File([bytes], name, { type: 'application/octet-stream' }));
    }
    return transfer;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('[data-testid="drop-zone"]', type, { dataTransfer });
  }
}

describe('layout: sidebar, timeline and views at 1400×900', () => {
  let session: KilnPage;
  let page: Page;

  beforeAll(async () => {
    session = await openKilnPage();
    ({ page } = session);
    await page.setInputFiles('[data-testid="open-input"]', OPENED);
    await confirmImport(page);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="sidebar-item"]').length === 3,
      undefined,
      {
        timeout: 60_000,
      },
    );
    await page.waitForSelector('[data-testid="timeline-canvas"][data-ready="true"]');
  }, 120_000);
  afterAll(() => session?.close());

  it('shows the sidebar, the timeline, the view toolbar and 300 px of flame graph without scrolling', async () => {
    await page.locator('[data-testid="sidebar-item"]').first().click();
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    expect(page.viewportSize()).toEqual({ width: 1400, height: 900 });
    const boxes = await page.evaluate(() => {
      const rect = (selector: string) => {
        const r = document.querySelector(selector)?.getBoundingClientRect();
        return r ? { left: r.left, right: r.right, top: r.top, bottom: r.bottom } : null;
      };
      return {
        sidebar: rect('[data-testid="sidebar"]'),
        timeline: rect('[data-testid="timeline"]'),
        toolbar: rect('.profile-view .toolbar'),
        flame: rect('[data-testid="flamegraph"]'),
        pageScrolls: document.documentElement.scrollHeight > window.innerHeight,
      };
    });
    const { sidebar, timeline, toolbar, flame } = boxes;
    if (!sidebar || !timeline || !toolbar || !flame) throw new Error(`missing: ${JSON.stringify(boxes)}`);
    expect(boxes.pageScrolls).toBe(false);
    expect(sidebar.left).toBe(0);
    expect(sidebar.bottom).toBeLessThanOrEqual(900);
    expect(sidebar.right).toBeLessThanOrEqual(timeline.left);
    expect(timeline.top).toBeGreaterThanOrEqual(0);
    expect(timeline.bottom).toBeLessThanOrEqual(toolbar.top);
    expect(timeline.right).toBeLessThanOrEqual(1400);
    expect(toolbar.bottom).toBeLessThanOrEqual(flame.top);
    // At least 300 px of the flame graph on screen.
    expect(900 - flame.top).toBeGreaterThanOrEqual(300);
    expect(flame.left).toBeGreaterThanOrEqual(sidebar.right);
  });

  it('merges two shift-clicked captures: the flame total equals kiln top A,B', async () => {
    const items = page.locator('[data-testid="sidebar-item"]');
    await items.nth(0).click();
    await items.nth(1).click({ modifiers: ['Shift'] });
    const ids = [
      Number(await items.nth(0).getAttribute('data-profile-id')),
      Number(await items.nth(1).getAttribute('data-profile-id')),
    ];
    await expect.poll(() => page.locator('[data-testid="sidebar-item"][aria-selected="true"]').count()).toBe(2);
    await expect.poll(() => new URL(page.url()).searchParams.get('sel')).toBe(ids.join(','));
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    const rows = kiln<{ self: number }[]>(session.kiln.dbPath, ['top', ids.join(','), '--limit', '100000']);
    const cli = rows.reduce((sum, row) => sum + row.self, 0);
    expect(cli).toBeGreaterThan(0);
    await expect.poll(() => flameTotal(page), { timeout: 30_000 }).toBe(cli);
  });

  it('imports a drop with the service and label given in the dialog', async () => {
    await dropFiles(page, DROPPED);
    const dialog = page.locator('[data-testid="import-dialog"][open]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('2 files: cpu_5.pb.gz, cpu_6.pb.gz');
    await page.fill('[data-testid="tags-service"]', 'checkout');
    await page.fill('[data-testid="tags-labels"]', 'version=2');
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'layout-import-dialog.png') });
    await page.click('[data-testid="tags-submit"]');
    await page.waitForSelector('[data-testid="sidebar-group"][data-service="checkout"]', { timeout: 60_000 });
    await expect
      .poll(() =>
        page.locator('[data-testid="sidebar-group"][data-service="checkout"] [data-testid="sidebar-item"]').count(),
      )
      .toBe(2);
    const stored = kiln<ItemSummary[]>(session.kiln.dbPath, ['ls', '--service', 'checkout']);
    expect(stored.map((item) => item.name).sort()).toEqual(['cpu_5.pb.gz', 'cpu_6.pb.gz']);
    for (const item of stored) {
      expect(item.service).toBe('checkout');
      expect(item.labels.version).toBe('2');
    }
  });

  it('renames a service from the sidebar: kiln ls shows the new name', async () => {
    const before = kiln<ItemSummary[]>(session.kiln.dbPath, ['ls', '--service', 'checkout']);
    expect(before).toHaveLength(2);
    await page.click('[data-testid="sidebar-group"][data-service="checkout"] [data-testid="sidebar-rename-service"]');
    await page.waitForSelector('[data-testid="tags-editor"][open]');
    expect(await page.inputValue('[data-testid="tags-service"]')).toBe('checkout');
    await page.fill('[data-testid="tags-service"]', 'payments');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="sidebar-group"][data-service="payments"]');
    expect(await page.locator('[data-testid="sidebar-group"][data-service="checkout"]').count()).toBe(0);
    const after = kiln<ItemSummary[]>(session.kiln.dbPath, ['ls', '--service', 'payments']);
    expect(after.map((item) => item.id).sort()).toEqual(before.map((item) => item.id).sort());
    // Renaming keeps the labels.
    for (const item of after) expect(item.labels.version).toBe('2');
    expect(kiln<ItemSummary[]>(session.kiln.dbPath, ['ls', '--service', 'checkout'])).toEqual([]);
    // The timeline follows: a lane of payments, none of checkout.
    await expect
      .poll(() => page.locator('[data-testid="timeline-lane"][data-service="payments"]').count())
      .toBeGreaterThan(0);
    expect(await page.locator('[data-testid="timeline-lane"][data-service="checkout"]').count()).toBe(0);
  });

  it('takes screenshots in light and dark theme', async () => {
    mkdirSync(RESULTS, { recursive: true });
    await page.locator('[data-testid="sidebar-item"]').first().click();
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForFunction(
        (dark) => window.matchMedia('(prefers-color-scheme: dark)').matches === dark,
        scheme === 'dark',
      );
      // Canvases repaint on the next frames.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      await page.screenshot({ path: join(RESULTS, `layout-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });
});
