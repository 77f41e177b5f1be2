/**
 * The timeline on the home screen, in Chromium against `kiln serve`: two Go profiles of different kinds imported
 * through the page get a lane each under their service, a bar each where listItems places them; hovering a bar
 * shows its numbers, clicking it opens that item as its catalogue row would; + / − / ← / → / 0 move the visible
 * range; screenshots of the timeline in light and dark theme go to test-results/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemSummary } from '../shared/ipc/contract';
import { formatValue } from '../shared/format/units';
import { openKilnPage, type KilnPage, confirmImport } from './support/kiln-page';
import { ROOT } from './support/kiln-serve';
import { inEachTheme, timelineLanes, visibleRange } from './support/timeline-page';
import { LANE_HEIGHT_PX } from '../renderer/timeline/drawTimeline';

const CPU = join(ROOT, 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz');
const HEAP = join(ROOT, 'test', 'fixtures', 'pprof', 'heap_1.pb.gz');
const RESULTS = join(ROOT, 'test-results');

describe('the timeline in the browser build', () => {
  let session: KilnPage;
  let page: Page;
  let items: ItemSummary[];

  beforeAll(async () => {
    session = await openKilnPage();
    ({ page } = session);
    expect(await page.locator('[data-testid="timeline"]').count()).toBe(0);
    await page.setInputFiles('[data-testid="open-input"]', [CPU, HEAP]);
    await confirmImport(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="catalogue-row"]').length === 2);
    await page.waitForSelector('[data-testid="timeline-canvas"][data-ready="true"]');
    items = await session.kiln.call<ItemSummary[]>('listItems', {});
  }, 60_000);
  afterAll(() => session?.close());

  /** The page point at the middle of an item's bar (its start, for a tick). */
  async function barPoint(item: ItemSummary): Promise<{ x: number; y: number }> {
    const lanes = await page
      .locator('[data-testid="timeline-lane"]')
      .evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-service'), li.getAttribute('data-kind')]));
    const laneIndex = lanes.findIndex(([service, kind]) => service === (item.service ?? '') && kind === item.kind);
    const box = await page.locator('[data-testid="timeline-canvas"]').boundingBox();
    if (!box || laneIndex < 0 || item.capturedAtMs === null) throw new Error(`no bar for ${item.name}`);
    const { fromMs, toMs } = await visibleRange(page);
    const endMs = item.capturedAtMs + (item.durationNs ?? 0) / 1e6;
    const midMs = (item.capturedAtMs + endMs) / 2;
    return {
      x: box.x + ((midMs - fromMs) / (toMs - fromMs)) * box.width,
      y: box.y + (laneIndex + 0.5) * LANE_HEIGHT_PX,
    };
  }

  it('shows a lane per service and kind with a bar per capture, all placed', async () => {
    expect(items.map((i) => i.kind).sort()).toEqual(['cpu', 'heap']);
    expect(items.every((i) => i.capturedAtMs !== null)).toBe(true);
    const lanes = await timelineLanes(page);
    const expected = [...items]
      .sort((a, b) => (a.service ?? '\uffff').localeCompare(b.service ?? '\uffff') || (a.kind === 'cpu' ? -1 : 1))
      .map((i) => [i.service ?? '', i.kind, '1']);
    expect(lanes).toEqual(expected);
    const timeline = page.locator('[data-testid="timeline"]');
    expect(await timeline.getAttribute('data-placed')).toBe('2');
    expect(await timeline.getAttribute('data-unplaced')).toBe('0');
    expect(await page.locator('[data-testid="timeline-unplaced"]').count()).toBe(0);
    expect(await page.locator('[data-testid="timeline-lane"] .timeline-lane-kind').allTextContents()).toEqual(
      expected.map(([, kind]) => (kind === 'cpu' ? 'CPU' : 'Heap in use')),
    );
    // Fit all: both captures inside the visible range.
    const { fromMs, toMs } = await visibleRange(page);
    for (const item of items) {
      expect(item.capturedAtMs).toBeGreaterThan(fromMs);
      expect(item.capturedAtMs! + (item.durationNs ?? 0) / 1e6).toBeLessThan(toMs);
    }
    expect(await page.locator('[data-testid="timeline-canvas"]').getAttribute('data-drawn-bars')).toBe('2');
    // The catalogue is still there, below the timeline.
    const timelineBox = await timeline.boundingBox();
    const catalogueBox = await page.locator('[data-testid="catalogue"]').boundingBox();
    expect(catalogueBox!.y).toBeGreaterThan(timelineBox!.y + timelineBox!.height - 1);
  });

  it('shows a capture’s numbers on hover and opens it on click', async () => {
    for (const item of items) {
      const { x, y } = await barPoint(item);
      await page.mouse.move(x, y);
      const tooltip = page.locator('[data-testid="timeline-tooltip"]');
      await expect.poll(() => tooltip.getAttribute('data-profile-id')).toBe(String(item.id));
      const text = (await tooltip.textContent()) ?? '';
      expect(text).toContain(item.name);
      const first = item.sampleTypes[0];
      expect(await tooltip.locator('[data-testid="timeline-tooltip-total"]').first().textContent()).toBe(
        formatValue(item.totals[0] ?? 0, first?.unit ?? ''),
      );
      await page.mouse.click(x, y);
      await expect
        .poll(() => page.locator('[data-testid="catalogue-row"][aria-selected="true"]').getAttribute('data-profile-id'))
        .toBe(String(item.id));
      await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]');
    }
  });

  it('zooms with + and −, pans with ← and →, and fits all with 0', async () => {
    const fit = await visibleRange(page);
    const span = fit.toMs - fit.fromMs;
    await page.locator('[data-testid="timeline"]').focus();
    await page.keyboard.press('+');
    await expect
      .poll(async () => {
        const r = await visibleRange(page);
        return Math.round(((r.toMs - r.fromMs) / span) * 1000) / 1000;
      })
      .toBe(Math.round(1000 / 1.5) / 1000);
    const zoomed = await visibleRange(page);
    // Zoomed about the centre.
    expect((zoomed.fromMs + zoomed.toMs) / 2).toBeCloseTo((fit.fromMs + fit.toMs) / 2, 0);

    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await visibleRange(page)).fromMs).toBeGreaterThan(zoomed.fromMs);
    const panned = await visibleRange(page);
    expect(panned.toMs - panned.fromMs).toBeCloseTo(zoomed.toMs - zoomed.fromMs, 3);
    expect(panned.fromMs - zoomed.fromMs).toBeCloseTo(0.2 * (zoomed.toMs - zoomed.fromMs), 0);

    await page.keyboard.press('-');
    await page.keyboard.press('-');
    await expect
      .poll(async () => {
        const r = await visibleRange(page);
        return r.toMs - r.fromMs;
      })
      .toBeGreaterThan(span);

    await page.keyboard.press('0');
    await expect.poll(() => visibleRange(page)).toEqual(fit);
  });

  it('pans by shift+dragging the lanes or dragging the axis, and zooms with the wheel', async () => {
    const fit = await visibleRange(page);
    const box = (await page.locator('[data-testid="timeline-canvas"]').boundingBox())!;
    // A plain drag over the lanes brushes a window; shift+drag pans. Start where no bar is (the right edge's margin).
    const y = box.y + 4;
    await page.keyboard.down('Shift');
    await page.mouse.move(box.x + box.width - 3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 103, y, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const dragged = await visibleRange(page);
    // 100 px of the plot's width, to the pixel rounding of its measured width.
    const expectedShift = (100 / box.width) * (fit.toMs - fit.fromMs);
    expect(Math.abs((dragged.fromMs - fit.fromMs) / expectedShift - 1)).toBeLessThan(0.01);
    expect(await page.locator('[data-testid="timeline-brush"]').count()).toBe(0);

    // A drag on the time axis strip pans the same way, back by 100 px.
    const axis = (await page.locator('[data-testid="timeline-axis"]').boundingBox())!;
    await page.mouse.move(axis.x + 3, axis.y + axis.height / 2);
    await page.mouse.down();
    await page.mouse.move(axis.x + 103, axis.y + axis.height / 2, { steps: 5 });
    await page.mouse.up();
    const back = await visibleRange(page);
    expect(Math.abs((dragged.fromMs - back.fromMs) / expectedShift - 1)).toBeLessThan(0.01);
    expect(back.toMs - back.fromMs).toBeCloseTo(fit.toMs - fit.fromMs, 3);

    await page.mouse.move(box.x + box.width / 2, y);
    await page.mouse.wheel(0, -100);
    await expect
      .poll(async () => {
        const r = await visibleRange(page);
        return r.toMs - r.fromMs;
      })
      .toBeLessThan(fit.toMs - fit.fromMs);
    await page.click('[data-testid="timeline-fit"]');
    await expect.poll(() => visibleRange(page)).toEqual(fit);
  });

  it('takes screenshots of the timeline in light and dark theme', async () => {
    mkdirSync(RESULTS, { recursive: true });
    await inEachTheme(page, async (scheme) => {
      const background = await page
        .locator('[data-testid="timeline"]')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(background).toBe(scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(30, 33, 37)');
      await page.locator('[data-testid="timeline"]').screenshot({ path: join(RESULTS, `timeline-${scheme}.png`) });
      await page.screenshot({ path: join(RESULTS, `timeline-page-${scheme}.png`) });
    });
  });
});
