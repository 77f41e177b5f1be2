/**
 * The stack chart in the real page, over a real V8 profile (node --cpu-prof,
 * ~10 s at 1 ms): switching to it draws row 0 across the whole width, hovering
 * a box names it with its duration, the wheel zooms (the range text changes
 * and narrower boxes are fetched) and a drag pans. A pprof profile, which has
 * no sample times, is not offered the view.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemSummary, StackChart } from '../shared/ipc/contract';
import { formatValue } from '../shared/format/units';
import { formatTime, rangeResolution } from '../renderer/charts/timeFormat';
import { openKilnPage, openProfileFile, type KilnPage, confirmImport } from './support/kiln-page';
import { ROOT, type ServedKiln } from './support/kiln-serve';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'cpuprofile', 'node-leaky.cpuprofile');
/** renderer/profile/stackchart/view.ts AXIS_HEIGHT and renderer/profile/flame/view.ts ROW_HEIGHT. */
const AXIS_HEIGHT = 20;
const ROW_HEIGHT = 18;

/** Which CSS-pixel columns of a canvas row have anything painted (alpha > 0). */
async function paintedColumns(page: Page, yCss: number): Promise<boolean[]> {
  return page.evaluate((y) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="stack-chart"]')!;
    const scale = canvas.width / canvas.clientWidth;
    const line = canvas.getContext('2d')!.getImageData(0, Math.round(y * scale), canvas.width, 1).data;
    return Array.from({ length: Math.floor(canvas.clientWidth) }, (_, x) => {
      for (let px = Math.floor(x * scale); px < Math.floor((x + 1) * scale); px++)
        if (line[px * 4 + 3]! > 0) return true;
      return false;
    });
  }, yCss);
}

const rangeOf = async (page: Page): Promise<{ start: number; end: number }> => {
  const canvas = page.locator('[data-testid="stack-chart"]');
  return {
    start: Number(await canvas.getAttribute('data-range-start')),
    end: Number(await canvas.getAttribute('data-range-end')),
  };
};

describe('stack chart in the browser build', () => {
  let session: KilnPage;
  let kiln: ServedKiln;
  let page: Page;
  const chartRequests: Record<string, unknown>[] = [];

  beforeAll(async () => {
    session = await openKilnPage();
    ({ kiln, page } = session);
    page.on('request', (request) => {
      if (request.url().endsWith('/api/call/getStackChart'))
        chartRequests.push(JSON.parse(request.postData() ?? '{}') as Record<string, unknown>);
    });
    await openProfileFile(page, FIXTURE);
  }, 60_000);
  afterAll(() => session?.close());

  it('is offered for a profile with sample times and draws row 0 across the width', async () => {
    const options = await page.$$eval('[data-testid="view-mode"] option', (os) =>
      os.map((o) => o.getAttribute('value')),
    );
    expect(options).toContain('stack-chart');
    await page.selectOption('[data-testid="view-mode"]', 'stack-chart');
    await page.waitForSelector('[data-testid="stack-chart"][data-ready="true"]');
    expect(new URL(page.url()).searchParams.get('view')).toBe('stack-chart');

    const row0 = await paintedColumns(page, AXIS_HEIGHT + ROW_HEIGHT / 2);
    const width = row0.length;
    expect(width).toBeGreaterThan(1000);
    // Boxes wider than 3 px keep a 1 px gap; otherwise the row is painted from edge to edge.
    expect(row0[0]).toBe(true);
    expect(row0.slice(-3).some(Boolean)).toBe(true);
    expect(row0.filter(Boolean).length / width).toBeGreaterThan(0.9);
    for (let segment = 0; segment < 20; segment++) {
      const part = row0.slice(Math.floor((segment * width) / 20), Math.floor(((segment + 1) * width) / 20));
      expect(part.some(Boolean), `segment ${segment}`).toBe(true);
    }

    // The page drew what the service answers for the whole profile at this width.
    const profile = (await kiln.call<ItemSummary[]>('listItems', {}))[0]!;
    expect(profile.hasSampleTimes).toBe(true);
    const chart = await kiln.call<StackChart>('getStackChart', { selection: { items: [profile.id] }, widthPx: width });
    expect(Number(await page.getAttribute('[data-testid="stack-chart"]', 'data-box-count'))).toBe(chart.depth.length);
    const range = await rangeOf(page);
    expect([range.start, range.end]).toEqual([chart.timeStartNs, chart.timeEndNs]);
  });

  it('names the box under the pointer with its duration and start', async () => {
    const width = (await paintedColumns(page, AXIS_HEIGHT + ROW_HEIGHT / 2)).length;
    const profile = (await kiln.call<ItemSummary[]>('listItems', {}))[0]!;
    const chart = await kiln.call<StackChart>('getStackChart', { selection: { items: [profile.id] }, widthPx: width });
    // The widest named box of row 0.
    let widest = -1;
    chart.depth.forEach((d, i) => {
      if (d !== 0 || chart.func[i]! < 0) return;
      if (widest < 0 || chart.end[i]! - chart.start[i]! > chart.end[widest]! - chart.start[widest]!) widest = i;
    });
    const span = chart.timeEndNs - chart.timeStartNs;
    const middle = (chart.start[widest]! + chart.end[widest]!) / 2;
    const x = ((middle - chart.timeStartNs) / span) * width;
    await page.locator('[data-testid="stack-chart"]').hover({ position: { x, y: AXIS_HEIGHT + ROW_HEIGHT / 2 } });

    const tooltip = page.locator('[data-testid="stack-chart-tooltip"]');
    const name = chart.functionNames[chart.func[widest]!]!;
    await expect.poll(() => tooltip.textContent()).toContain(name);
    expect(await page.locator('[data-testid="stack-chart-tooltip-duration"]').textContent()).toBe(
      formatValue(chart.end[widest]! - chart.start[widest]!, 'nanoseconds'),
    );
    expect(await page.locator('[data-testid="stack-chart-tooltip-start"]').textContent()).toBe(
      formatTime(chart.start[widest]! - chart.timeStartNs, rangeResolution(chart.end[widest]! - chart.start[widest]!)),
    );
  });

  it('zooms with the wheel around the pointer, fetches the narrower range, and pans with a drag', async () => {
    const canvas = page.locator('[data-testid="stack-chart"]');
    const box = (await canvas.boundingBox())!;
    const rangeText = page.locator('[data-testid="stack-chart-range"]');
    const before = await rangeText.textContent();
    const full = await rangeOf(page);
    const requestsBefore = chartRequests.length;

    await page.mouse.move(box.x + box.width / 2, box.y + AXIS_HEIGHT + ROW_HEIGHT / 2);
    await page.mouse.wheel(0, -1000); // two e-folds in
    await expect.poll(() => rangeText.textContent()).not.toBe(before);
    const zoomed = await rangeOf(page);
    expect((zoomed.end - zoomed.start) / (full.end - full.start)).toBeCloseTo(Math.exp(-2), 2);
    // Zoomed around the middle: the middle stays in the middle.
    expect((zoomed.start + zoomed.end) / 2).toBeCloseTo((full.start + full.end) / 2, -4);

    // Narrower boxes for the new range are asked for, once the wheel rests.
    await expect.poll(() => chartRequests.slice(requestsBefore).some((r) => r['startNs'] !== undefined)).toBe(true);
    const request = chartRequests.slice(requestsBefore).find((r) => r['startNs'] !== undefined)!;
    expect(request['startNs'] as number).toBeLessThanOrEqual(zoomed.start);
    expect(request['endNs'] as number).toBeGreaterThanOrEqual(zoomed.end);
    expect(((request['endNs'] as number) - (request['startNs'] as number)) / (full.end - full.start)).toBeLessThan(0.5);
    await page.waitForSelector('[data-testid="stack-chart"][data-ready="true"]');

    // Dragging left by 200 px shows later times.
    const zoomedText = await rangeText.textContent();
    await page.mouse.move(box.x + box.width / 2, box.y + AXIS_HEIGHT + ROW_HEIGHT * 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 200, box.y + AXIS_HEIGHT + ROW_HEIGHT * 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => rangeText.textContent()).not.toBe(zoomedText);
    const panned = await rangeOf(page);
    expect(panned.start - zoomed.start).toBeCloseTo((200 / box.width) * (zoomed.end - zoomed.start), -4);
    expect(panned.end - panned.start).toBeCloseTo(zoomed.end - zoomed.start, -2);

    await page.click('[data-testid="stack-chart-reset"]');
    await expect.poll(() => rangeText.textContent()).toBe(before);
  });

  it('is not offered for a profile without sample times (pprof)', async () => {
    // Still in the stack chart view: the newly imported pprof profile says it has no chart.
    await page.setInputFiles('[data-testid="open-input"]', join(ROOT, 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz'));
    await confirmImport(page);
    await page.waitForSelector('[data-testid="stack-chart-unavailable"]');
    await page.selectOption('[data-testid="view-mode"]', 'top-down');
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]');
    const options = await page.$$eval('[data-testid="view-mode"] option', (os) =>
      os.map((o) => o.getAttribute('value')),
    );
    expect(options).not.toContain('stack-chart');
    expect(options).toContain('inverted');
  });
});
