/**
 * Markers and annotations on the timeline, in Chromium against `kiln serve`: two real Go CPU captures imported by
 * the built CLI with `--label version=v1` / `v2` get an automatic marker drawn at the second one's start; an
 * annotation added by clicking the service's marker strip is listed by `kiln timeline --json` with source user at
 * the millisecond the clicked x maps to, then edited and deleted through its flag; a CSV deploy log imported
 * through the page shows with its file named; the From/To picker and a preset set the visible range. Screenshots
 * of the timeline in light and dark theme go to test-results/timeline-markers-{light,dark}.png.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '../renderer/app/formatDate';
import { openKilnPage, type KilnPage } from './support/kiln-page';
import { KILN_BIN, ROOT } from './support/kiln-serve';

const GO_SERVICE = join(ROOT, '..', 'shared', 'corpus', 'generated', 'go-service');
const CPU_1 = join(GO_SERVICE, 'cpu_1.pb.gz');
const CPU_2 = join(GO_SERVICE, 'cpu_2.pb.gz');
const RESULTS = join(ROOT, 'test-results');

interface CliMarker {
  atMs: number;
  label: string;
  source: string;
}
interface CliTimeline {
  services: { name: string; captures: { id: number; capturedAtMs: number }[]; markers: CliMarker[] }[];
}

describe('markers and annotations on the timeline', () => {
  let session: KilnPage;
  let page: Page;
  let dir: string;

  const kiln = (...args: string[]): string =>
    execFileSync(process.execPath, [KILN_BIN, ...args, '--db', session.kiln.dbPath], { encoding: 'utf8' });
  const cliTimeline = (): CliTimeline => JSON.parse(kiln('timeline', '--json')) as CliTimeline;
  const markersOf = (service: string): CliMarker[] =>
    cliTimeline().services.find((s) => s.name === service)?.markers ?? [];

  async function visibleRange(): Promise<{ fromMs: number; toMs: number }> {
    const timeline = page.locator('[data-testid="timeline"]');
    return {
      fromMs: Number(await timeline.getAttribute('data-from-ms')),
      toMs: Number(await timeline.getAttribute('data-to-ms')),
    };
  }
  const strip = () => page.locator('[data-testid="marker-strip"][data-service="leakysvc"]');
  const flagOf = (source: string) => strip().locator(`[data-testid="marker-flag"][data-source="${source}"]`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-markers-'));
    session = await openKilnPage();
    ({ page } = session);
    kiln('import', CPU_1, '--label', 'version=v1', '--quiet');
    kiln('import', CPU_2, '--label', 'version=v2', '--quiet');
    await page.reload();
    await page.waitForSelector('[data-testid="timeline-canvas"][data-ready="true"]');
    await page.waitForSelector('[data-testid="marker-flag"]');
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws the automatic marker at the second capture start, with its source in the tooltip', async () => {
    const markers = markersOf('leakysvc');
    expect(markers).toEqual([{ atMs: expect.any(Number), label: 'version v1 → v2', source: 'label' }]);
    const second = cliTimeline().services[0]?.captures[1];
    expect(markers[0]?.atMs).toBe(second?.capturedAtMs);

    const flag = flagOf('label');
    expect(await flag.count()).toBe(1);
    expect(Number(await flag.getAttribute('data-at-ms'))).toBe(markers[0]?.atMs);
    const { fromMs, toMs } = await visibleRange();
    const stripBox = await strip().boundingBox();
    const flagBox = await flag.boundingBox();
    const canvasBox = await page.locator('[data-testid="timeline-canvas"]').boundingBox();
    if (!stripBox || !flagBox || !canvasBox) throw new Error('no boxes');
    // The strip and the lanes share their columns, and the flag's centre is at the marker's x.
    expect(stripBox.x).toBeCloseTo(canvasBox.x, 0);
    expect(stripBox.width).toBeCloseTo(canvasBox.width, 0);
    const expectedX = stripBox.x + (((markers[0]?.atMs ?? 0) - fromMs) / (toMs - fromMs)) * stripBox.width;
    expect(Math.abs(flagBox.x + flagBox.width / 2 - expectedX)).toBeLessThan(1);
    // Its line runs through the service's one lane at the same x.
    const line = page.locator('[data-testid="marker-line"]');
    expect(await line.count()).toBe(1);
    const lineBox = await line.boundingBox();
    expect(Math.abs((lineBox?.x ?? 0) - expectedX)).toBeLessThan(1);
    expect(lineBox?.height).toBeCloseTo(canvasBox.height, 0);

    await flag.hover();
    const tooltip = page.locator('[data-testid="marker-tooltip"]');
    await tooltip.waitFor();
    expect(await tooltip.locator('[data-testid="marker-tooltip-text"]').textContent()).toBe(
      'version v1 → v2 · version label changed',
    );
    expect(await tooltip.textContent()).toContain(formatLocalDateTime(markers[0]?.atMs ?? 0, true));
    await page.mouse.move(0, 0);
  });

  it('adds an annotation where the strip is clicked, edits it and deletes it', async () => {
    const stripBox = await strip().boundingBox();
    if (!stripBox) throw new Error('no strip');
    const { fromMs, toMs } = await visibleRange();
    const clientX = Math.round(stripBox.x + stripBox.width * 0.2);
    const expectedMs = Math.round(fromMs + ((clientX - stripBox.x) / stripBox.width) * (toMs - fromMs));
    await page.mouse.click(clientX, stripBox.y + stripBox.height / 2);
    const form = page.locator('[data-testid="marker-form"]');
    await form.waitFor();
    expect(await form.locator('[data-testid="marker-form-time"]').inputValue()).toBe(
      formatLocalDateTime(expectedMs, true),
    );
    await form.locator('[data-testid="marker-form-label"]').fill('canary on');
    await form.locator('[data-testid="marker-form-save"]').click();
    await flagOf('user').waitFor();
    expect(await form.count()).toBe(0);
    expect(markersOf('leakysvc').filter((m) => m.source === 'user')).toEqual([
      { atMs: expectedMs, label: 'canary on', source: 'user' },
    ]);
    expect(Number(await flagOf('user').getAttribute('data-at-ms'))).toBe(expectedMs);

    // Edit: a new label and a time a second and a quarter later, typed in local time as the field shows it.
    await flagOf('user').click();
    await form.waitFor();
    expect(await form.locator('[data-testid="marker-form-label"]').inputValue()).toBe('canary on');
    await form.locator('[data-testid="marker-form-label"]').fill('canary off');
    await form.locator('[data-testid="marker-form-time"]').fill(formatLocalDateTime(expectedMs + 1250, true));
    await form.locator('[data-testid="marker-form-save"]').click();
    await page.waitForSelector(`[data-testid="marker-flag"][data-source="user"][data-at-ms="${expectedMs + 1250}"]`);
    expect(markersOf('leakysvc').filter((m) => m.source === 'user')).toEqual([
      { atMs: expectedMs + 1250, label: 'canary off', source: 'user' },
    ]);

    // A time that is not one is refused in the form; nothing changes.
    await flagOf('user').click();
    await form.locator('[data-testid="marker-form-time"]').fill('tomorrow');
    await form.locator('[data-testid="marker-form-save"]').click();
    expect(await form.getByRole('alert').textContent()).toContain('2026-11-24 10:00:02.250');
    await form.locator('[data-testid="marker-form-delete"]').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="marker-flag"][data-source="user"]').length === 0,
    );
    expect(markersOf('leakysvc').filter((m) => m.source === 'user')).toEqual([]);
    expect(markersOf('leakysvc').map((m) => m.source)).toEqual(['label']);
  });

  it('imports a deploy log picked in the page, for the service chosen', async () => {
    const atMs = cliTimeline().services[0]?.captures[0]?.capturedAtMs ?? 0;
    const csv = join(dir, 'deploys.csv');
    writeFileSync(csv, `time,label\n${new Date(Math.round(atMs) + 500).toISOString()},deploy v3\n`);
    expect(await page.locator('[data-testid="annotation-import-service"]').inputValue()).toBe('leakysvc');
    await page.setInputFiles('[data-testid="annotation-import-input"]', csv);
    await page.waitForSelector('[data-testid="annotation-import-status"]');
    expect(await page.locator('[data-testid="annotation-import-status"]').textContent()).toBe('1 imported');
    expect(markersOf('leakysvc')).toEqual([
      { atMs: Math.round(atMs) + 500, label: 'deploy v3', source: 'file' },
      { atMs: expect.any(Number), label: 'version v1 → v2', source: 'label' },
    ]);
    await flagOf('file').hover();
    expect(await page.locator('[data-testid="marker-tooltip-text"]').textContent()).toBe(
      'deploy v3 · from deploys.csv',
    );
    await page.mouse.move(0, 0);
  });

  it('sets the visible range from the From/To fields and the presets, and follows zoom', async () => {
    const from = page.locator('[data-testid="range-from"]');
    const to = page.locator('[data-testid="range-to"]');
    const first = cliTimeline().services[0]?.captures[0]?.capturedAtMs ?? 0;
    const start = Math.floor(first / 1000) * 1000;
    await from.fill(formatLocalDateTime(start));
    await to.fill(formatLocalDateTime(start + 20_000));
    await to.press('Enter');
    expect(await visibleRange()).toEqual({ fromMs: start, toMs: start + 20_000 });
    expect(await from.inputValue()).toBe(formatLocalDateTime(start));

    await page.locator('[data-testid="timeline"]').focus();
    await page.keyboard.press('+');
    const zoomed = await visibleRange();
    expect(zoomed.toMs - zoomed.fromMs).toBeCloseTo(20_000 / 1.5, 3);
    expect(await from.inputValue()).toBe(formatLocalDateTime(zoomed.fromMs));
    expect(await to.inputValue()).toBe(formatLocalDateTime(zoomed.toMs));

    // A bad time is marked and leaves the range as it was.
    await from.fill('noon');
    await from.press('Enter');
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(await visibleRange()).toEqual(zoomed);
    await from.press('Escape');

    const canvas = await page.locator('[data-testid="timeline-canvas"]').boundingBox();
    expect(canvas).not.toBeNull();
    await page.locator('[data-testid="range-preset"]').selectOption('15m');
    const last = cliTimeline().services[0]?.captures[1];
    const latestEnd = (last?.capturedAtMs ?? 0) + 2116673733 / 1e6;
    const preset = await visibleRange();
    expect(preset.toMs).toBeCloseTo(latestEnd, 3);
    expect(preset.toMs - preset.fromMs).toBeCloseTo(15 * 60_000, 3);
    await page.locator('[data-testid="timeline-fit"]').click();
  });

  it('takes screenshots of the markers in light and dark theme, the page fitting 1400×900', async () => {
    mkdirSync(RESULTS, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForSelector(`[data-testid="timeline-canvas"][data-theme="${scheme}"]`);
      await flagOf('label').hover();
      await page.locator('[data-testid="marker-tooltip"]').waitFor();
      await page.screenshot({ path: join(RESULTS, `timeline-markers-${scheme}.png`) });
      await page.mouse.move(0, 0);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    // The picker's row keeps to one line (its fields show whole times) inside the panel.
    const bar = await page.locator('.timeline-range-bar').boundingBox();
    const timeline = await page.locator('[data-testid="timeline"]').boundingBox();
    expect(bar?.height).toBeLessThan(30);
    expect((bar?.x ?? 0) + (bar?.width ?? 0)).toBeLessThanOrEqual((timeline?.x ?? 0) + (timeline?.width ?? 0));
    const from = page.locator('[data-testid="range-from"]');
    expect(await from.evaluate((input: HTMLInputElement) => input.scrollWidth <= input.clientWidth)).toBe(true);
  });
});
