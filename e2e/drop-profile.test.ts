/**
 * End to end in Debian's Chromium: a real `kiln serve` on a temporary database,
 * a real Go CPU profile dropped onto the page, and checks against what
 * `go tool pprof` printed for the same file (test/fixtures/pprof-expected.json).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent } from '../shared/format/units';
import type { FlameTree, ItemSummary } from '../shared/ipc/contract';
import { openKilnPage, type KilnPage, confirmImport } from './support/kiln-page';
import { ROOT, type ServedKiln } from './support/kiln-serve';
import { expectedPprof } from './support/pprof-expected';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz');
const SCREENSHOTS = join(ROOT, 'test-results');

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

describe('drop a Go CPU profile onto kiln serve in Chromium', () => {
  let session: KilnPage;
  let kiln: ServedKiln;
  let page: Page;

  beforeAll(async () => {
    session = await openKilnPage();
    ({ kiln, page } = session);
  }, 60_000);
  afterAll(() => session?.close());

  it('removes the token from the address bar after reading it', async () => {
    await page.waitForSelector('[data-testid="drop-zone"]');
    expect(new URL(page.url()).searchParams.get('token')).toBeNull();
  });

  it('imports the dropped file and draws its flame graph and top table', async () => {
    const bytes = readFileSync(FIXTURE).toString('base64');
    const dataTransfer = await page.evaluateHandle((base64: string) => {
      const raw = atob(base64);
      const data = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], 'cpu_1.pb.gz', { type: 'application/octet-stream' }));
      return transfer;
    }, bytes);
    await page.dispatchEvent('[data-testid="drop-zone"]', 'dragenter', { dataTransfer });
    await page.dispatchEvent('[data-testid="drop-zone"]', 'dragover', { dataTransfer });
    await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer });
    await confirmImport(page);

    await page.waitForSelector('[data-testid="catalogue-row"]');
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]');

    const profiles = await kiln.call<ItemSummary[]>('listItems', {});
    expect(profiles).toHaveLength(1);
    const expected = expectedPprof('cpu_1.pb.gz');
    const cpu = profiles[0]?.sampleTypes.findIndex((t) => t.type === 'cpu') ?? -1;
    expect(profiles[0]?.totals[cpu]).toBe(expected.sampleTypes.cpu?.total);

    // The top table's first rows are what `go tool pprof -top` lists first.
    const rows = await page.$$eval('[data-testid="top-row"]', (trs) =>
      trs.slice(0, 5).map((tr) => ({
        name: tr.querySelector('[data-col="function"]')?.textContent ?? '',
        self: Number(tr.querySelector('[data-col="self"]')?.getAttribute('data-value')),
      })),
    );
    const top = expected.sampleTypes.cpu?.top ?? [];
    expect(rows.map((r) => r.self)).toEqual(top.slice(0, 5).map((t) => t.flat));
    // Equal flat values may list in either order; compare the names as sets per value.
    for (const value of new Set(rows.map((r) => r.self))) {
      const ours = rows.filter((r) => r.self === value).map((r) => r.name);
      const theirs = top.filter((t) => t.flat === value).map((t) => t.name);
      expect(theirs).toEqual(expect.arrayContaining(ours));
    }
  });

  it('zooms to a clicked frame', async () => {
    const canvas = page.locator('[data-testid="flamegraph"]');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('flame graph canvas has no box');
    // A frame wide enough to click and narrower than the whole graph, taken from the profile itself.
    const profile = (await kiln.call<ItemSummary[]>('listItems', {}))[0]!;
    const tree = await kiln.call<FlameTree>('getFlameTree', {
      selection: { items: [profile.id] },
      sampleType: profile.defaultSampleType,
    });
    const rootTotal = tree.total[0] as number;
    const node = tree.func.findIndex(
      (f, i) => f >= 0 && (tree.total[i] as number) < rootTotal * 0.8 && (tree.total[i] as number) > rootTotal * 0.1,
    );
    expect(node).toBeGreaterThan(0);
    const target = tree.functionNames[tree.func[node] as number] as string;
    const before = await frameRect(page, target);
    expect(before).not.toBeNull();
    expect(before!.w).toBeLessThan(box.width - 2);

    // Hover: the tooltip names the frame and gives its values and share as text.
    await canvas.hover({ position: { x: before!.x + before!.w / 2, y: before!.y + before!.h / 2 } });
    const tooltip = page.locator('[data-testid="tooltip"]');
    await expect.poll(() => tooltip.textContent()).toContain(target);
    expect(await tooltip.textContent()).toContain(formatPercent((tree.total[node] as number) / rootTotal));
    const file = tree.functionFiles[tree.func[node] as number] as string;
    const line = tree.functionLines[tree.func[node] as number] as number;
    expect(line).toBeGreaterThan(0);
    expect(await tooltip.textContent()).toContain(`${file}:${line}`);
    expect(await tooltip.textContent()).toMatch(/\d+(\.\d+)? (ms|s)/);

    await canvas.click({ position: { x: before!.x + before!.w / 2, y: before!.y + before!.h / 2 } });
    await expect.poll(() => canvas.getAttribute('data-zoom-name')).toBe(target);
    const after = await frameRect(page, target);
    expect(after!.x).toBeLessThanOrEqual(1);
    expect(after!.w).toBeGreaterThanOrEqual(box.width - 2);

    // Pixels: the zoomed frame's row is painted edge to edge in one colour family (not background).
    const png = await canvas.screenshot();
    const row = await page.evaluate(
      async ({ data, y }) => {
        const image = await createImageBitmap(new Blob([new Uint8Array(data)], { type: 'image/png' }));
        const off = new OffscreenCanvas(image.width, image.height);
        const ctx = off.getContext('2d')!;
        ctx.drawImage(image, 0, 0);
        const line = ctx.getImageData(0, Math.round(y), image.width, 1).data;
        const at = (x: number): number[] => Array.from(line.slice(x * 4, x * 4 + 3));
        return { left: at(4), middle: at(Math.floor(image.width / 2)), right: at(image.width - 5), width: image.width };
      },
      { data: Array.from(png), y: after!.y + after!.h / 2 },
    );
    expect(row.left).toEqual(row.right);
    expect(row.left).toEqual(row.middle);
  });

  it('switches sample type and shows that type in the top table', async () => {
    const expected = expectedPprof('cpu_1.pb.gz').sampleTypes['samples'];
    await page.selectOption('[data-testid="sample-type-select"]', '0');
    await expect
      .poll(() =>
        page.$$eval('[data-testid="top-row"] [data-col="self"]', (cells) =>
          cells.slice(0, 5).map((c) => Number(c.getAttribute('data-value'))),
        ),
      )
      .toEqual(expected?.top.slice(0, 5).map((t) => t.flat));
    await page.selectOption('[data-testid="sample-type-select"]', '1');
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]');
  });

  it('highlights search matches and shows their count and share', async () => {
    await page.click('[data-testid="reset-zoom"]');
    await expect.poll(() => page.locator('[data-testid="flamegraph"]').getAttribute('data-zoom-name')).toBe('root');
    const profile = (await kiln.call<ItemSummary[]>('listItems', {}))[0]!;
    const tree = await kiln.call<FlameTree>('getFlameTree', {
      selection: { items: [profile.id] },
      sampleType: profile.defaultSampleType,
    });
    const query = 'runtime.';
    const matches = tree.func.filter((f) => f >= 0 && (tree.functionNames[f] ?? '').includes(query)).length;
    expect(matches).toBeGreaterThan(0);

    await page.fill('[data-testid="search-input"]', query);
    const summary = page.locator('[data-testid="search-summary"]');
    await expect.poll(() => summary.getAttribute('data-match-count')).toBe(String(matches));
    await expect.soft(summary).toBeDefined();

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.fill('[data-testid="search-input"]', '');
    const shot = await page.screenshot({ fullPage: false });
    writeFileSync(join(SCREENSHOTS, 'e2e-flamegraph.png'), shot);
    expect(shot.byteLength).toBeGreaterThan(10_000);
  });
});

async function frameRect(page: Page, name: string): Promise<Rect | null> {
  return page.evaluate((n) => {
    const hook = (window as unknown as { __kilnFlame?: { frameRect(name: string): Rect | null } }).__kilnFlame;
    return hook ? hook.frameRect(n) : null;
  }, name);
}
