/**
 * The flame-graph workbench in the real page: the call-tree table (against the
 * flame tree the service returns and against `kiln top`), flame vs icicle
 * orientation with pixel checks, keyboard navigation and shortcuts, colour by
 * package with its legend, the dark theme, and the table's windowing on a tree
 * of half a million nodes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent } from '../shared/format/units';
import type { FlameTree, ItemSummary, TopFunctionRow } from '../shared/ipc/contract';
import { packageOf } from '../shared/query/package-of';
import { openKilnPage, openProfileFile, type KilnPage } from './support/kiln-page';
import { KILN_BIN, ROOT, type ServedKiln } from './support/kiln-serve';
import { brightness, canvasPixel, pagePixel, parseColor } from './support/pixels';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz');
const DEEP_GO = join(ROOT, '..', 'shared', 'corpus', 'generated', 'large', 'deep-go.pb.gz');
const ROW = 18; // renderer/profile/flame/view.ts ROW_HEIGHT

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The page's read-only `window.__kilnFlame` hook (renderer/profile/flame/debugHook.ts). */
interface FlameHook {
  frameRect(name: string): Rect | null;
  nameAt(x: number, y: number): string | null;
}

interface TableRow {
  index: number;
  node: number;
  depth: number;
  total: number;
  self: number;
  name: string;
  totalPercent: string;
  selfPercent: string;
}

/** Every row of the call-tree table, scrolling through it: only the rows in view are in the DOM at once. */
function readAllRows(page: Page): Promise<TableRow[]> {
  return page.evaluate(async () => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="call-tree-scroll"]')!;
    const table = document.querySelector('[data-testid="call-tree-table"]')!;
    const rowCount = Number(table.getAttribute('data-row-count'));
    const headerHeight = document.querySelector<HTMLElement>('[data-testid="call-tree-table"] thead')!.offsetHeight;
    const seen = new Map<number, TableRow>();
    const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const rendered = (): HTMLElement[] =>
      Array.from(document.querySelectorAll<HTMLElement>('[data-testid="call-tree-row"]'));
    const indexOf = (tr: HTMLElement): number => Number(tr.getAttribute('aria-rowindex')) - 2;
    const cell = (tr: HTMLElement, col: string): string => tr.querySelector(`[data-col="${col}"]`)?.textContent ?? '';
    scroller.scrollTop = 0;
    for (let guard = 0; guard < 100_000 && seen.size < rowCount; guard++) {
      // Wait until the rows under the viewport (below the sticky header) are the ones rendered.
      const top = scroller.scrollTop - headerHeight;
      const firstInView = Math.max(0, Math.floor(top / 24));
      const lastInView = Math.min(rowCount - 1, Math.floor((top + scroller.clientHeight - 1) / 24));
      for (let wait = 0; wait < 120; wait++) {
        const rows = rendered();
        const first = rows[0] ? indexOf(rows[0]) : Infinity;
        const last = rows.length > 0 ? indexOf(rows[rows.length - 1]!) : -Infinity;
        if (first <= firstInView && last >= lastInView) break;
        await nextFrame();
      }
      for (const tr of rendered()) {
        seen.set(indexOf(tr), {
          index: indexOf(tr),
          node: Number(tr.dataset.node),
          depth: Number(tr.dataset.depth),
          total: Number(tr.dataset.total),
          self: Number(tr.dataset.self),
          name: cell(tr, 'function'),
          totalPercent: cell(tr, 'total-percent'),
          selfPercent: cell(tr, 'self-percent'),
        });
      }
      if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
      scroller.scrollTop += scroller.clientHeight / 2;
    }
    return Array.from(seen.values()).sort((a, b) => a.index - b.index);
  });
}

/** Children of each node in tree order, from the parent array alone. */
function childrenByParent(tree: FlameTree): number[][] {
  const children: number[][] = tree.func.map(() => []);
  tree.parent.forEach((p, node) => {
    if (p >= 0) children[p]!.push(node);
  });
  return children;
}

/** The node each row hangs under: the closest row above it one level up. Checks the rows form the tree. */
function expectTreeShape(rows: TableRow[], tree: FlameTree): void {
  const path: number[] = [];
  for (const row of rows) {
    path.length = row.depth;
    if (row.depth > 0) expect(tree.parent[row.node], `row ${row.index}`).toBe(path[row.depth - 1]);
    path.push(row.node);
  }
}

/** Siblings (rows under the same parent) in the order `key` sorts them. */
function expectSiblingsOrdered(rows: TableRow[], tree: FlameTree, ordered: (a: number, b: number) => boolean): void {
  const previousUnder = new Map<number, number>();
  for (const row of rows) {
    const parent = tree.parent[row.node] ?? -1;
    const previous = previousUnder.get(parent);
    if (previous !== undefined) expect(ordered(previous, row.node), `${previous} before ${row.node}`).toBe(true);
    previousUnder.set(parent, row.node);
  }
}

describe('workbench views in the browser build', () => {
  let session: KilnPage;
  let kiln: ServedKiln;
  let page: Page;
  let profile: ItemSummary;
  let tree: FlameTree;
  const name = (node: number): string => (node === 0 ? 'root' : (tree.functionNames[tree.func[node]!] ?? ''));
  const share = (value: number): string => formatPercent(value / tree.total[0]!);
  const canvas = () => page.locator('[data-testid="flamegraph"]');
  const frameRect = (frame: string): Promise<Rect | null> =>
    page.evaluate((n) => (window as unknown as { __kilnFlame: FlameHook }).__kilnFlame.frameRect(n), frame);
  const nameAt = (x: number, y: number): Promise<string | null> =>
    page.evaluate(([px, py]) => (window as unknown as { __kilnFlame: FlameHook }).__kilnFlame.nameAt(px!, py!), [x, y]);

  beforeAll(async () => {
    session = await openKilnPage();
    ({ kiln, page } = session);
    await openProfileFile(page, FIXTURE);
    profile = (await kiln.call<ItemSummary[]>('listItems', {}))[0]!;
    tree = await kiln.call<FlameTree>('getFlameTree', {
      selection: { items: [profile.id] },
      sampleType: profile.defaultSampleType,
    });
  }, 60_000);
  afterAll(() => session?.close());

  describe('call-tree table', () => {
    it('opens on the hottest path', async () => {
      await page.selectOption('[data-testid="view-mode"]', 'table');
      await page.waitForSelector('[data-testid="call-tree-row"]');
      expect(new URL(page.url()).searchParams.get('view')).toBe('table');
      const children = childrenByParent(tree);
      const path = [0];
      for (let node = 0; children[node]!.length > 0;) {
        node = children[node]!.reduce((best, c) => (tree.total[c]! > tree.total[best]! ? c : best));
        path.push(node);
      }
      const expectedRows = 1 + path.reduce((sum, node) => sum + children[node]!.length, 0);
      const table = page.locator('[data-testid="call-tree-table"]');
      expect(Number(await table.getAttribute('data-row-count'))).toBe(expectedRows);
      for (const node of path.slice(0, -1)) {
        expect(await page.getAttribute(`[data-testid="call-tree-row"][data-node="${node}"]`, 'aria-expanded')).toBe(
          'true',
        );
      }
    });

    it("shows every node of the flame tree with its values, and kiln top's cum for the top functions", async () => {
      await page.click('[data-testid="expand-all"]');
      const table = page.locator('[data-testid="call-tree-table"]');
      await expect.poll(async () => Number(await table.getAttribute('data-row-count'))).toBe(tree.func.length);
      const rows = await readAllRows(page);
      expect(rows).toHaveLength(tree.func.length);
      expect(new Set(rows.map((r) => r.node)).size).toBe(tree.func.length);
      for (const row of rows) {
        expect(row.total, name(row.node)).toBe(tree.total[row.node]);
        expect(row.self, name(row.node)).toBe(tree.self[row.node]);
        expect(row.depth).toBe(tree.depth[row.node]);
        expect(row.name).toBe(name(row.node));
        expect(row.totalPercent).toBe(share(tree.total[row.node]!));
        expect(row.selfPercent).toBe(share(tree.self[row.node]!));
      }
      expectTreeShape(rows, tree);
      // Sorted by total, largest first, within each parent (the default).
      expectSiblingsOrdered(rows, tree, (a, b) => tree.total[a]! >= tree.total[b]!);

      // A function's cum is the total of its outermost rows: each sample counted once, however often it recurses.
      const cli = spawnSync(
        process.execPath,
        [KILN_BIN, 'top', String(profile.id), '--db', kiln.dbPath, '--type', 'cpu', '--limit', '10', '--json'],
        { encoding: 'utf8' },
      );
      expect(cli.status).toBe(0);
      const top = JSON.parse(cli.stdout) as TopFunctionRow[];
      expect(top).toHaveLength(10);
      for (const { function: fn, total: cum } of top) {
        let sum = 0;
        const onPath: string[] = [];
        for (const row of rows) {
          onPath.length = row.depth;
          if (row.name === fn && !onPath.includes(fn)) sum += row.total;
          onPath.push(row.name);
        }
        expect(sum, fn).toBe(cum);
      }
    });

    it('sorts siblings within each parent, keeping the tree', async () => {
      await page.click('[data-testid="call-tree-table"] th:has-text("Self") >> nth=0');
      await expect
        .poll(() => page.getAttribute('[data-testid="call-tree-table"] th:has-text("Self") >> nth=0', 'aria-sort'))
        .toBe('descending');
      let rows = await readAllRows(page);
      expect(rows).toHaveLength(tree.func.length);
      expectTreeShape(rows, tree);
      expectSiblingsOrdered(rows, tree, (a, b) => tree.self[a]! >= tree.self[b]!);

      await page.click('[data-testid="call-tree-table"] th:has-text("Function")');
      await expect
        .poll(() => page.getAttribute('[data-testid="call-tree-table"] th:has-text("Function")', 'aria-sort'))
        .toBe('ascending');
      rows = await readAllRows(page);
      expectTreeShape(rows, tree);
      expectSiblingsOrdered(rows, tree, (a, b) => name(a) <= name(b));
    });

    it('expands and collapses rows by click and by keyboard', async () => {
      const table = page.locator('[data-testid="call-tree-table"]');
      const rowCount = async (): Promise<number> => Number(await table.getAttribute('data-row-count'));
      await page.click('[data-testid="collapse-all"]');
      const rootChildren = childrenByParent(tree)[0]!;
      await expect.poll(rowCount).toBe(1 + rootChildren.length);

      const children = childrenByParent(tree);
      const opener = rootChildren.find((c) => children[c]!.length > 0)!;
      const row = page.locator(`[data-testid="call-tree-row"][data-node="${opener}"]`);
      await row.locator('[data-testid="call-tree-toggle"]').click();
      await expect.poll(rowCount).toBe(1 + rootChildren.length + children[opener]!.length);
      expect(await row.getAttribute('aria-expanded')).toBe('true');
      await row.locator('[data-testid="call-tree-toggle"]').click();
      await expect.poll(rowCount).toBe(1 + rootChildren.length);

      // Keyboard: the row is selected by the click; Right opens it, Right again steps into it, Left goes back out.
      await row.click();
      expect(await table.getAttribute('data-selected-node')).toBe(String(opener));
      await page.keyboard.press('ArrowRight');
      await expect.poll(rowCount).toBe(1 + rootChildren.length + children[opener]!.length);
      await page.keyboard.press('ArrowRight');
      const firstChild = await page
        .locator(`[data-testid="call-tree-row"][data-node="${opener}"] + [data-testid="call-tree-row"]`)
        .getAttribute('data-node');
      expect(await table.getAttribute('data-selected-node')).toBe(firstChild);
      await page.keyboard.press('ArrowLeft');
      expect(await table.getAttribute('data-selected-node')).toBe(String(opener));
      await page.keyboard.press('ArrowLeft');
      await expect.poll(rowCount).toBe(1 + rootChildren.length);
      await page.keyboard.press('ArrowUp');
      expect(await table.getAttribute('data-selected-node')).not.toBe(String(opener));
    });
  });

  describe('bottom-up call-tree table', () => {
    it('shows the inverted tree, leaf functions first', async () => {
      const inverted = await kiln.call<FlameTree>('getFlameTree', {
        selection: { items: [profile.id] },
        sampleType: profile.defaultSampleType,
        filters: 'invert',
      });
      const table = page.locator('[data-testid="call-tree-table"]');
      await page.check('[data-testid="table-bottom-up"]');
      await expect.poll(() => table.getAttribute('data-node-count')).toBe(String(inverted.func.length));
      await page.click('[data-testid="collapse-all"]');
      const rows = await readAllRows(page);
      const expected = childrenByParent(inverted)[0]!.map((node) => ({
        name: inverted.functionNames[inverted.func[node]!],
        total: inverted.total[node],
      }));
      expect(rows.filter((r) => r.depth === 1).map((r) => ({ name: r.name, total: r.total }))).toEqual(
        // Sorted by total, largest first; ties keep the tree's (name) order.
        expected.sort((a, b) => b.total! - a.total!),
      );
      await page.uncheck('[data-testid="table-bottom-up"]');
      await expect.poll(() => table.getAttribute('data-node-count')).toBe(String(tree.func.length));
    });
  });

  describe('flame graph', () => {
    beforeAll(async () => {
      await page.selectOption('[data-testid="view-mode"]', 'top-down');
      await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]');
    });

    it('flips between icicle and flame, with hit testing and tooltip following', async () => {
      const box = (await canvas().boundingBox())!;
      const mid = box.width / 2;
      const rootColor = await canvasPixel(canvas(), mid, ROW / 2);
      expect(await nameAt(mid, ROW / 2)).toBe('root');
      expect(await nameAt(mid, box.height - ROW / 2)).not.toBe('root');
      expect((await frameRect('root'))!.y).toBe(0);
      expect(await canvasPixel(canvas(), mid, box.height - ROW / 2)).not.toEqual(rootColor);

      await page.selectOption('[data-testid="orientation"]', 'flame');
      await expect.poll(() => canvas().getAttribute('data-orientation')).toBe('flame');
      await expect.poll(() => new URL(page.url()).searchParams.get('orient')).toBe('flame');
      // The root bar is now the bottom row: its pixels there, not at the top.
      await expect.poll(() => canvasPixel(canvas(), mid, box.height - ROW / 2)).toEqual(rootColor);
      expect(await canvasPixel(canvas(), mid, ROW / 2)).not.toEqual(rootColor);
      expect(await frameRect('root')).toEqual({ x: 0, y: box.height - ROW, w: box.width, h: ROW });
      expect(await nameAt(mid, box.height - ROW / 2)).toBe('root');

      // Hover a frame one row above the root: the tooltip and the hit test name it.
      const child = childrenByParent(tree)[0]!.reduce((best, c) => (tree.total[c]! > tree.total[best]! ? c : best));
      const rect = (await frameRect(name(child)))!;
      expect(rect.y).toBe(box.height - 2 * ROW);
      await canvas().hover({ position: { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 } });
      await expect.poll(() => page.locator('[data-testid="tooltip"]').textContent()).toContain(name(child));
      expect(await page.locator('[data-testid="tooltip"]').textContent()).toContain(share(tree.total[child]!));
      await canvas().click({ position: { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 } });
      await expect.poll(() => canvas().getAttribute('data-zoom-name')).toBe(name(child));
      await page.keyboard.press('Escape');
      await expect.poll(() => canvas().getAttribute('data-zoom-name')).toBe('root');

      await page.selectOption('[data-testid="orientation"]', 'icicle');
      await expect.poll(() => canvasPixel(canvas(), mid, ROW / 2)).toEqual(rootColor);
      expect(new URL(page.url()).searchParams.get('orient')).toBeNull();
    });

    it('walks frames with the arrow keys, zooms with Enter and resets with Esc', async () => {
      const children = childrenByParent(tree);
      const heaviest = (node: number): number =>
        children[node]!.reduce((best, c) => (tree.total[c]! > tree.total[best]! ? c : best));
      const box = (await canvas().boundingBox())!;
      const selected = async (): Promise<number> => Number(await canvas().getAttribute('data-selected-node'));
      // A click selects (and focuses the graph); on the root it zooms nowhere.
      await canvas().click({ position: { x: box.width / 2, y: ROW / 2 } });
      await expect.poll(selected).toBe(0);
      await page.keyboard.press('ArrowDown');
      const first = heaviest(0);
      await expect.poll(selected).toBe(first);
      const announcer = page.locator('[data-testid="flame-announcer"]');
      expect(await announcer.getAttribute('aria-live')).toBe('polite');
      expect(await announcer.textContent()).toContain(name(first));
      expect(await announcer.textContent()).toContain(share(tree.total[first]!));
      await page.keyboard.press('ArrowDown');
      const second = heaviest(first);
      await expect.poll(selected).toBe(second);
      await page.keyboard.press('ArrowUp');
      await expect.poll(selected).toBe(first);

      // Right and Left: the next and previous sibling under the same parent.
      const siblings = children[tree.parent[second]!]!;
      const position = siblings.indexOf(second);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press(position + 1 < siblings.length ? 'ArrowRight' : 'ArrowLeft');
      const sibling = siblings[position + 1 < siblings.length ? position + 1 : position - 1] ?? second;
      await expect.poll(selected).toBe(sibling);
      expect(await canvas().getAttribute('data-selected-name')).toBe(name(sibling));

      await page.keyboard.press('Enter');
      await expect.poll(() => canvas().getAttribute('data-zoom-name')).toBe(name(sibling));
      await page.keyboard.press('Escape');
      await expect.poll(() => canvas().getAttribute('data-zoom-name')).toBe('root');
    });

    it('focuses search on /, leaves it on Esc without resetting the zoom, and ignores keys while typing', async () => {
      await canvas().focus();
      await page.keyboard.press('Enter'); // zoom to the selection left by the previous test
      const zoomed = await canvas().getAttribute('data-zoom-name');
      expect(zoomed).not.toBe('root');

      await page.keyboard.press('/');
      const search = page.locator('[data-testid="search-input"]');
      await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type('?sha');
      expect(await search.inputValue()).toBe('?sha');
      expect(await page.locator('[data-testid="shortcuts-help"]').count()).toBe(0);
      await page.keyboard.press('Escape');
      expect(await search.evaluate((el) => el === document.activeElement)).toBe(false);
      expect(await search.inputValue()).toBe('?sha');
      expect(await canvas().getAttribute('data-zoom-name')).toBe(zoomed);
      await search.fill('');

      // The field has the focus again: the first Esc leaves it, the second resets the zoom.
      await page.keyboard.press('Escape');
      expect(await canvas().getAttribute('data-zoom-name')).toBe(zoomed);
      await page.keyboard.press('Escape');
      await expect.poll(() => canvas().getAttribute('data-zoom-name')).toBe('root');
    });

    it('toggles the shortcuts overlay with ?', async () => {
      await page.keyboard.press('?');
      const help = page.locator('[data-testid="shortcuts-help"]');
      await expect.poll(() => help.count()).toBe(1);
      const text = (await help.textContent()) ?? '';
      for (const key of ['?', '/', 'Esc', 'Enter', '↑', '↓', '←', '→', 'PgDn', 'Home']) expect(text).toContain(key);
      expect(await help.locator('[data-testid="shortcut"]').count()).toBeGreaterThanOrEqual(12);
      await page.keyboard.press('?');
      await expect.poll(() => help.count()).toBe(0);
      await page.keyboard.press('?');
      await expect.poll(() => help.count()).toBe(1);
      await page.keyboard.press('Escape');
      await expect.poll(() => help.count()).toBe(0);
    });

    it("colours frames by package, each with its legend swatch's colour", async () => {
      const legend = page.locator('[data-testid="color-legend"]');
      await expect.poll(() => legend.count()).toBe(1);
      const packages = await legend
        .locator('[data-testid="legend-package"]')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-package') ?? ''));
      expect(packages.length).toBeGreaterThan(2);

      // The widest drawn frame of the legend's first package that has a name on the canvas.
      const pkg = packages.find((p) => p !== '')!;
      const nodes = tree.func
        .map((_, node) => node)
        .filter((node) => node > 0 && packageOf(name(node), tree.functionFiles[tree.func[node]!] ?? '') === pkg)
        .sort((a, b) => tree.total[b]! - tree.total[a]!);
      const rect = (await frameRect(name(nodes[0]!)))!;
      expect(rect.w).toBeGreaterThan(6);
      const swatch = legend.locator(
        `[data-testid="legend-package"][data-package="${pkg}"] [data-testid="legend-swatch"]`,
      );
      const swatchColor = parseColor((await swatch.getAttribute('data-color'))!);
      expect(parseColor(await swatch.evaluate((el) => getComputedStyle(el).backgroundColor))).toEqual(swatchColor);
      // Left edge, top: clear of the label, which starts 6 px in and sits in the middle of the row.
      expect(await canvasPixel(canvas(), rect.x + 2, rect.y + 2)).toEqual(swatchColor);

      await page.selectOption('[data-testid="color-mode"]', 'function');
      await expect.poll(() => legend.count()).toBe(0);
      await expect.poll(() => canvasPixel(canvas(), rect.x + 2, rect.y + 2)).not.toEqual(swatchColor);
      await page.selectOption('[data-testid="color-mode"]', 'package');
      await expect.poll(() => canvasPixel(canvas(), rect.x + 2, rect.y + 2)).toEqual(swatchColor);
    });

    it('follows a dark system theme: page, canvas, legend and table', async () => {
      const box = (await canvas().boundingBox())!;
      const lightPage = await pagePixel(page, 4, box.y + 4);
      const lightRoot = await canvasPixel(canvas(), box.width / 2, ROW / 2);
      expect(brightness(lightPage)).toBeGreaterThan(200);

      await page.emulateMedia({ colorScheme: 'dark' });
      try {
        await expect.poll(async () => brightness(await pagePixel(page, 4, box.y + 4))).toBeLessThan(60);
        // The root bar takes the dark theme's --flame-merged; a frame the dark variant of its package colour.
        await expect.poll(() => canvasPixel(canvas(), box.width / 2, ROW / 2)).toEqual(parseColor('#6b5a4e'));
        expect(lightRoot).toEqual(parseColor('#cbbcae'));
        const composited = await pagePixel(page, box.x + box.width / 2, box.y + ROW / 2);
        expect(composited).toEqual(parseColor('#6b5a4e'));
        const swatch = page.locator('[data-testid="legend-swatch"]').first();
        const swatchColor = parseColor((await swatch.getAttribute('data-color'))!);
        expect(brightness(swatchColor)).toBeLessThan(150);
        const legendText = await page
          .locator('[data-testid="color-legend"]')
          .evaluate((el) => getComputedStyle(el).color);
        expect(brightness(parseColor(legendText))).toBeGreaterThan(120);

        await page.selectOption('[data-testid="view-mode"]', 'table');
        const scroller = page.locator('[data-testid="call-tree-scroll"]');
        await scroller.waitFor();
        const tableBox = (await scroller.boundingBox())!;
        expect(brightness(await pagePixel(page, tableBox.x + tableBox.width - 30, tableBox.y + 40))).toBeLessThan(60);
        const rowText = await page
          .locator('[data-testid="call-tree-row"] [data-col="function"]')
          .first()
          .evaluate((el) => getComputedStyle(el).color);
        expect(brightness(parseColor(rowText))).toBeGreaterThan(180);
      } finally {
        await page.emulateMedia({ colorScheme: 'light' });
        await page.selectOption('[data-testid="view-mode"]', 'top-down');
      }
    });
  });
});

const deepPresent = existsSync(DEEP_GO);
if (!deepPresent) console.log(`SKIPPED: ${DEEP_GO} not found (the shared corpus is not beside this clone)`);

describe.skipIf(!deepPresent)('call-tree table of a half-million-node tree', () => {
  let session: KilnPage;
  let page: Page;

  beforeAll(async () => {
    session = await openKilnPage();
    ({ page } = session);
  }, 60_000);
  afterAll(() => session?.close());

  it('keeps only the rows in view in the DOM while scrolling through all of them', { timeout: 300_000 }, async () => {
    await openProfileFile(page, DEEP_GO, 240_000);
    const nodeCount = Number(await page.getAttribute('[data-testid="flamegraph"]', 'data-node-count'));
    expect(nodeCount).toBeGreaterThan(400_000);

    await page.selectOption('[data-testid="view-mode"]', 'table');
    await page.waitForSelector('[data-testid="call-tree-row"]');
    await page.click('[data-testid="expand-all"]');
    const table = page.locator('[data-testid="call-tree-table"]');
    await expect
      .poll(async () => Number(await table.getAttribute('data-row-count')), { timeout: 60_000 })
      .toBe(nodeCount);
    const domRows = () => page.locator('[data-testid="call-tree-row"]').count();
    expect(await domRows()).toBeLessThan(200);

    // Jump to places far apart: each time the rows under the viewport are rendered, and only they.
    const scroller = page.locator('[data-testid="call-tree-scroll"]');
    const foldedNames = new Set<string>();
    for (const fraction of [0.25, 0.5, 0.999, 1]) {
      const target = await scroller.evaluate((el, f) => {
        el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
        return Math.floor(el.scrollTop / 24);
      }, fraction);
      await expect
        .poll(async () => {
          const first = await page.locator('[data-testid="call-tree-row"]').first().getAttribute('aria-rowindex');
          return Number(first) - 2;
        })
        .toBeGreaterThan(target - 40);
      const indices = await page
        .locator('[data-testid="call-tree-row"]')
        .evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('aria-rowindex')) - 2));
      expect(indices.length).toBeLessThan(200);
      expect(indices[0]).toBeLessThanOrEqual(target);
      expect(indices[indices.length - 1]).toBeGreaterThanOrEqual(Math.min(target + 10, nodeCount - 1));
      // Frames folded below 1e-5 of the total (FLAME_TREE_MIN_FRACTION) are rows of their own, leaves.
      const folded = await page.locator('[data-testid="call-tree-row"].folded-row').evaluateAll((trs) =>
        trs.map((tr) => ({
          name: tr.querySelector('[data-col="function"]')?.textContent ?? '',
          leaf:
            tr.getAttribute('aria-expanded') === null && tr.getAttribute('data-self') === tr.getAttribute('data-total'),
        })),
      );
      for (const row of folded) {
        foldedNames.add(row.name);
        expect(row.leaf).toBe(true);
      }
    }
    expect([...foldedNames]).toEqual(['(smaller frames)']);
    // At the bottom, the last row of the table is rendered.
    const last = await page.locator('[data-testid="call-tree-row"]').last().getAttribute('aria-rowindex');
    expect(Number(last) - 2).toBe(nodeCount - 1);

    // Rows keep their fixed height, which the windowing relies on.
    const heights = await page
      .locator('[data-testid="call-tree-row"]')
      .evaluateAll((trs) => Array.from(new Set(trs.map((tr) => tr.getBoundingClientRect().height))));
    expect(heights).toEqual([24]);
  });
});
