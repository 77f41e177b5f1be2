/**
 * The memory workbench's Snapshots and GC tabs in the real page, on real producers' output:
 * - two V8 heap snapshots of a Node program that leaks a Subscription on every third request (its own stderr says
 *   how many requests it had served at each snapshot): the comparison table against getHeapDiff, the corpus
 *   MANIFEST's counts by constructor and the program's log; the retainer tree's heaviest branch against the
 *   service's path, an edge name at every step; the dominator tree's children against the root;
 * - one Go service's gctrace and its six CPU profiles on one clock: the events per window against getGcWindows and
 *   the log's own count of `gc N @` lines, pause marks drawn, and a drag across the chart selecting that window for
 *   the Stacks tab.
 * Screenshots: test-results/snapshots-compared.png, dominators.png, gc-beside-cpu.png, gc-brushed.png, gc-stacks.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSelection, type Selection } from '../shared/capture/selection';
import type { ItemSummary } from '../shared/ipc/contract';
import type { DominatorChildren, GcWindows, HeapDiff } from '../shared/ipc/memory-contract';
import { openKilnPage, type KilnPage } from './support/kiln-page';
import { ROOT, type ServedKiln } from './support/kiln-serve';
import { flameTotal, urlSelection } from './support/timeline-page';

const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const NODE = join(CORPUS, 'generated', 'node');
const SNAPSHOTS = ['node-leaky-1-at3s.heapsnapshot.gz', 'node-leaky-2-at9s.heapsnapshot.gz'];
const GO = join(CORPUS, 'generated', 'go-service');
const GCTRACE = join(GO, 'gctrace.stderr.txt');
const CPU = [1, 2, 3, 4, 5, 6].map((n) => join(GO, `cpu_${n}.pb.gz`));

async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(join(ROOT, 'test-results', name), await page.screenshot({ fullPage: true }));
}

/** Opens files through the page's file input, naming their service in the import dialog; waits for the catalogue. */
async function importAs(page: Page, kiln: ServedKiln, files: string[], service: string): Promise<ItemSummary[]> {
  const before = (await kiln.call<ItemSummary[]>('listItems', {})).length;
  await page.setInputFiles('[data-testid="open-input"]', files);
  const dialog = page.locator('[data-testid="import-dialog"][open]');
  await dialog.waitFor();
  await dialog.locator('[data-testid="tags-service"]').fill(service);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="import-dialog"]', { state: 'detached' });
  await expect
    .poll(async () => (await kiln.call<ItemSummary[]>('listItems', {})).length, { timeout: 60_000 })
    .toBe(before + files.length);
  const names = new Set(files.map((f) => f.split('/').pop()));
  return (await kiln.call<ItemSummary[]>('listItems', {})).filter((i) => names.has(i.name));
}

/** The corpus MANIFEST's "objects by constructor" of a file: {Subscription: 2147, Object: 850, Array: 436}. */
function manifestConstructors(file: string): Record<string, number> {
  const manifest = readFileSync(join(CORPUS, 'MANIFEST.md'), 'utf8');
  const line = manifest.split('\n').find((l) => l.includes(`generated/node/${file}`)) ?? '';
  const list = /objects by constructor: ([^(|]+)/.exec(line)?.[1] ?? '';
  return Object.fromEntries(
    list
      .split(',')
      .map((part) => /^\s*(\S+) (\d+)\s*$/.exec(part))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], Number(m[2])]),
  );
}

describe('heap snapshots compared and GC beside CPU in the browser', () => {
  let session: KilnPage;
  let kiln: ServedKiln;
  let page: Page;

  beforeAll(async () => {
    session = await openKilnPage({ timezoneId: 'UTC' });
    ({ kiln, page } = session);
  }, 60_000);
  afterAll(() => session?.close());

  it('compares two heap snapshots per class, with the retainer tree of the top grower and the dominator tree', async () => {
    const items = await importAs(
      page,
      kiln,
      SNAPSHOTS.map((f) => join(NODE, f)),
      'leaky',
    );
    const ids = SNAPSHOTS.map((name) => items.find((i) => i.name === name)!.id);
    await page.goto(`${kiln.url}&sel=${ids.join(',')}`);
    await page.click('[data-testid="workbench-tab-snapshots"]');
    await page.waitForSelector('[data-testid="heap-diff-row"]', { timeout: 60_000 });

    const diff = await kiln.call<HeapDiff>('getHeapDiff', { itemIds: ids, limit: 200 });
    const shown = await page.$$eval('[data-testid="heap-diff-row"]', (trs) =>
      trs.map((tr) => ({ class: tr.getAttribute('data-class-name'), counts: tr.getAttribute('data-counts') })),
    );
    // The table is the service's comparison, in its order (by growth).
    expect(shown).toEqual(diff.rows.map((r) => ({ class: r.class, counts: r.counts.join(',') })));

    // The top grower, the program's classes before V8's own ("(string)", "(closure)", "system / …"): Subscription.
    expect(shown[0]?.class).toBe('Subscription');
    // The corpus MANIFEST counted objects by constructor in each snapshot's JSON: Kiln's class is the constructor.
    const [first, last] = SNAPSHOTS.map(manifestConstructors) as [Record<string, number>, Record<string, number>];
    for (const name of ['Subscription', 'Object', 'Array']) {
      expect({ name, counts: shown.find((r) => r.class === name)?.counts }).toEqual({
        name,
        counts: `${first[name]},${last[name]}`,
      });
    }
    // The program's own log: one Subscription leaked per three requests (7077 of 21231 at the end), so at each
    // snapshot ceil(requests / 3) of them.
    const log = readFileSync(join(NODE, 'node-leaky.stderr.txt'), 'utf8');
    const requests = [...log.matchAll(/after (\d+) requests/g)].map((m) => Math.ceil(Number(m[1]) / 3));
    expect(shown.find((r) => r.class === 'Subscription')?.counts).toBe(requests.join(','));
    const subscription = page.locator('[data-testid="heap-diff-row"][data-class-name="Subscription"]');
    expect(await subscription.locator('[data-col="counts-delta"]').getAttribute('data-value')).toBe(
      String(requests[1]! - requests[0]!),
    );

    // The top grower the service traced is chosen: Subscription. Its tree's open branch is the service's heaviest
    // path, an edge named at every step.
    const top = diff.paths[0]!;
    expect(top.class).toBe('Subscription');
    await expect
      .poll(() => page.locator('[data-testid="retainer-tree"] h3 .class-name').textContent())
      .toBe('Subscription');
    await page.waitForSelector('[data-testid="retainer-tree-row"]');
    const branch = await page.$$eval('[data-testid="retainer-tree-row"]', (lis) =>
      lis
        .filter((li) => /^0(\.0)*$/.test(li.getAttribute('data-key') ?? ''))
        .map((li) => ({ node: li.getAttribute('data-node'), edge: li.getAttribute('data-edge') })),
    );
    expect(branch).toEqual(top.path.map((step) => ({ node: step.node, edge: step.edge })));
    expect(branch.length).toBeGreaterThan(3);
    for (const step of branch.slice(1)) expect(step.edge).not.toBe('');
    const texts = await page.locator('[data-testid="retainer-tree-row"]').allTextContents();
    expect(texts[1]).toMatch(/→/);
    await page.locator('[data-testid="retainer-tree"]').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'snapshots-compared.png');

    // Another traced class shows its own tree; a class the service did not trace says so.
    const other = diff.paths[1];
    if (other) {
      await page.click(`[data-testid="heap-diff-row"][data-class-name="${other.class}"]`);
      await expect
        .poll(() => page.locator('[data-testid="retainer-tree"] h3 .class-name').textContent())
        .toBe(other.class);
      const edges = await page.$$eval('[data-testid="retainer-tree-row"]', (lis) =>
        lis.map((li) => li.getAttribute('data-edge')),
      );
      expect(edges.slice(1).every((edge) => edge !== '')).toBe(true);
    }
    const untraced = diff.rows.find((r) => !diff.paths.some((p) => p.class === r.class))!;
    await page.click(`[data-testid="heap-diff-row"][data-class-name="${untraced.class}"]`);
    await page.waitForSelector('[data-testid="retainer-tree-none"]');
    await subscription.click();
    await page.waitForSelector('[data-testid="retainer-tree-row"]');

    // The dominator tree of the last snapshot: the root's children by retained size, never more than the root.
    await page.click('[data-testid="snapshots-mode-dominators"]');
    await page.waitForSelector('[data-testid="dominator-row"][data-depth="1"]', { timeout: 60_000 });
    const rootLevel = await kiln.call<DominatorChildren>('getDominatorTree', { itemId: ids[1], limit: 20 });
    const rows = await page.$$eval('[data-testid="dominator-row"]', (trs) =>
      trs.map((tr) => ({
        id: Number(tr.getAttribute('data-node-id')),
        depth: Number(tr.getAttribute('data-depth')),
        retained: Number(tr.getAttribute('data-retained')),
      })),
    );
    const more = Number(
      (await page.locator('[data-testid="dominator-more"] [data-value]').first().getAttribute('data-value')) ?? 0,
    );
    const root = rows[0]!;
    const children = rows.filter((r) => r.depth === 1);
    expect(root.retained).toBe(rootLevel.node.retainedSize);
    expect(children.map((c) => c.id)).toEqual(rootLevel.children.map((c) => c.nodeId));
    const retained = children.map((c) => c.retained);
    expect(retained).toEqual([...retained].sort((a, b) => b - a));
    expect(retained.reduce((s, r) => s + r, 0) + more).toBeLessThanOrEqual(root.retained);
    // Opening the heaviest child fetches its own level.
    await page.click(`[data-testid="dominator-row"][data-node-id="${children[0]!.id}"]`);
    await page.waitForSelector('[data-testid="dominator-row"][data-depth="2"]', { timeout: 30_000 });
    await saveScreenshot(page, 'dominators.png');
  }, 180_000);

  it('draws GC beside CPU on one clock, and a drag across a GC spike selects that window for the Stacks tab', async () => {
    // The log first, so the CPU captures head the catalogue (newest import first) and the Stacks tab shows stacks.
    const [gclog] = await importAs(page, kiln, [GCTRACE], 'gosvc');
    // gctrace states times since the process started; the program's first line gives that start on the wall clock
    // ("2026/11/24 02:07:55 leakysvc listening …", UTC): placed there, as a user does in the catalogue.
    const text = readFileSync(GCTRACE, 'utf8');
    const [, year, mo, d, h, mi, s] = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)/.exec(text)!.map(Number);
    await kiln.call('setCaptureStart', { itemId: gclog!.id, startMs: Date.UTC(year!, mo! - 1, d, h, mi, s) });
    await importAs(page, kiln, CPU, 'gosvc');

    const selection: Selection = { service: 'gosvc', window: { startMs: -8.64e15, endMs: 8.64e15 } };
    await page.goto(`${kiln.url}&sel=${formatSelection(selection)}`);
    await page.click('[data-testid="workbench-tab-gc"]');
    await page.waitForSelector('[data-testid="gc-window-row"]', { timeout: 60_000 });
    const chart = page.locator('[data-testid="gc-windows-chart"][data-ready="true"]');
    await chart.waitFor();

    const gc = await kiln.call<GcWindows>('getGcWindows', { selection });
    const events = await page.$$eval('[data-testid="gc-window-row"]', (trs) =>
      trs.map((tr) => Number(tr.getAttribute('data-events'))),
    );
    expect(events).toEqual(gc.windows.map((w) => w.events));
    // The log's own count: one "gc N @Ts" line per collection.
    const lines = text.match(/^gc \d+ @/gm)?.length ?? 0;
    expect(lines).toBe(73);
    expect(events.reduce((sum, e) => sum + e, 0)).toBe(lines);
    expect(Number(await page.getAttribute('[data-testid="gc-totals"]', 'data-events'))).toBe(lines);
    // Every collection paused: a bar each; the six CPU captures beside them; the change points marked.
    expect(Number(await chart.getAttribute('data-bar-count'))).toBe(lines);
    expect(Number(await chart.getAttribute('data-core-boxes'))).toBe(6);
    expect(Number(await chart.getAttribute('data-marker-count'))).toBe(gc.changes.length);
    // Pause marks in pixels: the first kind's colour (#c2410c) in the pauses band.
    const marked = await chart.evaluate((element) => {
      const c = element as HTMLCanvasElement;
      const scale = c.width / c.getBoundingClientRect().width;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, Math.round(160 * scale)).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - 194) < 8 && Math.abs(data[i + 1]! - 65) < 8 && Math.abs(data[i + 2]! - 12) < 8) n++;
      }
      return n;
    });
    expect(marked).toBeGreaterThan(lines);
    await saveScreenshot(page, 'gc-beside-cpu.png');

    // Drag from the start of cpu_2 to the end of cpu_4 (their spans from the catalogue).
    const catalogue = await kiln.call<ItemSummary[]>('listItems', {});
    const cpu = CPU.map((f) => catalogue.find((i) => i.name === f.split('/').pop())!);
    const fromMs = Number(await chart.getAttribute('data-from-ms'));
    const toMs = Number(await chart.getAttribute('data-to-ms'));
    const plotX = Number(await chart.getAttribute('data-plot-x'));
    const plotWidth = Number(await chart.getAttribute('data-plot-width'));
    const box = (await chart.boundingBox())!;
    const xOf = (ms: number): number => box.x + plotX + ((ms - fromMs) / (toMs - fromMs)) * plotWidth;
    const startMs = cpu[1]!.capturedAtMs! + 100;
    const endMs = cpu[3]!.capturedAtMs! + cpu[3]!.durationNs! / 1e6 - 100;
    const atY = box.y + 80;
    await page.mouse.move(xOf(startMs), atY);
    await page.mouse.down();
    await page.mouse.move((xOf(startMs) + xOf(endMs)) / 2, atY, { steps: 4 });
    await page.mouse.move(xOf(endMs), atY, { steps: 4 });
    await page.mouse.up();

    await expect
      .poll(() => 'service' in urlSelection(page) && urlSelection(page).window?.startMs !== -8.64e15)
      .toBe(true);
    const chosen = urlSelection(page) as Extract<Selection, { service: string }>;
    expect(chosen.service).toBe('gosvc');
    // A pixel is (toMs - fromMs) / plotWidth ms: the window is the drag's, to within a pixel either side.
    const pixelMs = (toMs - fromMs) / plotWidth;
    expect(Math.abs(chosen.window.startMs - startMs)).toBeLessThanOrEqual(pixelMs + 1);
    expect(Math.abs(chosen.window.endMs - endMs)).toBeLessThanOrEqual(pixelMs + 1);
    // The GC tab now shows that window: its events are the log's collections inside it.
    await page.waitForSelector('[data-testid="gc-brush"][data-live="false"]');
    const inside = await kiln.call<GcWindows>('getGcWindows', { selection: chosen });
    await expect
      .poll(() => page.getAttribute('[data-testid="gc-totals"]', 'data-events'))
      .toBe(String(inside.total.events));

    await saveScreenshot(page, 'gc-brushed.png');

    // The Stacks tab shows the same window: cpu_2 … cpu_4's stacks.
    await page.click('[data-testid="workbench-tab-view"]');
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
    const title = await page.textContent('[data-testid="window-title"]');
    expect(title).toContain('gosvc');
    const inWindow = await kiln.call<ItemSummary[]>('listItems', { selection: chosen });
    expect(
      inWindow
        .filter((i) => i.kind === 'cpu')
        .map((i) => i.name)
        .sort(),
    ).toEqual(['cpu_2.pb.gz', 'cpu_3.pb.gz', 'cpu_4.pb.gz']);
    // Its flame graph is the window's stacks: the root's total is the window's own, as the services sum it.
    const sampleType = Number(new URL(page.url()).searchParams.get('type') ?? cpu[1]!.defaultSampleType);
    const top = await kiln.call<{ rows: { self: number }[] }>('getTopFunctions', {
      selection: chosen,
      sampleType,
      limit: 100_000,
    });
    expect(await flameTotal(page)).toBe(top.rows.reduce((sum, r) => sum + r.self, 0));
    await saveScreenshot(page, 'gc-stacks.png');
  }, 180_000);
});
