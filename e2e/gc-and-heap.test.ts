/**
 * GC logs and heap snapshots through the real page: each kind gets its own
 * view, with numbers that match what the log states (scripts/count-gc.sh)
 * and what the snapshot holds (a producer that made exactly 1000 LeakyThing
 * objects, each holding 1 KiB).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemSummary } from '../shared/ipc/contract';
import { openKilnPage, type KilnPage, confirmImport } from './support/kiln-page';
import { ROOT, type ServedKiln } from './support/kiln-serve';

const FIXTURES = join(ROOT, 'test', 'fixtures');
const GC_LOG = 'gc/go-gctrace/go-service.gctrace.stderr.txt';
const SNAPSHOT = 'heapsnapshot/leaky-things-1000x1024.heapsnapshot.gz';

async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, 'test-results', name), await page.screenshot());
}

interface GcExpected {
  files: Record<string, { pauseEvents: number; totalPauseNs: number }>;
}

describe('GC logs and heap snapshots in the browser build', () => {
  let session: KilnPage;
  let kiln: ServedKiln;
  let page: Page;

  beforeAll(async () => {
    session = await openKilnPage();
    ({ kiln, page } = session);
  }, 60_000);
  afterAll(() => session?.close());

  async function open(relativePath: string): Promise<ItemSummary> {
    await page.setInputFiles('[data-testid="open-input"]', join(FIXTURES, relativePath));
    await confirmImport(page);
    const name = relativePath.split('/').pop() as string;
    await expect
      // An import runs on the ingest worker: on a loaded machine it can take longer than poll's 1 s default.
      .poll(async () => (await kiln.call<ItemSummary[]>('listItems', {})).some((p) => p.name === name), {
        timeout: 30_000,
      })
      .toBe(true);
    return (await kiln.call<ItemSummary[]>('listItems', {})).find((p) => p.name === name) as ItemSummary;
  }

  it('shows a GC log as a GC summary whose numbers match the log', async () => {
    const item = await open(GC_LOG);
    const expected = (JSON.parse(readFileSync(join(FIXTURES, 'gc', 'expected.json'), 'utf8')) as GcExpected).files[
      GC_LOG.slice('gc/'.length)
    ];
    expect(item.kind).toBe('gc-log');
    expect(item.gc?.gcEvents).toBe(expected?.pauseEvents);

    const row = page.locator(`[data-testid="catalogue-row"][data-profile-id="${item.id}"]`);
    await expect.poll(() => row.getAttribute('data-kind')).toBe('gc-log');
    await page.waitForSelector('[data-testid="gc-summary"]');
    const stat = (name: string) =>
      page.locator(`[data-testid="gc-summary"] [data-stat="${name}"]`).getAttribute('data-value');
    await expect.poll(() => stat('gc-events')).toBe(String(expected?.pauseEvents));
    expect(Number(await stat('total-pause'))).toBeCloseTo((expected?.totalPauseNs ?? 0) / 1e6, 6);
    await page.waitForSelector('[data-testid="gc-pause-chart"][data-ready="true"]');
    expect(await page.getAttribute('[data-testid="gc-pause-chart"]', 'data-bar-count')).toBe(
      String(expected?.pauseEvents),
    );
    // A GC log offers no flame graph.
    expect(await page.locator('[data-testid="flamegraph"]').count()).toBe(0);
    await saveScreenshot(page, 'e2e-gc-log.png');
  });

  it('shows a heap snapshot as classes with retaining paths', async () => {
    const item = await open(SNAPSHOT);
    expect(item.kind).toBe('heap-snapshot');
    await page.waitForSelector('[data-testid="heap-class-row"]');
    const leaky = page.locator('[data-testid="heap-class-row"][data-class-name="LeakyThing"]');
    expect(await leaky.locator('[data-col="count"]').getAttribute('data-value')).toBe('1000');
    const retained = Number(await leaky.locator('[data-col="retained-size"]').getAttribute('data-value'));
    expect(retained).toBeGreaterThanOrEqual(1000 * 1024);

    await leaky.click();
    await page.waitForSelector('[data-testid="retainer-path"]');
    const paths = await page.$$eval('[data-testid="retainer-path"]', (items) => items.map((i) => i.textContent ?? ''));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths[0]).toMatch(/^root/);
    expect(paths[0]).toContain('LeakyThing');
    expect(await page.locator('[data-testid="flamegraph"]').count()).toBe(0);
    await saveScreenshot(page, 'e2e-heap-snapshot.png');
  });
});
