/**
 * A selection of several items in the page URL (`?sel=…&type=…`): opening it in a new tab shows those items
 * merged — every top-table row's self and total equal `go tool pprof -top` over the same files — and selected in
 * the catalogue; the URL keeps the selection while the token leaves it.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSelection } from '../shared/capture/selection';
import type { ItemSummary } from '../shared/ipc/contract';
import { pprofTop } from '../test/fixtures/pprof-top';
import { openKilnPage, type KilnPage, confirmImport } from './support/kiln-page';
import { ROOT } from './support/kiln-serve';

const GO_SERVICE = join(ROOT, '..', 'shared', 'corpus', 'generated', 'go-service');
const FILES = [2, 3, 4].map((n) => join(GO_SERVICE, `cpu_${n}.pb.gz`));

describe('a selection of several items in the page URL', () => {
  let session: KilnPage;
  let page: Page;

  beforeAll(async () => {
    session = await openKilnPage();
    await session.page.setInputFiles('[data-testid="open-input"]', FILES);
    await confirmImport(session.page);
    await session.page.waitForFunction(
      () => document.querySelectorAll('[data-testid="catalogue-row"]').length === 3,
      undefined,
      { timeout: 60_000 },
    );
    page = await session.browser.newPage({ viewport: { width: 1400, height: 900 } });
  }, 120_000);
  afterAll(() => session?.close());

  it('opens merged, with the same numbers as go tool pprof -top over the files', async () => {
    const items = await session.kiln.call<ItemSummary[]>('listItems', {});
    const ids = items.map((p) => p.id).sort((a, b) => a - b);
    const cpu = items[0]!.sampleTypes.findIndex((t) => t.type === 'cpu');
    const selection = ids.join(',');
    await page.goto(`${session.kiln.url}&sel=${selection}&type=${cpu}`);
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="top-row"]');

    const url = new URL(page.url());
    expect(url.searchParams.get('token')).toBeNull();
    expect(parseSelection(url.searchParams.get('sel') ?? '')).toEqual({ items: ids });
    expect(url.searchParams.get('type')).toBe(String(cpu));
    expect(await page.locator('[data-testid="catalogue-row"][aria-selected="true"]').count()).toBe(3);

    const rows = await page.$$eval('[data-testid="top-row"]', (trs) =>
      trs.map((tr) => ({
        name: tr.querySelector('[data-col="function"]')?.textContent ?? '',
        self: Number(tr.querySelector('[data-col="self"]')?.getAttribute('data-value')),
        total: Number(tr.querySelector('[data-col="total"]')?.getAttribute('data-value')),
      })),
    );
    const theirs = pprofTop(FILES);
    expect(rows.length).toBeGreaterThan(20);
    for (const row of rows)
      expect({ name: row.name, flat: row.self, cum: row.total }).toEqual({ name: row.name, ...theirs.get(row.name) });
  });
});
