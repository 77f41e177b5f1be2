/**
 * Filters and view modes in the real page: a focus filter set as a chip
 * narrows every view, and the top table then shows exactly what
 * `kiln top --filter` prints for the same filter on the same database.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKilnPage, openProfileFile, type KilnPage } from './support/kiln-page';
import { KILN_BIN, ROOT, type ServedKiln } from './support/kiln-serve';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz');

describe('filters and views in the browser build', () => {
  let session: KilnPage;
  let kiln: ServedKiln;
  let page: Page;

  beforeAll(async () => {
    session = await openKilnPage();
    ({ kiln, page } = session);
    await openProfileFile(page, FIXTURE);
  }, 60_000);
  afterAll(() => session?.close());

  const topSelf = () =>
    page.$$eval('[data-testid="top-row"] [data-col="self"]', (cells) =>
      cells.slice(0, 10).map((c) => Number(c.getAttribute('data-value'))),
    );

  it('applies a focus chip to the top table exactly as kiln top --filter does', async () => {
    const before = Number(await page.getAttribute('[data-testid="flamegraph"]', 'data-node-count'));
    await page.selectOption('[data-testid="filter-kind"]', 'focus');
    await page.fill('[data-testid="filter-pattern"]', 'sha256');
    await page.click('[data-testid="add-filter"]');
    await expect.poll(() => page.locator('[data-testid="filter-chip"]').count()).toBe(1);
    expect(await page.getAttribute('[data-testid="filter-chip"]', 'data-kind')).toBe('focus');
    await expect
      .poll(async () => Number(await page.getAttribute('[data-testid="flamegraph"]', 'data-node-count')))
      .toBeLessThan(before);
    expect(new URL(page.url()).searchParams.get('filters')).toBe('focus:sha256');
    expect(new URL(page.url()).searchParams.get('token')).toBeNull();

    const cli = spawnSync(
      process.execPath,
      [
        KILN_BIN,
        'top',
        '1',
        '--db',
        kiln.dbPath,
        '--type',
        'cpu',
        '--limit',
        '10',
        '--filter',
        'focus:sha256',
        '--json',
      ],
      { encoding: 'utf8' },
    );
    expect(cli.status).toBe(0);
    const expected = (JSON.parse(cli.stdout) as { self: number }[]).map((r) => r.self);
    await expect.poll(topSelf).toEqual(expected);
  });

  it('switches to the inverted view and to the sandwich of a function, keeping the filter', async () => {
    const topDownNodes = Number(await page.getAttribute('[data-testid="flamegraph"]', 'data-node-count'));
    await page.selectOption('[data-testid="view-mode"]', 'inverted');
    await expect
      .poll(async () => Number(await page.getAttribute('[data-testid="flamegraph"]', 'data-node-count')))
      .not.toBe(topDownNodes);
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]');

    const name = (await page.locator('[data-testid="top-function-name"]').first().textContent()) ?? '';
    await page.locator('[data-testid="top-function-name"]').first().click();
    await expect.poll(() => page.locator('[data-testid="sandwich-function"]').textContent()).toContain(name);
    await page.waitForSelector('[data-testid="sandwich-callers-canvas"][data-ready="true"]');
    await page.waitForSelector('[data-testid="sandwich-callees-canvas"][data-ready="true"]');
    expect(await page.locator('[data-testid="filter-chip"]').count()).toBe(1);

    // Removing the chip brings the whole profile back.
    await page.selectOption('[data-testid="view-mode"]', 'top-down');
    await page.click('[data-testid="remove-filter"]');
    await expect.poll(() => page.locator('[data-testid="filter-chip"]').count()).toBe(0);
    await expect.poll(() => new URL(page.url()).searchParams.get('filters')).toBeNull();
  });
});
