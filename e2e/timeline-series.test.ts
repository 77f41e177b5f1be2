/**
 * The series over the timeline's lanes, in Chromium against `kiln serve`: a Go CPU and a heap profile imported through
 * the page get a series each (getTimelineSeries); the CPU lane's canvas has the step line painted across its capture
 * and not beyond it, and hovering the capture shows the value the service computed, which is the profile's CPU time
 * over its duration.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemSummary, TimelineSeries } from '../shared/ipc/contract';
import { measureText } from '../renderer/timeline/seriesModel';
import { openKilnPage, type KilnPage, confirmImport } from './support/kiln-page';
import { ROOT } from './support/kiln-serve';
import { LANE_HEIGHT_PX } from '../renderer/timeline/drawTimeline';

const CPU = join(ROOT, 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz');
const HEAP = join(ROOT, 'test', 'fixtures', 'pprof', 'heap_1.pb.gz');

/** Share of painted pixels (alpha > 0) in CSS row `y` of the lanes canvas between CSS x0 and x1. */
async function paintedShare(page: Page, y: number, x0: number, x1: number): Promise<number> {
  return page.locator('[data-testid="timeline-canvas"]').evaluate(
    (canvas, [y, x0, x1]) => {
      const c = canvas as HTMLCanvasElement;
      const scale = c.width / c.clientWidth;
      const from = Math.round(x0 * scale);
      const width = Math.max(1, Math.round((x1 - x0) * scale));
      const row = (c.getContext('2d') as CanvasRenderingContext2D).getImageData(from, Math.round(y * scale), width, 1);
      let painted = 0;
      for (let i = 3; i < row.data.length; i += 4) if ((row.data[i] as number) > 0) painted++;
      return painted / width;
    },
    [y, x0, x1] as const,
  );
}

describe('the timeline series in the browser build', () => {
  let session: KilnPage;
  let page: Page;
  let items: ItemSummary[];
  let series: TimelineSeries;

  beforeAll(async () => {
    session = await openKilnPage();
    ({ page } = session);
    await page.setInputFiles('[data-testid="open-input"]', [CPU, HEAP]);
    await confirmImport(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="catalogue-row"]').length === 2);
    await page.waitForSelector('[data-testid="timeline-canvas"][data-ready="true"][data-series-lanes="2"]');
    items = await session.kiln.call<ItemSummary[]>('listItems', {});
    series = await session.kiln.call<TimelineSeries>('getTimelineSeries', {});
  }, 60_000);
  afterAll(() => session?.close());

  it("draws the CPU lane's series across its capture and hovering it shows the service's value", async () => {
    const cpu = items.find((i) => i.kind === 'cpu') as ItemSummary;
    const cpuNs = cpu.totals[cpu.sampleTypes.findIndex((t) => t.type === 'cpu')] as number;
    const cpuSeries = series.captures.find((s) => s.kind === 'cpu');
    expect(cpuSeries?.points).toEqual({
      itemId: [cpu.id],
      startMs: [cpu.capturedAtMs],
      endMs: [(cpu.capturedAtMs as number) + (cpu.durationNs as number) / 1e6],
      value: [cpuNs / (cpu.durationNs as number)],
    });
    const lanes = await page
      .locator('[data-testid="timeline-lane"]')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-kind')));
    const laneIndex = lanes.indexOf('cpu');
    const box = await page.locator('[data-testid="timeline-canvas"]').boundingBox();
    const timeline = page.locator('[data-testid="timeline"]');
    const fromMs = Number(await timeline.getAttribute('data-from-ms'));
    const toMs = Number(await timeline.getAttribute('data-to-ms'));
    if (!box || laneIndex < 0) throw new Error('no CPU lane');
    const xOf = (ms: number): number => ((ms - fromMs) / (toMs - fromMs)) * box.width;
    const x0 = xOf(cpu.capturedAtMs as number);
    const x1 = xOf((cpu.capturedAtMs as number) + (cpu.durationNs as number) / 1e6);
    // The capture is the lane's largest value, so its step runs along the lane's top row of room (y = top + 1), above
    // the bar (which starts at top + 3): painted over the middle half of the capture, not after its end (the lane's
    // empty background there is transparent but for a gridline or two).
    const lineRow = laneIndex * LANE_HEIGHT_PX + 1;
    const quarter = (x1 - x0) / 4;
    expect(await paintedShare(page, lineRow, x0 + quarter, x1 - quarter)).toBe(1);
    expect(await paintedShare(page, lineRow, x1 + 3, box.width - 1)).toBeLessThan(0.2);

    await page.mouse.move(box.x + (x0 + x1) / 2, box.y + (laneIndex + 0.5) * LANE_HEIGHT_PX);
    const tooltip = page.locator('[data-testid="timeline-tooltip"]');
    await expect.poll(() => tooltip.getAttribute('data-profile-id')).toBe(String(cpu.id));
    expect(await tooltip.locator('dt').first().textContent()).toBe('CPU used');
    expect(await tooltip.locator('[data-testid="timeline-tooltip-series"]').textContent()).toBe(
      measureText('cores', cpuNs / (cpu.durationNs as number)),
    );
  });
});
