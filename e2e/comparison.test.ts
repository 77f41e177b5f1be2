/**
 * The comparison in Chromium, on real Go CPU captures of one service: a URL with a baseline (`base=`) opens the
 * comparison of the selection (B) with it — the signed table's changes equal `go tool pprof -top -diff_base` over
 * the same files, the diff flame graph is drawn with a frame per call path of both sides, the suspect banner is
 * there — and it survives a reload; "Set as baseline A" then another capture starts one from the views; "Stop
 * comparing" ends it. Screenshots in light and dark theme go to test-results/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemSummary } from '../shared/ipc/contract';
import { pprofTop } from '../test/fixtures/pprof-top';
import { confirmImport, openKilnPage, type KilnPage } from './support/kiln-page';
import { ROOT } from './support/kiln-serve';

const GO_SERVICE = join(ROOT, '..', 'shared', 'corpus', 'generated', 'go-service');
const cpu = (n: number): string => join(GO_SERVICE, `cpu_${n}.pb.gz`);
const FILES = [1, 2, 3, 4, 5, 6].map(cpu);

interface ShownRow {
  name: string;
  delta: number;
}

async function shownRows(page: Page): Promise<ShownRow[]> {
  return page.$$eval('[data-testid="diff-row"]', (trs) =>
    trs.map((tr) => ({
      name: tr.getAttribute('data-function') ?? '',
      delta: Number(tr.getAttribute('data-delta-total')),
    })),
  );
}

describe('comparing two selections in the browser', () => {
  let session: KilnPage;
  let page: Page;
  let ids: number[];
  let cpuType: number;
  let scratch: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'kiln-e2e-compare-'));
    session = await openKilnPage();
    page = session.page;
    await page.setInputFiles('[data-testid="open-input"]', FILES);
    await confirmImport(page);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="catalogue-row"]').length === 6,
      undefined,
      {
        timeout: 60_000,
      },
    );
    const items = await session.kiln.call<ItemSummary[]>('listItems', {});
    // Oldest first: the files' capture order, cpu_1 … cpu_6.
    ids = [...items].sort((a, b) => (a.capturedAtMs ?? 0) - (b.capturedAtMs ?? 0)).map((item) => item.id);
    cpuType = items[0]!.sampleTypes.findIndex((t) => t.type === 'cpu');
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('opens a comparison from its URL whose changes equal go tool pprof -diff_base, and keeps it on reload', async () => {
    const [a1, a2, a3, b1, b2, b3] = ids as [number, number, number, number, number, number];
    await page.goto(`${session.kiln.url}&sel=${b1},${b2},${b3}&type=${cpuType}&base=${a1},${a2},${a3}&dmode=absolute`);
    await page.waitForSelector('[data-testid="diff-flamegraph"][data-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="diff-row"]');
    await page.waitForSelector('[data-testid="suspect-banner"]');

    const merged = spawnSync('go', ['tool', 'pprof', '-proto', cpu(1), cpu(2), cpu(3)], { maxBuffer: 1 << 28 });
    expect(merged.status, String(merged.stderr)).toBe(0);
    const baseFile = join(scratch, 'base.pb.gz');
    writeFileSync(baseFile, merged.stdout);
    const theirs = pprofTop([cpu(4), cpu(5), cpu(6)], [`-diff_base=${baseFile}`]);
    const rows = await shownRows(page);
    expect(rows.length).toBeGreaterThan(20);
    // One name in two files is two rows here, one in pprof: compare the names pprof lists once.
    for (const row of rows.filter((r) => rows.filter((x) => x.name === r.name).length === 1 && r.delta !== 0)) {
      expect({ name: row.name, cum: row.delta }).toEqual({ name: row.name, cum: theirs.get(row.name)?.cum });
    }
    const changes = rows.map((r) => Math.abs(r.delta));
    expect(changes).toEqual([...changes].sort((x, y) => y - x));
    // Each row's sparkline: the function's total in each capture, A's then B's, as each capture's own top says.
    const firstRow = rows.find((r) => rows.filter((x) => x.name === r.name).length === 1)!;
    const sparkline = await page
      .locator('[data-testid="diff-row"]')
      .filter({ has: page.locator(`td:text-is("${firstRow.name}")`) })
      .first()
      .locator('[data-testid="diff-sparkline"]')
      .getAttribute('data-values');
    const perCapture: number[] = [];
    for (const id of [a1, a2, a3, b1, b2, b3]) {
      const top = await session.kiln.call<{ rows: { function: string; total: number }[] }>('getTopFunctions', {
        selection: { items: [id] },
        sampleType: cpuType,
        limit: 100_000,
      });
      perCapture.push(top.rows.filter((r) => r.function === firstRow.name).reduce((sum, r) => sum + r.total, 0));
    }
    expect(sparkline).toBe(perCapture.join(','));
    const nodes = Number(await page.getAttribute('[data-testid="diff-flamegraph"]', 'data-node-count'));
    expect(nodes).toBeGreaterThan(50);
    expect(await page.textContent('[data-testid="comparison-base"]')).toMatch(
      /^A \(baseline\): .* — 3 captures, .*, [\d,]+ samples$/,
    );

    await page.reload();
    await page.waitForSelector('[data-testid="diff-row"]', { timeout: 30_000 });
    const url = new URL(page.url());
    expect(url.searchParams.get('base')).toBe(`${a1},${a2},${a3}`);
    expect(url.searchParams.get('dmode')).toBe('absolute');
    expect(await shownRows(page)).toEqual(rows);

    // The floor: changes under 1% of the larger side's total leave the table.
    const totals = await session.kiln.call<{ base: { scaledTotal: number }; target: { scaledTotal: number } }>(
      'getDiff',
      {
        base: { items: [a1, a2, a3] },
        target: { items: [b1, b2, b3] },
        sampleType: cpuType,
        mode: 'absolute',
        limit: 1,
      },
    );
    const floor = 0.01 * Math.max(totals.base.scaledTotal, totals.target.scaledTotal);
    await page.selectOption('[data-testid="diff-floor"]', '1');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="diff-row"]').length < n, rows.length);
    const floored = await shownRows(page);
    expect(floored).toEqual(rows.filter((r) => Math.abs(r.delta) >= floor));
    await page.selectOption('[data-testid="diff-floor"]', '0');

    // Side by side: A's and B's graphs on one layout, zooming together.
    await page.check('[data-testid="side-by-side"]');
    await page.waitForSelector('[data-testid="diff-flamegraph-base"][data-ready="true"]');
    await page.waitForSelector('[data-testid="diff-flamegraph-target"][data-ready="true"]');
    const box = await page.locator('[data-testid="diff-flamegraph-base"]').boundingBox();
    await page.mouse.click(box!.x + box!.width / 2, box!.y + 18 * 1.5);
    const zoomed = await page.getAttribute('[data-testid="diff-flamegraph-base"]', 'data-zoom-name');
    expect(zoomed).not.toBe('root');
    expect(await page.getAttribute('[data-testid="diff-flamegraph-target"]', 'data-zoom-name')).toBe(zoomed);
    await page.uncheck('[data-testid="side-by-side"]');
    await page.waitForSelector('[data-testid="diff-flamegraph"][data-ready="true"]');

    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    writeFileSync(join(ROOT, 'test-results', 'comparison-light.png'), await page.screenshot());
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(200);
    writeFileSync(join(ROOT, 'test-results', 'comparison-dark.png'), await page.screenshot());
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('starts a comparison from the views and ends it', async () => {
    const [first, , , , , last] = ids as [number, number, number, number, number, number];
    await page.goto(`${session.kiln.url}&sel=${first}&type=${cpuType}`);
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    await page.click('[data-testid="set-baseline"]');
    await page.waitForSelector('[data-testid="compare-waiting"]');
    await page.click(`[data-testid="catalogue-row"][data-profile-id="${last}"]`);
    await page.waitForSelector('[data-testid="diff-row"]', { timeout: 30_000 });
    expect(new URL(page.url()).searchParams.get('base')).toBe(String(first));
    // Each side is named as a window header names it.
    const { title } = await session.kiln.call<{ title: string }>('getWindowSummary', { selection: { items: [last] } });
    expect(await page.textContent('[data-testid="comparison-target"]')).toContain(`B: ${title} — 1 capture`);
    await page.click('[data-testid="clear-baseline"]');
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]');
    expect(new URL(page.url()).searchParams.get('base')).toBeNull();
  });

  it('compares two values of a label within a service window in one step', async () => {
    const [a1, a2, a3, b1, b2, b3] = ids as [number, number, number, number, number, number];
    await session.kiln.call('setCaptureTags', { itemIds: [a1, a2, a3], labels: { version: 'v1' } });
    await session.kiln.call('setCaptureTags', { itemIds: [b1, b2, b3], labels: { version: 'v2' } });
    await page.goto(`${session.kiln.url}&sel=service=leakysvc@all&type=${cpuType}`);
    await page.waitForSelector('[data-testid="label-compare"]', { timeout: 30_000 });
    expect(await page.inputValue('[data-testid="label-a"]')).toBe('v1');
    expect(await page.inputValue('[data-testid="label-b"]')).toBe('v2');
    await page.click('[data-testid="label-compare-go"]');
    await page.waitForSelector('[data-testid="diff-row"]', { timeout: 30_000 });
    const url = new URL(page.url());
    expect(url.searchParams.get('base')).toBe('service=leakysvc@all;label.version=v1');
    expect(url.searchParams.get('sel')).toBe('service=leakysvc@all;label.version=v2');
    expect(await page.textContent('[data-testid="comparison-base"]')).toMatch(/ — 3 captures, /);
    expect(await page.textContent('[data-testid="comparison-target"]')).toMatch(/ — 3 captures, /);
  });
});
