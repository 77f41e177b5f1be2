/**
 * The large Go profile (../shared/corpus/generated/large/deep-go.pb.gz, 310k
 * samples) through every view of the workbench with one focus filter set:
 * icicle, flame, inverted, call-tree table (top-down and bottom-up) and the
 * sandwich of a function. In each, the totals the page shows — the top table,
 * the hovered frame's card, the table's rows — equal what `kiln top --filter`
 * prints for the same filter on the same database.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemSummary } from '../shared/ipc/contract';
import { openKilnPage, type KilnPage, confirmImport } from './support/kiln-page';
import { KILN_BIN, ROOT, type ServedKiln } from './support/kiln-serve';

const DEEP_GO = join(ROOT, '..', 'shared', 'corpus', 'generated', 'large', 'deep-go.pb.gz');
const present = existsSync(DEEP_GO);
if (!present) console.log(`SKIPPED: ${DEEP_GO} not found (the shared corpus is not beside this clone)`);

/** A function in the middle of deep-go's stacks: callers above it, callees below it. */
const FOCUS = 'strconv\\.formatBits';
const FOCUS_FUNCTION = 'strconv.formatBits';

interface CliRow {
  function: string;
  self: number;
  total: number;
}

interface FrameRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

describe.skipIf(!present)('every view of the large Go profile with a focus filter', () => {
  let session: KilnPage;
  let kiln: ServedKiln;
  let page: Page;
  let cli: CliRow[];
  let focusedTotal: number;

  beforeAll(async () => {
    session = await openKilnPage();
    ({ kiln, page } = session);
    await page.setInputFiles('[data-testid="open-input"]', DEEP_GO);
    await confirmImport(page);
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 200_000 });

    await page.selectOption('[data-testid="filter-kind"]', 'focus');
    await page.fill('[data-testid="filter-pattern"]', FOCUS);
    await page.click('[data-testid="add-filter"]');
    await page.waitForSelector('[data-testid="filter-chip"]');

    const [profile] = await kiln.call<ItemSummary[]>('listItems', {});
    const sampleType = profile!.sampleTypes[profile!.defaultSampleType]!.type;
    const run = spawnSync(
      process.execPath,
      [
        KILN_BIN,
        'top',
        String(profile!.id),
        '--db',
        kiln.dbPath,
        '--type',
        sampleType,
        '--limit',
        '100000',
        '--filter',
        `focus:${FOCUS}`,
        '--json',
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(run.status, run.stderr).toBe(0);
    cli = JSON.parse(run.stdout) as CliRow[];
    focusedTotal = cli.reduce((sum, row) => sum + row.self, 0);
  }, 300_000);
  afterAll(() => session?.close());

  const topRows = () =>
    page.$$eval('[data-testid="top-row"]', (rows) =>
      rows.slice(0, 10).map((row) => ({
        self: Number(row.querySelector('[data-col="self"]')?.getAttribute('data-value')),
        total: Number(row.querySelector('[data-col="total"]')?.getAttribute('data-value')),
      })),
    );
  const expectTopTableEqualsCli = async (): Promise<void> => {
    const expected = cli.slice(0, 10).map(({ self, total }) => ({ self, total }));
    await expect.poll(topRows, { timeout: 60_000 }).toEqual(expected);
  };
  const cliRow = (name: string): CliRow => {
    const row = cli.find((r) => r.function === name);
    if (!row) throw new Error(`kiln top has no row for ${name}`);
    return row;
  };

  /** Hovers the widest drawn frame of `name` in the main flame graph and reads the card's exact values. */
  const hoverFrame = async (name: string): Promise<{ self: number; total: number }> => {
    const rect = await page.evaluate(
      (n) =>
        (window as unknown as { __kilnFlame: { frameRect(n: string): FrameRect | null } }).__kilnFlame.frameRect(n),
      name,
    );
    if (!rect) throw new Error(`${name} is not drawn`);
    const box = (await page.locator('[data-testid="flamegraph"]').boundingBox())!;
    await page.mouse.move(box.x + rect.x + Math.min(rect.w / 2, 200), box.y + rect.y + rect.h / 2);
    const tooltip = page.locator('[data-testid="tooltip"]');
    await expect.poll(() => tooltip.locator('.flame-tooltip-name').textContent()).toBe(name);
    return {
      self: Number(await tooltip.getAttribute('data-self')),
      total: Number(await tooltip.getAttribute('data-total')),
    };
  };

  it('the CLI sees a focused tree rooted at the function', () => {
    expect(cliRow(FOCUS_FUNCTION).total).toBe(focusedTotal);
    expect(focusedTotal).toBeGreaterThan(0);
  });

  it('icicle and flame: top table and the focused frame equal kiln top', { timeout: 120_000 }, async () => {
    for (const orientation of ['icicle', 'flame'] as const) {
      await page.selectOption('[data-testid="orientation"]', orientation);
      await page.waitForSelector(`[data-testid="flamegraph"][data-ready="true"][data-orientation="${orientation}"]`);
      await expectTopTableEqualsCli();
      expect(await hoverFrame(FOCUS_FUNCTION)).toEqual({ self: cliRow(FOCUS_FUNCTION).self, total: focusedTotal });
    }
    await page.selectOption('[data-testid="orientation"]', 'icicle');
  });

  it('inverted: a leaf function starts a root with its flat value', { timeout: 120_000 }, async () => {
    const before = await page.getAttribute('[data-testid="flamegraph"]', 'data-node-count');
    await page.selectOption('[data-testid="view-mode"]', 'inverted');
    await expect
      .poll(() => page.getAttribute('[data-testid="flamegraph"]', 'data-node-count'), { timeout: 60_000 })
      .not.toBe(before);
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]');
    await expectTopTableEqualsCli();
    const hottest = cli[0]!;
    expect((await hoverFrame(hottest.function)).total).toBe(hottest.self);
  });

  it('call-tree table, top-down and bottom-up: root and first rows equal kiln top', { timeout: 120_000 }, async () => {
    await page.selectOption('[data-testid="view-mode"]', 'table');
    await page.waitForSelector('[data-testid="call-tree-row"]', { timeout: 60_000 });
    await expectTopTableEqualsCli();
    const firstRows = () =>
      page.$$eval('[data-testid="call-tree-row"]', (rows) =>
        rows.slice(0, 2).map((row) => ({
          depth: Number(row.getAttribute('data-depth')),
          total: Number(row.getAttribute('data-total')),
          name: row.querySelector('[data-col="function"]')?.textContent?.trim() ?? '',
        })),
      );
    // Top-down: the root holds the focused total, its one child is the focused function.
    await expect.poll(async () => (await firstRows())[0]?.total, { timeout: 60_000 }).toBe(focusedTotal);
    const [, child] = await firstRows();
    expect(child).toMatchObject({ depth: 1, total: focusedTotal });
    expect(child!.name).toContain(FOCUS_FUNCTION);

    await page.check('[data-testid="table-bottom-up"]');
    // Bottom-up: the first child under the root is the function with the most self time, at its self value.
    await expect
      .poll(async () => (await firstRows())[1], { timeout: 60_000 })
      .toMatchObject({ depth: 1, total: cli[0]!.self });
    expect((await firstRows())[0]!.total).toBe(focusedTotal);
    await page.uncheck('[data-testid="table-bottom-up"]');
  });

  it('sandwich of the focused function keeps the filter and the top table', { timeout: 120_000 }, async () => {
    await page.selectOption('[data-testid="view-mode"]', 'top-down');
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]');
    const link = page.locator('[data-testid="top-function-name"]', { hasText: FOCUS_FUNCTION }).first();
    await link.click();
    await expect.poll(() => page.locator('[data-testid="sandwich-function"]').textContent()).toContain(FOCUS_FUNCTION);
    await page.waitForSelector('[data-testid="sandwich-callers-canvas"][data-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid="sandwich-callees-canvas"][data-ready="true"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="filter-chip"]').count()).toBe(1);
    await expectTopTableEqualsCli();
  });

  it('offers no stack chart for a pprof profile (its samples have no times)', async () => {
    expect(await page.locator('[data-testid="view-mode"] option[value="stack-chart"]').count()).toBe(0);
  });
});
