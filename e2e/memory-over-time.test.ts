/**
 * Memory over time and the findings in Chromium, on the heap profiles of a real leaking Go service
 * (test/memory-producers/go-leak: a load generator POSTs payloads that main.addEntry keeps in an unbounded map) and
 * of the same service with a bounded LRU (main.cachePut). The app is checked against the service answer through the
 * same served store (`kiln leaks --json` on its database, getAllocationTimeline, getFindings): the leak table's
 * rows and verdicts, the stacked area's pixels in the band colours, a band's tooltip numbers, a band click showing
 * that function's callers, and the findings in order with a link back to the ranking. Without Go the corpus's heap
 * profiles of one service stand in. Screenshots: test-results/memory-over-time.png, findings.png.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Selection } from '../shared/capture/selection';
import type { AllocationTimeline, Finding, LeaksResult } from '../shared/ipc/memory-contract';
import { openKilnPage, type KilnPage } from './support/kiln-page';
import { KILN_BIN, ROOT } from './support/kiln-serve';
import { parseColor, type Rgb } from './support/pixels';
import { wrongIfText } from '../renderer/memory/memoryText';

const PRODUCER = join(ROOT, 'test', 'memory-producers', 'go-leak');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'generated', 'go-service');
/** What `SERVICE@all` selects (shared/capture/selection: the widest window a Date holds). */
const ALL = { startMs: -8_640_000_000_000_000, endMs: 8_640_000_000_000_000 };
const serviceSelection = (service: string): Selection => ({ service, window: ALL });

const HAS_GO = spawnSync('go', ['version']).status === 0;

/** Runs the producer for 12 s, a heap profile every 2 s; resolves with the profiles written. */
function runProducer(binary: string, out: string, args: string[]): Promise<string[]> {
  mkdirSync(out, { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn(binary, [...args, '-out', out, '-duration', '12s', '-interval', '2s'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${binary} exited ${code}`));
      // The producer's own log names each profile it wrote: "capture INDEX FILE entries N capacity C".
      resolve([...stdout.matchAll(/^capture \d+ (\S+) /gm)].map((m) => m[1] as string));
    });
  });
}

function kilnCli(db: string, args: string[]): string {
  const result = spawnSync(process.execPath, [KILN_BIN, ...args, '--db', db], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`kiln ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, 'test-results', name), await page.screenshot());
}

/** How many pixels of the canvas hold each colour exactly (the bands are filled without blending inside). */
async function colourCounts(page: Page, colours: Rgb[]): Promise<number[]> {
  return page.locator('[data-testid="allocation-timeline"]').evaluate((element, wanted) => {
    const c = element as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const counts = wanted.map(() => 0);
    for (let i = 0; i < data.length; i += 4) {
      const k = wanted.findIndex(([r, g, b]) => data[i] === r && data[i + 1] === g && data[i + 2] === b);
      if (k >= 0) counts[k] = (counts[k] as number) + 1;
    }
    return counts;
  }, colours);
}

/** A point (CSS px in the canvas) inside the band of colour `rgb`, near the last capture where bands are widest. */
async function pointInBand(page: Page, rgb: Rgb): Promise<{ x: number; y: number }> {
  return page.locator('[data-testid="allocation-timeline"]').evaluate((element, [r, g, b]) => {
    const c = element as HTMLCanvasElement;
    const scale = c.width / c.getBoundingClientRect().width;
    const xs = (c.dataset.xs ?? '').split(',').map(Number);
    const x = (xs[xs.length - 1] as number) - 6;
    const data = c.getContext('2d')!.getImageData(Math.floor(x * scale), 0, 1, c.height).data;
    const rows: number[] = [];
    for (let y = 0; y < c.height; y++) {
      if (data[y * 4] === r && data[y * 4 + 1] === g && data[y * 4 + 2] === b) rows.push(y);
    }
    if (rows.length === 0) throw new Error('band colour not found');
    return { x, y: (rows[Math.floor(rows.length / 2)] as number) / scale };
  }, rgb);
}

describe('memory over time and the findings in the browser', () => {
  let session: KilnPage;
  let page: Page;
  let scratch: string;
  /** The leaking service (the bounded one is there only with Go). */
  let leaky: string;
  const bounded = 'bounded';
  let truth: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'kiln-e2e-memory-'));
    session = await openKilnPage();
    page = session.page;
    const db = session.kiln.dbPath;
    if (HAS_GO) {
      const binary = join(scratch, 'checkout');
      const built = spawnSync('go', ['build', '-o', binary, '.'], { cwd: PRODUCER, encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`go build: ${built.stderr}`);
      // Both runs at once: 12 s of wall time, not 24. The LRU holds 1,500 of the 500 payloads a 2 s interval brings.
      const [leakFiles, lruFiles] = await Promise.all([
        runProducer(binary, join(scratch, 'leak'), ['-mode', 'leak']),
        runProducer(binary, join(scratch, 'lru'), ['-mode', 'lru', '-capacity', '1500']),
      ]);
      kilnCli(db, ['import', '--service', 'leaky', '--quiet', ...leakFiles]);
      kilnCli(db, ['import', '--service', bounded, '--quiet', ...lruFiles]);
      [leaky, truth] = ['leaky', 'main.addEntry'];
    } else {
      console.warn('go is not installed: the corpus heap profiles stand in for the leak producer');
      const files = readdirSync(CORPUS)
        .filter((f) => /^heap_\d+\.pb\.gz$/.test(f))
        .map((f) => join(CORPUS, f));
      kilnCli(db, ['import', '--service', 'gosvc', '--quiet', ...files]);
      [leaky, truth] = ['gosvc', 'main.(*sessionCache).remember'];
    }
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  async function openMemoryTab(service: string): Promise<void> {
    await page.goto(`${session.kiln.url}&sel=service=${service}@all`);
    await page.click('[data-testid="workbench-tab-memory"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="allocation-timeline"][data-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="leak-row"]', { timeout: 30_000 });
  }

  async function shownLeaks(): Promise<{ function: string; verdict: string }[]> {
    return page.$$eval('[data-testid="leak-row"]', (rows) =>
      rows.map((r) => ({
        function: r.getAttribute('data-function') ?? '',
        verdict: r.getAttribute('data-verdict') ?? '',
      })),
    );
  }

  function cliLeaks(service: string): LeaksResult {
    return JSON.parse(kilnCli(session.kiln.dbPath, ['leaks', service, '--limit', '50', '--json'])) as LeaksResult;
  }

  it('ranks what grows as kiln leaks does, the producer’s leak on top as growing', async () => {
    await openMemoryTab(leaky);
    const cli = cliLeaks(leaky);
    expect(await shownLeaks()).toEqual(cli.rows.map((r) => ({ function: r.function, verdict: r.verdict })));
    // The producer's truth: its map only grows, so its function is the top leak candidate.
    expect((await shownLeaks())[0]).toEqual({ function: truth, verdict: 'growing' });
    // Each row's sparkline is its series.
    const top = page.locator('[data-testid="leak-row"]').first();
    expect(await top.locator('[data-testid="diff-sparkline"]').getAttribute('data-values')).toBe(
      cli.rows[0]?.series.join(','),
    );
  });

  it('draws the stacked area in the band colours, with exact numbers on hover', async () => {
    const timeline = await session.kiln.call<AllocationTimeline>('getAllocationTimeline', {
      selection: serviceSelection(leaky),
      top: 8,
    });
    const legend = await page.$$eval('[data-testid="memory-legend-item"]', (items) =>
      items.map((i) => ({ name: i.getAttribute('data-function') ?? '', color: i.getAttribute('data-color') ?? '' })),
    );
    expect(legend.map((l) => l.name)).toEqual([...timeline.bands.map((b) => b.function), 'other']);
    const canvas = page.locator('[data-testid="allocation-timeline"]');
    expect(await canvas.getAttribute('data-captures')).toBe(String(timeline.captures.length));
    const counts = await colourCounts(
      page,
      legend.map((l) => parseColor(l.color)),
    );
    // The leak is the largest band at the end: many pixels of its colour.
    const leakBand = timeline.bands.findIndex((b) => b.function === truth);
    expect(leakBand).toBeGreaterThanOrEqual(0);
    expect(counts[leakBand]).toBeGreaterThan(2000);

    const color = parseColor(legend[leakBand]!.color);
    const point = await pointInBand(page, color);
    await canvas.hover({ position: point });
    const tooltip = page.locator('[data-testid="memory-tooltip"]');
    await tooltip.waitFor();
    const last = timeline.captures.length - 1;
    expect(await tooltip.getAttribute('data-capture')).toBe(String(last));
    const row = tooltip.locator(`[data-testid="memory-tooltip-row"][data-function="${truth}"]`);
    expect(Number(await row.getAttribute('data-value'))).toBe(timeline.bands[leakBand]!.values[last]);
    expect(await row.getAttribute('class')).toBe('hovered');
    const total = timeline.total[last] as number;
    expect(await tooltip.locator('[data-testid="memory-tooltip-total"]').textContent()).toContain(
      `${total.toLocaleString('en-US')} B`,
    );

    // Clicking the band selects the function: its series and its callers (the sandwich of the heap type).
    await canvas.click({ position: point });
    await expect.poll(() => page.textContent('[data-testid="memory-function-name"]')).toBe(truth);
    expect(await page.getAttribute('[data-testid="memory-function-series"]', 'data-values')).toBe(
      timeline.bands[leakBand]!.values.join(','),
    );
    await page.waitForSelector('[data-testid="sandwich-callers-canvas"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="sandwich-function"]')).toBe(truth);
    // The callers tree's root is the function; it has callers (the HTTP handler that stores the payload).
    expect(await page.getAttribute('[data-testid="sandwich-callers-canvas"]', 'data-zoom-name')).toBe('root');
    expect(
      Number(await page.getAttribute('[data-testid="sandwich-callers-canvas"]', 'data-node-count')),
    ).toBeGreaterThan(2);
    // The same selection in the ranking: one state.
    expect(await page.getAttribute(`[data-testid="leak-row"][data-function="${truth}"]`, 'aria-selected')).toBe('true');
    const wrongIf = cliLeaks(leaky).rows.find((r) => r.function === truth)?.wrongIf;
    expect(await page.textContent('[data-testid="leak-wrong-if"]')).toBe(`Wrong if: ${wrongIfText(wrongIf ?? '')}`);

    await canvas.hover({ position: point });
    await tooltip.waitFor();
    await saveScreenshot(page, 'memory-tooltip.png');
    await page.mouse.move(5, 5);
    await page.locator('[data-testid="memory-over-time"]').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await saveScreenshot(page, 'memory-over-time.png');
  });

  /** The findings tab of the page's selection equals getFindings for `service`, in order; returns them. */
  async function expectFindingsOf(service: string): Promise<Finding[]> {
    await page.click('[data-testid="workbench-tab-findings"]');
    await page.waitForSelector('[data-testid="finding"], [data-testid="findings-empty"]', { timeout: 30_000 });
    const { findings } = await session.kiln.call<{ findings: Finding[] }>('getFindings', {
      selection: serviceSelection(service),
    });
    const shown = await page.$$eval('[data-testid="finding"]', (items) =>
      items.map((i) => ({
        kind: i.getAttribute('data-kind'),
        title: i.querySelector('[data-testid="finding-title"]')?.textContent,
        evidence: [...i.querySelectorAll('[data-testid="finding-evidence"] li')].map((li) => li.textContent),
        wrongIf: i.querySelector('[data-testid="finding-wrong-if"]')?.textContent,
      })),
    );
    expect(shown).toEqual(
      findings.map((f) => ({
        kind: f.kind,
        title: f.title,
        evidence: f.evidence,
        wrongIf: `Wrong if: ${wrongIfText(f.wrongIf)}`,
      })),
    );
    return findings;
  }

  it('lists the findings of getFindings in order, each linking back to its evidence', async () => {
    const findings = await expectFindingsOf(leaky);
    expect(findings[0]?.subject).toBe(truth);
    await saveScreenshot(page, 'findings.png');

    // Its link opens the ranking with the function selected.
    await page.click('[data-testid="finding-link"] >> nth=0');
    await page.waitForSelector('[data-testid="workbench-panel-memory"]');
    await page.waitForSelector(`[data-testid="leak-row"][data-function="${truth}"][aria-selected="true"]`, {
      timeout: 30_000,
    });
    expect(await page.textContent('[data-testid="memory-function-name"]')).toBe(truth);
  });

  it.skipIf(!HAS_GO)(
    'shows the bounded service and its findings as the service answers, in the dark theme',
    async () => {
      await openMemoryTab(bounded);
      const cli = cliLeaks(bounded);
      expect(await shownLeaks()).toEqual(cli.rows.map((r) => ({ function: r.function, verdict: r.verdict })));
      // The dark theme, with the first row's evidence open.
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.click('[data-testid="leak-row"] >> nth=0');
      await page.waitForSelector('[data-testid="leak-wrong-if"]');
      await page.locator('[data-testid="memory-over-time"]').evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await saveScreenshot(page, 'memory-over-time-bounded-dark.png');
      await page.emulateMedia({ colorScheme: 'light' });
      await expectFindingsOf(bounded);
    },
  );

  it('draws a JFR recording’s allocation per window, as the service cuts it, without a leak ranking', async () => {
    const recording = join(ROOT, '..', 'shared', 'corpus', 'generated', 'java', 'java-churn.jfr');
    kilnCli(session.kiln.dbPath, ['import', '--service', 'churn', '--quiet', recording]);
    await page.goto(`${session.kiln.url}&sel=service=churn@all`);
    await page.click('[data-testid="workbench-tab-memory"]', { timeout: 30_000 });
    const chart = await page.waitForSelector('[data-testid="allocation-timeline"][data-ready="true"]', {
      timeout: 30_000,
    });
    const timeline = await session.kiln.call<AllocationTimeline>('getAllocationTimeline', {
      selection: { service: 'churn', window: { startMs: -8.64e15, endMs: 8.64e15 } },
      top: 8,
    });
    expect(timeline.captures).toHaveLength(20);
    expect(Number(await chart.getAttribute('data-captures'))).toBe(timeline.captures.length);
    expect(await page.textContent('.memory-chart h3')).toMatch(/^Allocation per window/);
    // The bands are the allocating methods the service names, in its order.
    const legend = await page.$$eval('[data-testid="memory-legend-item"]', (items) =>
      items.map((i) => i.getAttribute('data-function')),
    );
    expect(legend.filter((name) => name !== 'other')).toEqual(timeline.bands.map((b) => b.function));
    await page.waitForSelector('[data-testid="leak-table-recording-only"]');
    expect(await page.$('[data-testid="leak-row"]')).toBeNull();
    await page.locator('[data-testid="memory-over-time"]').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await saveScreenshot(page, 'memory-recording-windows.png');
  });
});
