/**
 * Brushing a window on the timeline, in Chromium against `kiln serve`: three real Go CPU captures of one service
 * imported through the page; a plain drag over the CPU lane from the gap after the first capture to the plot's right
 * edge selects a window holding exactly the other two; the window header says "2 captures"; the flame graph's total
 * (its root frame) equals `kiln top SERVICE@START/END --kind cpu --json` over the same store, with the brushed
 * instants read back from the URL; "per second" divides it by the profiled seconds; after a reload the same window, header, shading and total come back. Screenshots
 * go to test-results/timeline-window-{light,dark}.png.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Selection } from '../shared/capture/selection';
import type { ItemSummary, WindowSummary } from '../shared/ipc/contract';
import { openKilnPage, type KilnPage, confirmImport } from './support/kiln-page';
import { KILN_BIN, ROOT } from './support/kiln-serve';
import {
  expectSameWindowAfterReload,
  flameTotal,
  inEachTheme,
  urlSelection,
  visibleRange,
} from './support/timeline-page';
import { LANE_HEIGHT_PX } from '../renderer/timeline/drawTimeline';

const GO_SERVICE = join(ROOT, '..', 'shared', 'corpus', 'generated', 'go-service');
const FILES = [2, 3, 4].map((n) => join(GO_SERVICE, `cpu_${n}.pb.gz`));
const RESULTS = join(ROOT, 'test-results');

type ServiceWindow = Extract<Selection, { service: string }>;

function endMs(item: ItemSummary): number {
  return (item.capturedAtMs ?? 0) + (item.durationNs ?? 0) / 1e6;
}

/** The merged total of `kiln top` (built CLI, same store) over SERVICE@START/END: the sum of every function's self. */
function cliTotal(dbPath: string, window: ServiceWindow): number {
  const argument = `${window.service}@${new Date(window.window.startMs).toISOString()}/${new Date(window.window.endMs).toISOString()}`;
  const out = spawnSync(
    process.execPath,
    [KILN_BIN, 'top', '--db', dbPath, argument, '--kind', 'cpu', '--limit', '100000', '--json'],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (out.status !== 0)
    throw new Error(`kiln top ${argument}: exit ${out.status} ${out.error?.message ?? ''} ${out.stderr}${out.stdout}`);
  const rows = JSON.parse(out.stdout) as { self: number }[];
  return rows.reduce((sum, row) => sum + row.self, 0);
}

describe('brushing a window on the timeline', () => {
  let session: KilnPage;
  let page: Page;
  let captures: ItemSummary[];
  let brushed: ServiceWindow;
  let title: string;
  let total: number;

  beforeAll(async () => {
    session = await openKilnPage();
    ({ page } = session);
    await page.setInputFiles('[data-testid="open-input"]', FILES);
    await confirmImport(page);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="catalogue-row"]').length === 3,
      undefined,
      {
        timeout: 60_000,
      },
    );
    await page.waitForSelector('[data-testid="timeline-canvas"][data-ready="true"]');
    captures = (await session.kiln.call<ItemSummary[]>('listItems', {})).sort(
      (a, b) => (a.capturedAtMs ?? 0) - (b.capturedAtMs ?? 0),
    );
  }, 120_000);
  afterAll(() => session?.close());

  it('brushes a window over exactly two captures of the lane’s service and kind', async () => {
    expect(captures.map((c) => c.kind)).toEqual(['cpu', 'cpu', 'cpu']);
    const service = captures[0]!.service!;
    expect(captures.every((c) => c.service === service && c.capturedAtMs !== null)).toBe(true);
    const [first, second, third] = captures as [ItemSummary, ItemSummary, ItemSummary];
    // The three are seconds apart: a gap after the first to start the brush in.
    expect(second.capturedAtMs! - endMs(first)).toBeGreaterThan(2000);

    const { fromMs, toMs } = await visibleRange(page);
    const box = (await page.locator('[data-testid="timeline-canvas"]').boundingBox())!;
    const xAt = (ms: number): number => box.x + ((ms - fromMs) / (toMs - fromMs)) * box.width;
    const y = box.y + LANE_HEIGHT_PX / 2;
    const startX = xAt((endMs(first) + second.capturedAtMs!) / 2);
    // Past the third capture's end: the fitted range leaves a margin after it.
    const endX = box.x + box.width - 2;
    expect(endX).toBeGreaterThan(xAt(endMs(third)) + 4);

    await page.mouse.move(startX, y);
    await page.mouse.down();
    await page.mouse.move(endX, y, { steps: 8 });
    await expect.poll(() => page.locator('[data-testid="timeline-brush"][data-live="true"]').count()).toBe(1);
    await page.mouse.up();

    await expect.poll(() => 'service' in urlSelection(page)).toBe(true);
    brushed = urlSelection(page) as ServiceWindow;
    expect(brushed.service).toBe(service);
    expect(brushed.kind).toBe('cpu');
    // The brushed instants: inside the gap, and after the third capture's end; whole milliseconds.
    expect(brushed.window.startMs).toBeGreaterThan(endMs(first));
    expect(brushed.window.startMs).toBeLessThan(second.capturedAtMs!);
    expect(brushed.window.endMs).toBeGreaterThan(endMs(third));
    expect(Number.isInteger(brushed.window.startMs) && Number.isInteger(brushed.window.endMs)).toBe(true);
    // The range seen did not move: a plain drag brushes, it does not pan.
    expect((await visibleRange(page)).fromMs).toBe(fromMs);

    const brush = page.locator('[data-testid="timeline-brush"]');
    await expect.poll(() => brush.getAttribute('data-live')).toBe('false');
    expect(await brush.getAttribute('data-service')).toBe(service);
    expect(Number(await brush.getAttribute('data-start-ms'))).toBe(brushed.window.startMs);
    expect(Number(await brush.getAttribute('data-end-ms'))).toBe(brushed.window.endMs);
  });

  it('heads the views with the window: 2 captures', async () => {
    const header = page.locator('[data-testid="window-header"][data-ready="true"]');
    await header.waitFor({ timeout: 30_000 });
    title = (await header.locator('[data-testid="window-title"]').textContent()) ?? '';
    expect(title).toContain('2 captures');
    expect(title.startsWith(`${brushed.service} · `)).toBe(true);
    expect(await page.locator('[data-testid="window-close"]').count()).toBe(1);
  });

  it('shows the merged window in the flame graph: its total equals kiln top over SERVICE@START/END', async () => {
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    total = await flameTotal(page);
    const expected = cliTotal(session.kiln.dbPath, brushed);
    expect(total).toBe(expected);
    // Exactly the second and third captures, not the first.
    const [, second, third] = captures as [ItemSummary, ItemSummary, ItemSummary];
    const cpu = second.sampleTypes.findIndex((t) => t.type === 'cpu');
    expect(total).toBe((second.totals[cpu] ?? 0) + (third.totals[cpu] ?? 0));
  });

  it('shows counters per second of profiled time when asked, and sums again when not', async () => {
    const summary = await session.kiln.call<WindowSummary>('getWindowSummary', { selection: brushed });
    expect(summary.aggregation).toBe('sum');
    expect(summary.captures).toBe(2);
    const seconds = (summary.profiledNs ?? 0) / 1e9;
    expect(seconds).toBeGreaterThan(4);
    await page.check('[data-testid="window-per-second"]');
    await expect.poll(() => flameTotal(page)).not.toBe(total);
    const perSecond = await flameTotal(page);
    expect(perSecond / (total / seconds)).toBeCloseTo(1, 6);
    await page.uncheck('[data-testid="window-per-second"]');
    await expect.poll(() => flameTotal(page)).toBe(total);
  });

  it('comes back the same after a reload: window, header, shading and total', async () => {
    await expectSameWindowAfterReload(page, brushed, title, total);
  });

  it('takes screenshots of the brushed timeline in light and dark theme', async () => {
    mkdirSync(RESULTS, { recursive: true });
    await inEachTheme(page, async (scheme) => {
      await page.screenshot({ path: join(RESULTS, `timeline-window-${scheme}.png`) });
    });
  });

  it('closes the window with Esc on the timeline, back to its earliest capture', async () => {
    await page.locator('[data-testid="timeline"]').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => urlSelection(page)).toEqual({ items: [captures[1]!.id] });
    expect(await page.locator('[data-testid="timeline-brush"]').count()).toBe(0);
    expect(await page.locator('[data-testid="window-header"]').count()).toBe(0);
  });

  it('picks captures with ctrl-click on their bars and drops one with a second ctrl-click', async () => {
    const { fromMs, toMs } = await visibleRange(page);
    const box = (await page.locator('[data-testid="timeline-canvas"]').boundingBox())!;
    const barX = (item: ItemSummary): number =>
      box.x + (((item.capturedAtMs! + endMs(item)) / 2 - fromMs) / (toMs - fromMs)) * box.width;
    const y = box.y + LANE_HEIGHT_PX / 2;
    const [first, second, third] = captures as [ItemSummary, ItemSummary, ItemSummary];
    await page.mouse.click(barX(first), y);
    await expect.poll(() => urlSelection(page)).toEqual({ items: [first.id] });
    await page.keyboard.down('Control');
    await page.mouse.click(barX(third), y);
    await expect.poll(() => urlSelection(page)).toEqual({ items: [first.id, third.id] });
    await page.mouse.click(barX(second), y);
    await expect.poll(() => urlSelection(page)).toEqual({ items: [first.id, third.id, second.id] });
    await page.mouse.click(barX(third), y);
    await page.keyboard.up('Control');
    await expect.poll(() => urlSelection(page)).toEqual({ items: [first.id, second.id] });
    const header = page.locator('[data-testid="window-header"][data-ready="true"]');
    await header.waitFor({ timeout: 30_000 });
    expect(await header.locator('[data-testid="window-title"]').textContent()).toContain('2 captures');
  });
});
