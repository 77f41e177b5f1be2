/**
 * Label and line filters in the real page: a label chip added through the
 * FilterBar (key and value offered from the profile's own labels) restricts
 * the top table to exactly what `kiln top --filter 'label:…'` prints on the
 * same database; removing it brings the whole profile back; the "By line"
 * toggle splits functions by source line, as `kiln top --filter lines` does.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKilnPage, openProfileFile, type KilnPage } from './support/kiln-page';
import { KILN_BIN, ROOT, type ServedKiln } from './support/kiln-serve';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'pprof-labels', 'labelled-cpu.pb.gz');
const ROWS = 10;

interface Row {
  function: string;
  self: number;
}

describe('label and line filters in the browser build', () => {
  let session: KilnPage;
  let kiln: ServedKiln;
  let page: Page;

  beforeAll(async () => {
    session = await openKilnPage();
    ({ kiln, page } = session);
    await openProfileFile(page, FIXTURE);
  }, 60_000);
  afterAll(() => session?.close());

  /** What `kiln top` prints for the same database, sample type and filter. */
  function cliTop(filter: string): Row[] {
    const cli = spawnSync(
      process.execPath,
      [KILN_BIN, 'top', '1', '--db', kiln.dbPath, '--type', 'cpu', '--limit', String(ROWS), '--json'].concat(
        filter === '' ? [] : ['--filter', filter],
      ),
      { encoding: 'utf8' },
    );
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    return (JSON.parse(cli.stdout) as Row[]).map((r) => ({ function: r.function, self: r.self }));
  }

  const pageTop = (): Promise<Row[]> =>
    page.$$eval(
      '[data-testid="top-row"]',
      (rows, limit) =>
        rows.slice(0, limit).map((row) => ({
          function: row.querySelector('[data-testid="top-function-name"]')?.textContent ?? '',
          self: Number(row.querySelector('[data-col="self"]')?.getAttribute('data-value')),
        })),
      ROWS,
    );
  const chips = () => page.locator('[data-testid="filter-chip"]');
  const filtersParam = () => new URL(page.url()).searchParams.get('filters');

  it('adds a label chip from the profile’s keys and values, and the top table equals kiln top --filter', async () => {
    const unfiltered = cliTop('');
    await expect.poll(pageTop).toEqual(unfiltered);

    await page.selectOption('[data-testid="filter-kind"]', 'label');
    await expect
      .poll(() => page.$$eval('[data-testid="label-key"] option', (options) => options.map((o) => o.textContent)))
      .toEqual(['endpoint', 'worker']);
    await page.selectOption('[data-testid="label-key"]', 'endpoint');
    expect(
      await page.$$eval('#label-values option', (options) => options.map((o) => o.getAttribute('value')).sort()),
    ).toEqual(['/a', '/b']);
    await page.fill('[data-testid="label-value"]', '/a');
    await page.click('[data-testid="add-filter"]');

    await expect.poll(() => chips().count()).toBe(1);
    expect(await chips().first().getAttribute('data-kind')).toBe('label');
    expect(await chips().first().textContent()).toContain('endpoint = /a');
    await expect.poll(filtersParam).toBe('label:endpoint=/a');

    const expected = cliTop('label:endpoint=/a');
    expect(expected.map((r) => r.self)).not.toEqual(unfiltered.map((r) => r.self));
    await expect.poll(pageTop).toEqual(expected);
  });

  it('removes the chip, then merges by line and back', async () => {
    await page.click('[data-testid="remove-filter"]');
    await expect.poll(() => chips().count()).toBe(0);
    await expect.poll(filtersParam).toBeNull();
    await expect.poll(pageTop).toEqual(cliTop(''));

    await page.check('[data-testid="merge-lines"]');
    await expect.poll(() => chips().count()).toBe(1);
    expect(await chips().first().getAttribute('data-kind')).toBe('lines');
    await expect.poll(filtersParam).toBe('lines');
    const byLine = cliTop('lines');
    expect(byLine.every((r) => /:\d+$/.test(r.function))).toBe(true);
    await expect.poll(pageTop).toEqual(byLine);
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]');

    await page.uncheck('[data-testid="merge-lines"]');
    await expect.poll(() => chips().count()).toBe(0);
    await expect.poll(filtersParam).toBeNull();
    await expect.poll(pageTop).toEqual(cliTop(''));
  });
});
