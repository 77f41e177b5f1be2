/**
 * The large profiles of ../shared/corpus/generated/large (a 4 MB gzipped Go
 * profile of 310k samples, a 3 MB gzipped 52 MB cpuprofile) through the real
 * UI: opened with the file picker, imported, drawn, hovered and zoomed. Prints
 * how long import and first paint took; speed targets live in benchmarks, so
 * nothing here is timed against a threshold.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlameTree, ItemSummary } from '../shared/ipc/contract';
import { openKilnPage, type KilnPage, confirmImport } from './support/kiln-page';
import { ROOT, type ServedKiln } from './support/kiln-serve';

const LARGE = join(ROOT, '..', 'shared', 'corpus', 'generated', 'large');
const FILES = ['deep-go.pb.gz', 'deep-node.cpuprofile.gz'];
const present = FILES.every((f) => existsSync(join(LARGE, f)));
if (!present) console.log(`SKIPPED: large profiles not found in ${LARGE} (the shared corpus is not beside this clone)`);

describe.skipIf(!present)('large profiles in the browser build', () => {
  let session: KilnPage;
  let kiln: ServedKiln;
  let page: Page;

  beforeAll(async () => {
    session = await openKilnPage();
    ({ kiln, page } = session);
  }, 60_000);
  afterAll(() => session?.close());

  for (const [index, file] of FILES.entries()) {
    it(`imports ${file} and paints its flame graph`, { timeout: 240_000 }, async () => {
      const started = Date.now();
      await page.setInputFiles('[data-testid="open-input"]', join(LARGE, file));
      await confirmImport(page);
      // A progress indicator names the file while it imports.
      await expect.poll(() => page.locator('[data-testid="import-progress"]').textContent()).toContain(file);
      await page.waitForSelector(`[data-testid="catalogue-row"]:nth-child(${index + 1})`, { timeout: 200_000 });
      const imported = Date.now();
      await page.waitForFunction(
        (name) => {
          const canvas = document.querySelector('[data-testid="flamegraph"]');
          const title = document.body.textContent ?? '';
          return canvas?.getAttribute('data-ready') === 'true' && title.includes(name);
        },
        file,
        { timeout: 200_000 },
      );
      const painted = Date.now();
      console.log(
        `${file}: import ${((imported - started) / 1000).toFixed(1)} s, first paint ${((painted - imported) / 1000).toFixed(1)} s after import (${((painted - started) / 1000).toFixed(1)} s from open)`,
      );

      // The drawn tree accounts for the whole profile.
      const profile = (await kiln.call<ItemSummary[]>('listItems', {})).find((p) => p.name === file)!;
      const tree = await kiln.call<FlameTree>('getFlameTree', {
        selection: { items: [profile.id] },
        sampleType: profile.defaultSampleType,
      });
      expect(tree.total[0]).toBeCloseTo(profile.totals[profile.defaultSampleType] as number, 0);
      const nodeCount = Number(await page.getAttribute('[data-testid="flamegraph"]', 'data-node-count'));
      expect(nodeCount).toBe(tree.func.length);

      // Still responsive: hover shows a tooltip, a click zooms.
      const canvas = page.locator('[data-testid="flamegraph"]');
      const box = (await canvas.boundingBox())!;
      await page.mouse.move(box.x + box.width / 3, box.y + 30);
      await page.waitForSelector('[data-testid="tooltip"]', { timeout: 10_000 });
      await canvas.click({ position: { x: box.width / 3, y: 30 } });
      await expect.poll(() => canvas.getAttribute('data-zoom-name'), { timeout: 10_000 }).not.toBe('root');
      await page.keyboard.press('Escape');
    });
  }
});
