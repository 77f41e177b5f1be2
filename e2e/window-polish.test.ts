/**
 * The window's loose ends, in Chromium against `kiln serve` with the page in America/Los_Angeles (not UTC, so a
 * UTC text on screen would show): real Go CPU and heap captures of one service (`../shared/corpus/generated/go-service`
 * cpu_2,3 and heap_2,3) imported through the page's import dialog, which starts blank for every batch and suggests
 * the last service; a brushed window over all four lists CPU and Heap in use with their counts; Heap shows the heap
 * flame graph whose total equals `kiln top SERVICE@START/END --kind heap --json` (averaged per capture); one instant
 * reads the same in the window header, the capture tooltip, the picker and the marker tooltip, all local, and the
 * page names the zone; "per second" reads "/s" in the views and survives a reload as `per=s`. Screenshots of the
 * header in per-second mode: test-results/window-per-second-{light,dark}.png.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Selection } from '../shared/capture/selection';
import type { ItemSummary, WindowSummary } from '../shared/ipc/contract';
import { openKilnPage, type KilnPage } from './support/kiln-page';
import { KILN_BIN, ROOT } from './support/kiln-serve';
import { flameTotal, urlSelection } from './support/timeline-page';
import { LANE_HEIGHT_PX } from '../renderer/timeline/drawTimeline';

const ZONE = 'America/Los_Angeles';
const GO_SERVICE = join(ROOT, '..', 'shared', 'corpus', 'generated', 'go-service');
const CPU = [2, 3].map((n) => join(GO_SERVICE, `cpu_${n}.pb.gz`));
const HEAP = [2, 3].map((n) => join(GO_SERVICE, `heap_${n}.pb.gz`));
const RESULTS = join(ROOT, 'test-results');

type ServiceWindow = Extract<Selection, { service: string }>;

/** "YYYY-MM-DD HH:MM:SS[.mmm]" in ZONE, written independently of the page's formatter. */
function zoneText(ms: number, withMs = false): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: ZONE,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const text = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  const frac = ((ms % 1000) + 1000) % 1000;
  return withMs && frac !== 0 ? `${text}.${String(frac).padStart(3, '0')}` : text;
}

function kiln(dbPath: string, args: string[]): string {
  const out = spawnSync(process.execPath, [KILN_BIN, ...args, '--db', dbPath], { encoding: 'utf8', timeout: 60_000 });
  if (out.status !== 0) throw new Error(`kiln ${args.join(' ')}: exit ${out.status} ${out.stderr}${out.stdout}`);
  return out.stdout;
}

/** The sum of every function's self in `kiln top SERVICE@START/END --kind K --json` (plus `extra`). */
function cliTotal(dbPath: string, window: ServiceWindow, kind: string, extra: string[] = []): number {
  const argument = `${window.service}@${new Date(window.window.startMs).toISOString()}/${new Date(window.window.endMs).toISOString()}`;
  const rows = JSON.parse(kiln(dbPath, ['top', argument, '--kind', kind, '--limit', '100000', '--json', ...extra])) as {
    self: number;
  }[];
  return rows.reduce((sum, row) => sum + row.self, 0);
}

async function importThroughDialog(page: Page, files: string[], service: string): Promise<string[]> {
  await page.setInputFiles('[data-testid="open-input"]', files);
  const dialog = page.locator('[data-testid="import-dialog"][open]');
  await dialog.waitFor();
  const input = dialog.locator('[data-testid="tags-service"]');
  // Blank every time: the service of the last batch is only suggested.
  expect(await input.inputValue()).toBe('');
  const suggestions = await input.evaluate((el) =>
    [...((el as HTMLInputElement).list?.options ?? [])].map((option) => option.value),
  );
  await input.fill(service);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
  return suggestions;
}

describe('window polish: one clock, per second, kinds, import dialog', () => {
  let session: KilnPage;
  let page: Page;
  let captures: ItemSummary[];
  let brushed: ServiceWindow;
  let suggestions: string[][] = [];

  beforeAll(async () => {
    session = await openKilnPage({ timezoneId: ZONE });
    ({ page } = session);
    suggestions = [await importThroughDialog(page, CPU, 'checkout')];
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="catalogue-row"]').length === 2, null, {
      timeout: 60_000,
    });
    suggestions.push(await importThroughDialog(page, HEAP, 'checkout'));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="catalogue-row"]').length === 4, null, {
      timeout: 60_000,
    });
    captures = (await session.kiln.call<ItemSummary[]>('listItems', {})).sort(
      (a, b) => (a.capturedAtMs ?? 0) - (b.capturedAtMs ?? 0),
    );
    // A marker at the first capture's start instant (to the ms: capture times have µs), to read it in its tooltip.
    const first = captures[0]!;
    kiln(session.kiln.dbPath, [
      'annotate',
      '--service',
      'checkout',
      '--at',
      new Date(Math.floor(first.capturedAtMs!)).toISOString(),
      '--label',
      'same instant',
    ]);
    await page.reload();
    await page.waitForSelector('[data-testid="timeline-canvas"][data-ready="true"]', { timeout: 60_000 });
  }, 180_000);
  afterAll(() => session?.close());

  it('imports each batch from a blank service field, suggesting the last service', () => {
    expect(suggestions[0]).toEqual([]);
    expect(suggestions[1]?.[0]).toBe('checkout');
    expect(captures.map((c) => [c.service, c.kind]).sort()).toEqual([
      ['checkout', 'cpu'],
      ['checkout', 'cpu'],
      ['checkout', 'heap'],
      ['checkout', 'heap'],
    ]);
  });

  it('brushes a window holding CPU and heap; the header lists both kinds with counts', async () => {
    const lanes = await page
      .locator('[data-testid="timeline-lane"]')
      .evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-service')}/${li.getAttribute('data-kind')}`));
    const laneIndex = lanes.indexOf('checkout/cpu');
    expect(laneIndex).toBeGreaterThanOrEqual(0);
    const box = (await page.locator('[data-testid="timeline-canvas"]').boundingBox())!;
    const y = box.y + (laneIndex + 0.5) * LANE_HEIGHT_PX;
    await page.mouse.move(box.x + 2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 2, y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => 'service' in urlSelection(page)).toBe(true);
    brushed = urlSelection(page) as ServiceWindow;
    expect(brushed.kind).toBe('cpu');
    for (const c of captures) expect(c.capturedAtMs! >= brushed.window.startMs).toBe(true);

    await page.locator('[data-testid="window-header"][data-ready="true"]').waitFor({ timeout: 30_000 });
    const kinds = await page
      .locator('[data-testid="window-kind"]')
      .evaluateAll((buttons) => buttons.map((b) => [b.getAttribute('data-kind'), b.textContent]));
    expect(kinds).toEqual([
      ['cpu', 'CPU (2)'],
      ['heap', 'Heap in use (2)'],
    ]);
    // The brush shades the service's marker strip too.
    const stripShade = page.locator('[data-testid="marker-strip-brush"]');
    expect(await stripShade.getAttribute('data-start-ms')).toBe(String(brushed.window.startMs));
  });

  it('reads one instant the same in the header, the capture tooltip, the marker tooltip and the picker, all local', async () => {
    const summary = await session.kiln.call<WindowSummary>('getWindowSummary', { selection: brushed });
    const title = (await page.locator('[data-testid="window-title"]').textContent()) ?? '';
    const start = zoneText(Math.floor(summary.startMs! / 1000) * 1000);
    expect(title).toContain(`checkout · CPU · 2 captures · ${start}–`);
    expect(title).not.toContain('UTC');
    expect(summary.title).toContain('UTC');
    expect(await page.locator('[data-testid="time-zone"]').textContent()).toBe('local time, UTC−08:00');

    const first = captures[0]!;
    // The capture bar's tooltip (first CPU capture, on its lane).
    const timeline = page.locator('[data-testid="timeline"]');
    const fromMs = Number(await timeline.getAttribute('data-from-ms'));
    const toMs = Number(await timeline.getAttribute('data-to-ms'));
    const box = (await page.locator('[data-testid="timeline-canvas"]').boundingBox())!;
    const lanes = await page
      .locator('[data-testid="timeline-lane"]')
      .evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-service')}/${li.getAttribute('data-kind')}`));
    const lane = lanes.indexOf(`checkout/${first.kind}`);
    const midMs = first.capturedAtMs! + (first.durationNs ?? 0) / 2e6;
    await page.mouse.move(
      box.x + ((midMs - fromMs) / (toMs - fromMs)) * box.width,
      box.y + (lane + 0.5) * LANE_HEIGHT_PX,
    );
    const tooltip = page.locator('[data-testid="timeline-tooltip"]');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain(`Start${zoneText(Math.floor(first.capturedAtMs!))}`);

    // The marker at that instant.
    const flag = page.locator('[data-testid="marker-flag"][data-source="user"]');
    const atMs = Math.floor(first.capturedAtMs!);
    expect(Number(await flag.getAttribute('data-at-ms'))).toBe(atMs);
    await flag.hover();
    const markerTip = page.locator('[data-testid="marker-tooltip"]');
    await markerTip.waitFor();
    expect(await markerTip.textContent()).toContain(zoneText(atMs, true));
    await page.mouse.move(0, 0);

    // The picker: From/To are the visible range in the same zone; typing the capture's instant puts it at the left edge.
    expect(await page.inputValue('[data-testid="range-from"]')).toBe(zoneText(Math.floor(fromMs)));
    const from = page.locator('[data-testid="range-from"]');
    await from.fill(zoneText(atMs, true));
    await from.press('Enter');
    await expect.poll(async () => Number(await timeline.getAttribute('data-from-ms'))).toBe(atMs);
    await page.click('[data-testid="timeline-fit"]');
  });

  it('shows per second as /s in the views and keeps it in the URL across a reload', async () => {
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    const plain = await flameTotal(page);
    expect(plain).toBe(cliTotal(session.kiln.dbPath, brushed, 'cpu'));
    await page.check('[data-testid="window-per-second"]');
    await expect.poll(() => new URL(page.url()).searchParams.get('per')).toBe('s');
    await expect.poll(() => flameTotal(page)).not.toBe(plain);
    const perSecond = await flameTotal(page);
    const cliPerSecond = cliTotal(session.kiln.dbPath, brushed, 'cpu', ['--per-second']);
    expect(Math.abs(perSecond - cliPerSecond)).toBeLessThanOrEqual(1e-9 * cliPerSecond);
    // The root card and the top functions read "/s"; the header says what the rate is.
    const box = (await page.locator('[data-testid="flamegraph"][data-ready="true"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 6);
    expect(await page.locator('[data-testid="tooltip"]').textContent()).toMatch(/Total[\d.,]+ m?s\/s/);
    await page.mouse.move(0, 0);
    const topCells = await page.locator('[data-testid="top-table"] td').allTextContents();
    expect(topCells.some((text) => /\/s$/.test(text))).toBe(true);
    expect(await page.locator('[data-testid="window-rate-note"]').textContent()).toContain('1 s/s = 1 core');

    mkdirSync(RESULTS, { recursive: true });
    const header = page.locator('[data-testid="window-header"]');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(RESULTS, `window-per-second-${scheme}.png`) });
      await header.screenshot({ path: join(RESULTS, `window-per-second-header-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    await page.reload();
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 60_000 });
    expect(new URL(page.url()).searchParams.get('per')).toBe('s');
    expect(await page.isChecked('[data-testid="window-per-second"]')).toBe(true);
    expect(await flameTotal(page)).toBe(perSecond);
    await page.uncheck('[data-testid="window-per-second"]');
    await expect.poll(() => new URL(page.url()).searchParams.has('per')).toBe(false);
    await expect.poll(() => flameTotal(page)).toBe(plain);
  });

  it('switches the window to heap: the flame total is kiln top --kind heap, averaged per capture', async () => {
    await page.click('[data-testid="window-kind"][data-kind="heap"]');
    await expect.poll(() => (urlSelection(page) as ServiceWindow).kind).toBe('heap');
    const heapWindow = urlSelection(page) as ServiceWindow;
    expect(heapWindow.window).toEqual(brushed.window);
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    await expect
      .poll(async () => (await page.locator('[data-testid="window-title"]').textContent()) ?? '')
      .toContain('Heap in use · 2 captures');
    const total = await flameTotal(page);
    const expected = cliTotal(session.kiln.dbPath, heapWindow, 'heap');
    expect(Math.abs(total - expected)).toBeLessThanOrEqual(1e-9 * expected);
    // Averaged, not summed: the mean of the two captures' in-use totals.
    const heaps = captures.filter((c) => c.kind === 'heap');
    const inuse = heaps[0]!.sampleTypes.findIndex((t) => t.type === 'inuse_space');
    const mean = heaps.reduce((sum, c) => sum + (c.totals[inuse] ?? 0), 0) / heaps.length;
    expect(Math.abs(total - mean)).toBeLessThanOrEqual(1e-6 * mean);
    // Per second does not apply to a gauge.
    expect(await page.locator('[data-testid="window-per-second"]').count()).toBe(0);
  });
});
