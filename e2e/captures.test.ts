/**
 * Captures in the catalogue, in Chromium: a pprof file shows the service and wall-clock start it states
 * (read here with `go tool pprof -raw`, independently of Kiln), a Go gctrace (only times since its program
 * started) shows its file's modification time marked "estimated", and setting that start in the item's
 * heading changes what the catalogue prints and what the service stores.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemSummary } from '../shared/ipc/contract';
import { formatLocalDateTime } from '../renderer/app/formatDate';
import { openKilnPage, type KilnPage, confirmImport } from './support/kiln-page';
import { ROOT } from './support/kiln-serve';

const PPROF = join(ROOT, 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz');
const GCTRACE = join(ROOT, 'test', 'fixtures', 'gc', 'go-gctrace', 'go119-gctrace.txt');
const MODIFIED = new Date('2026-03-01T12:00:00Z');
// What the gctrace records: its last line, "gc 116 @0.475s 4%: 0.037+11+0.062 ms clock", ends 475 + 11.099 ms after
// the program started. A file that states no start is anchored at its modification time less that span.
const GCTRACE_SPAN_MS = 486.099;

/** The start and main binary `go tool pprof -raw` prints: "Time: 2026-… 02:07:59.305098612 +0000 UTC", "Mappings\n1: … /path/bin". */
function pprofFacts(path: string): { startMs: number; binary: string } {
  const raw = execFileSync('go', ['tool', 'pprof', '-raw', path], { encoding: 'utf8' });
  const time = /^Time: (\S+) (\d\d:\d\d:\d\d)\.(\d+) \+0000 UTC$/m.exec(raw);
  const mapping = /^Mappings\n1: \S+ (\S+)/m.exec(raw);
  if (!time || !mapping?.[1]) throw new Error(`unexpected go tool pprof -raw output:\n${raw.slice(0, 500)}`);
  const binary = mapping[1];
  return {
    startMs: Date.parse(`${time[1]}T${time[2]}Z`) + Number(`0.${time[3]}`) * 1000,
    binary: binary.slice(binary.lastIndexOf('/') + 1),
  };
}

describe('captures in the catalogue: service, start, estimated starts the user sets', () => {
  let session: KilnPage;
  let page: Page;
  let dir: string;
  let gctrace: string;

  const row = (name: string) =>
    page.locator('[data-testid="catalogue-row"]').filter({
      has: page.locator('[data-col="name"]', { hasText: name }),
    });

  beforeAll(async () => {
    session = await openKilnPage();
    page = session.page;
    dir = mkdtempSync(join(tmpdir(), 'kiln-e2e-captures-'));
    // A copy with a known modification time, the anchor of a file that states no start.
    gctrace = join(dir, 'service-gctrace.txt');
    copyFileSync(GCTRACE, gctrace);
    utimesSync(gctrace, MODIFIED, MODIFIED);
    await page.setInputFiles('[data-testid="open-input"]', [PPROF, gctrace]);
    await confirmImport(page);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="catalogue-row"]').length >= 2,
      undefined,
      {
        timeout: 60_000,
      },
    );
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the service and start a pprof file states, unmarked', async () => {
    const { startMs, binary } = pprofFacts(PPROF);
    const pprof = row('cpu_1.pb.gz');
    expect(await pprof.locator('[data-col="service"]').textContent()).toBe(binary);
    expect(await pprof.locator('[data-testid="capture-start"]').textContent()).toBe(formatLocalDateTime(startMs));
    expect(await pprof.locator('[data-testid="capture-mark"]').count()).toBe(0);
  });

  it('marks a gctrace’s start as estimated, and setting it changes the catalogue and the store', async () => {
    const gc = row('service-gctrace.txt');
    const start = gc.locator('[data-testid="capture-start"]');
    await expect
      .poll(() => start.textContent(), { timeout: 30_000 })
      .toBe(`${formatLocalDateTime(MODIFIED.getTime() - GCTRACE_SPAN_MS)}estimated`);
    expect(await gc.locator('[data-testid="capture-mark"]').textContent()).toBe('estimated');

    await gc.locator('[data-col="name"]').click();
    await page.click('[data-testid="set-start"]');
    // Local time, as the input reads it.
    const chosen = new Date(2026, 2, 2, 8, 30, 15).getTime();
    await page.fill('[data-testid="start-input"]', '2026-03-02T08:30:15');
    await page.click('[data-testid="start-apply"]');

    await expect.poll(() => start.textContent(), { timeout: 30_000 }).toBe(`${formatLocalDateTime(chosen)}set by you`);
    const items = await session.kiln.call<ItemSummary[]>('listItems', {});
    expect(items.find((p) => p.name === 'service-gctrace.txt')).toMatchObject({
      capturedAtMs: chosen,
      timeSource: 'user',
    });
    // The heading shows the start as set, and a start the file states offers no form.
    expect(await page.locator('.profile-heading [data-testid="capture-mark"]').textContent()).toBe('set by you');
    await row('cpu_1.pb.gz').locator('[data-col="name"]').click();
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="set-start"]').count()).toBe(0);
  });
});
