/**
 * The timeline's story end to end, in Chromium against `kiln serve`, over captures a real producer makes at test
 * time (test/timeline-producers/go-producer.ts: a Go service built twice, build 1 captured CPU, CPU, heap, build 2
 * CPU):
 * - the four files are opened through the page and imported with the dialog's service left blank, so the service
 *   is the one the data names (the binary's);
 * - the service's CPU and heap lanes show the bars where the captures' times put them, in the order the producer
 *   made them (hovering each bar's drawn middle names that capture);
 * - the build-id marker's flag (and its line) is at the x of build 2's first capture;
 * - a plain drag over the CPU lane brushes a window over build 1's two CPU captures; the header says "2 captures"
 *   and the views' heading below it names no single capture;
 *   the flame graph's total equals `kiln top SERVICE@START/END --json` (built CLI, same store) and equals
 *   `go tool pprof -top` of those two files;
 * - after a reload the URL, brush, header and total are the same;
 * - screenshots of the timeline in light and dark theme go to test-results/timeline-story-{light,dark}.png.
 * Skipped with a plain message when go, gcc or readelf is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Selection } from '../shared/capture/selection';
import type { ItemSummary } from '../shared/ipc/contract';
import { pprofTop, topByName, type TopRow } from '../test/fixtures/pprof-top';
import { GO_BINARY, missingGoTools, produceGoCaptures, type GoCaptures } from '../test/timeline-producers/go-producer';
import { confirmImport, openKilnPage, type KilnPage } from './support/kiln-page';
import { KILN_BIN, ROOT } from './support/kiln-serve';
import {
  expectSameWindowAfterReload,
  flameTotal,
  inEachTheme,
  timelineLanes,
  urlSelection,
  visibleRange,
} from './support/timeline-page';
import { LANE_HEIGHT_PX } from '../renderer/timeline/drawTimeline';

const RESULTS = join(ROOT, 'test-results');
const missing = missingGoTools();
const skipMessage = missing.length > 0 ? ` (skipped: ${missing.join(', ')} not installed)` : '';

type ServiceWindow = Extract<Selection, { service: string }>;

function endMs(item: ItemSummary): number {
  return (item.capturedAtMs ?? 0) + (item.durationNs ?? 0) / 1e6;
}

/** `kiln top SERVICE@START/END --json` (built CLI, the page's store): its rows. */
function cliTop(dbPath: string, window: ServiceWindow): TopRow[] {
  const argument = `${window.service}@${new Date(window.window.startMs).toISOString()}/${new Date(window.window.endMs).toISOString()}`;
  const out = spawnSync(process.execPath, [KILN_BIN, 'top', '--db', dbPath, argument, '--limit', '100000', '--json'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (out.status !== 0) throw new Error(`kiln top ${argument}: exit ${out.status} ${out.stderr}${out.stdout}`);
  return JSON.parse(out.stdout) as TopRow[];
}

describe.skipIf(missing.length > 0)(`the timeline story over a real Go service's captures${skipMessage}`, () => {
  let dir: string;
  let produced: GoCaptures;
  let session: KilnPage;
  let page: Page;
  /** The page's items in the producer's order. */
  let items: ItemSummary[];
  let brushed: ServiceWindow;
  let title: string;
  let total: number;

  /** The page x of a wall-clock instant on the lanes canvas, at the range shown now. */
  async function xAt(ms: number): Promise<number> {
    const { fromMs, toMs } = await visibleRange(page);
    const box = (await page.locator('[data-testid="timeline-canvas"]').boundingBox())!;
    return box.x + ((ms - fromMs) / (toMs - fromMs)) * box.width;
  }
  /** The page y of the middle of the service's lane of `kind`. */
  async function laneY(kind: string): Promise<number> {
    const lanes = await page
      .locator('[data-testid="timeline-lane"]')
      .evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-service')}/${li.getAttribute('data-kind')}`));
    const index = lanes.indexOf(`${GO_BINARY}/${kind}`);
    if (index < 0) throw new Error(`no ${kind} lane in ${lanes.join(', ')}`);
    const box = (await page.locator('[data-testid="timeline-canvas"]').boundingBox())!;
    return box.y + (index + 0.5) * LANE_HEIGHT_PX;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-story-'));
    produced = await produceGoCaptures(dir);
    session = await openKilnPage();
    ({ page } = session);
    await page.setInputFiles(
      '[data-testid="open-input"]',
      produced.captures.map((c) => c.file),
    );
    // The dialog's service is blank on a fresh page: the files' own service is kept.
    await page.waitForSelector('[data-testid="import-dialog"][open]');
    expect(await page.locator('[data-testid="import-dialog"] [data-testid="tags-service"]').inputValue()).toBe('');
    await confirmImport(page);
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="catalogue-row"]').length === count,
      produced.captures.length,
      { timeout: 60_000 },
    );
    await page.waitForSelector('[data-testid="timeline-canvas"][data-ready="true"]');
    const listed = await session.kiln.call<ItemSummary[]>('listItems', {});
    items = produced.captures.map((c) => {
      const item = listed.find((i) => i.name === c.name);
      if (!item) throw new Error(`${c.name} was not imported`);
      return item;
    });
  }, 180_000);
  afterAll(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the service’s captures in two lanes, in the order the producer made them', async () => {
    expect(items.map((i) => [i.service, i.kind])).toEqual(produced.captures.map((c) => [GO_BINARY, c.kind]));
    // Each capture starts inside the request that made it. The bounds hold exactly: Date.now() floors the real-time
    // clock to the ms, so the request was sent at or after requestedAtMs and answered before answeredAtMs + 1; Go
    // stamps time_nanos with time.Now() (the same clock) once the request has arrived, and Kiln's ms from it are off
    // by under 1 µs (a double's rounding), far less than the loopback round trip between the bounds and the stamp.
    for (const [index, c] of produced.captures.entries()) {
      expect(items[index]?.capturedAtMs).toBeGreaterThanOrEqual(c.requestedAtMs);
      expect(items[index]?.capturedAtMs).toBeLessThan(c.answeredAtMs + 1);
    }
    const lanes = await timelineLanes(page);
    expect(lanes).toEqual([
      [GO_BINARY, 'cpu', '3'],
      [GO_BINARY, 'heap', '1'],
    ]);
    expect(await page.locator('[data-testid="timeline-canvas"]').getAttribute('data-drawn-bars')).toBe('4');

    // The bars' drawn x, in the producer's order, strictly increase; each bar's middle is that capture's (hover).
    const starts: number[] = [];
    for (const item of items) {
      starts.push(await xAt(item.capturedAtMs!));
      const x = await xAt((item.capturedAtMs! + endMs(item)) / 2);
      await page.mouse.move(x, await laneY(item.kind));
      await expect
        .poll(() => page.locator('[data-testid="timeline-tooltip"]').getAttribute('data-profile-id'))
        .toBe(String(item.id));
    }
    await page.mouse.move(0, 0);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(starts.map(Math.round)).size).toBe(starts.length);
  });

  it('puts the build-id marker’s flag and line at the x of build 2’s first capture', async () => {
    const firstOfBuild2 = items[produced.captures.findIndex((c) => c.build === 2)]!;
    const strip = page.locator(`[data-testid="marker-strip"][data-service="${GO_BINARY}"]`);
    const flag = strip.locator('[data-testid="marker-flag"]');
    expect(await flag.count()).toBe(1);
    expect(await flag.getAttribute('data-source')).toBe('build-id');
    expect(Number(await flag.getAttribute('data-at-ms'))).toBe(firstOfBuild2.capturedAtMs);
    const expectedX = await xAt(firstOfBuild2.capturedAtMs!);
    const flagBox = (await flag.boundingBox())!;
    expect(Math.abs(flagBox.x + flagBox.width / 2 - expectedX)).toBeLessThan(1);
    const line = page.locator('[data-testid="marker-line"]');
    expect(await line.count()).toBe(1);
    expect(Math.abs((await line.boundingBox())!.x - expectedX)).toBeLessThan(1);
    const short = (id: string): string => `${id.slice(0, 8)}…`;
    await flag.hover();
    expect(await page.locator('[data-testid="marker-tooltip-text"]').textContent()).toContain(
      `build id ${short(produced.buildIds[0]!)} → ${short(produced.buildIds[1]!)}`,
    );
    await page.mouse.move(0, 0);
  });

  it('brushes a window over build 1’s two CPU captures with a plain drag; the header says 2 captures', async () => {
    const [cpu1, cpu2, , cpu4] = items as [ItemSummary, ItemSummary, ItemSummary, ItemSummary];
    const box = (await page.locator('[data-testid="timeline-canvas"]').boundingBox())!;
    const y = await laneY('cpu');
    // From the fitted range's left margin to the middle of the gap before build 2's capture.
    const startX = box.x + 2;
    const endX = await xAt((endMs(cpu2) + cpu4.capturedAtMs!) / 2);
    expect(await xAt(cpu1.capturedAtMs!)).toBeGreaterThan(startX + 2);
    expect(endX).toBeGreaterThan((await xAt(endMs(cpu2))) + 1);
    expect(endX).toBeLessThan((await xAt(cpu4.capturedAtMs!)) - 1);
    const before = await visibleRange(page);
    await page.mouse.move(startX, y);
    await page.mouse.down();
    await page.mouse.move(endX, y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => 'service' in urlSelection(page)).toBe(true);
    brushed = urlSelection(page) as ServiceWindow;
    expect(brushed).toMatchObject({ service: GO_BINARY, kind: 'cpu' });
    expect(brushed.window.startMs).toBeLessThanOrEqual(cpu1.capturedAtMs!);
    expect(brushed.window.endMs).toBeGreaterThan(endMs(cpu2));
    expect(brushed.window.endMs).toBeLessThan(cpu4.capturedAtMs!);
    // A plain drag brushes; the range shown stays.
    expect(await visibleRange(page)).toEqual(before);
    const brush = page.locator('[data-testid="timeline-brush"]');
    await expect.poll(() => brush.getAttribute('data-live')).toBe('false');
    expect(Number(await brush.getAttribute('data-start-ms'))).toBe(brushed.window.startMs);
    expect(Number(await brush.getAttribute('data-end-ms'))).toBe(brushed.window.endMs);

    const header = page.locator('[data-testid="window-header"][data-ready="true"]');
    await header.waitFor({ timeout: 30_000 });
    title = (await header.locator('[data-testid="window-title"]').textContent()) ?? '';
    expect(title.startsWith(`${GO_BINARY} · `)).toBe(true);
    expect(title).toContain('2 captures');
    // Under the window's header the views' heading names no single capture: they show the two merged.
    await expect.poll(() => page.locator('.profile-heading').getAttribute('data-merged')).toBe('true');
    expect(await page.locator('.profile-heading h2').count()).toBe(0);
  });

  it('shows the window’s flame graph: its total is kiln top’s and go tool pprof -top’s over those two files', async () => {
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    total = await flameTotal(page);
    const rows = cliTop(session.kiln.dbPath, brushed);
    expect(total).toBe(rows.reduce((sum, row) => sum + row.self, 0));
    const cpuFiles = produced.captures.filter((c) => c.kind === 'cpu' && c.build === 1).map((c) => c.file);
    expect(cpuFiles).toHaveLength(2);
    const theirs = pprofTop(cpuFiles);
    expect(topByName(rows)).toEqual(theirs);
    expect(total).toBe([...theirs.values()].reduce((sum, row) => sum + row.flat, 0));
    expect(total).toBeGreaterThan(0);
  });

  it('comes back the same after a reload: URL, brush, header and total', async () => {
    await expectSameWindowAfterReload(page, brushed, title, total);
  });

  it('compares the period before the build-id marker with the one after, from the marker’s menu', async () => {
    const flag = page.locator(`[data-testid="marker-strip"][data-service="${GO_BINARY}"] [data-testid="marker-flag"]`);
    await flag.click({ button: 'right' });
    await page.click('[data-testid="marker-compare"]');
    await page.waitForSelector('[data-testid="diff-row"]', { timeout: 30_000 });
    // A: build 1's two CPU captures (before the marker); B: build 2's one (after it). A service window reads CPU.
    expect(await page.textContent('[data-testid="comparison-base"]')).toMatch(/ — 2 captures, /);
    expect(await page.textContent('[data-testid="comparison-target"]')).toMatch(/ — 1 capture, /);
    const url = new URL(page.url());
    expect(url.searchParams.get('base')).toMatch(new RegExp(`^service=${GO_BINARY}@[\\d.]+\\.\\.[\\d.]+$`));
    expect(await page.locator('[data-testid="timeline-baseline"]').count()).toBe(1);
    await page.click('[data-testid="clear-baseline"]');
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]');
  });

  it('takes screenshots of the timeline in light and dark theme', async () => {
    mkdirSync(RESULTS, { recursive: true });
    await inEachTheme(page, async (scheme) => {
      await page.screenshot({ path: join(RESULTS, `timeline-story-${scheme}.png`) });
    });
  });
});
