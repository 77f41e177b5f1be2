/**
 * End to end in Debian's Chromium: a large Go profile (the shared corpus's
 * generated/large/deep-go.pb.gz) dropped onto a real `kiln serve`, its
 * progress bar followed as the server imports it, and Cancel clicked, once
 * while it parses and once while it writes. Nothing may reach the catalogue.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, ItemSummary } from '../shared/ipc/contract';
import { confirmImport, openKilnPage, type KilnPage } from './support/kiln-page';
import { ROOT, type ServedKiln } from './support/kiln-serve';

const DEEP_GO = join(ROOT, '..', 'shared', 'corpus', 'generated', 'large', 'deep-go.pb.gz');
const present = existsSync(DEEP_GO);
if (!present) console.log(`SKIPPED: ${DEEP_GO} not found (the shared corpus is not beside this clone)`);

interface BarState {
  phase: string;
  bytesRead: number;
  bytesTotal: number;
  samples: number;
  text: string;
}

async function dropFile(page: Page, path: string, name: string): Promise<void> {
  const base64 = readFileSync(path).toString('base64');
  const dataTransfer = await page.evaluateHandle(
    ({ data, fileName }) => {
      const raw = atob(data);
      const bytes = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], fileName, { type: 'application/octet-stream' }));
      return transfer;
    },
    { data: base64, fileName: name },
  );
  for (const type of ['dragenter', 'dragover', 'drop']) {
    await page.dispatchEvent('[data-testid="drop-zone"]', type, { dataTransfer });
  }
  await confirmImport(page);
}

/**
 * Watches the progress bar from inside the page and clicks Cancel the moment the bar is in `phase` (for writing: with
 * samples already written, since a large pprof decodes its samples and writes them in one pass). A MutationObserver
 * sees every state the renderer shows; probes from Node, a round trip each, missed a phase that lasts one or two
 * progress polls (pollImportJob.ts) on a loaded machine, and the import then ended before the click. Call before the drop.
 */
async function cancelWhenIn(page: Page, phase: string): Promise<void> {
  await page.evaluate((target) => {
    const watch = { seen: [] as BarState[], clicked: false };
    Object.assign(window, { kilnCancelWatch: watch });
    const observer = new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="import-progress"]');
      if (watch.clicked || !bar) return;
      const state = {
        phase: bar.getAttribute('data-phase') ?? '',
        bytesRead: Number(bar.getAttribute('data-bytes-read')),
        bytesTotal: Number(bar.getAttribute('data-bytes-total')),
        samples: Number(bar.getAttribute('data-samples')),
        text: bar.textContent ?? '',
      };
      const previous = watch.seen.at(-1);
      if (!previous || JSON.stringify(previous) !== JSON.stringify(state)) watch.seen.push(state);
      if (state.phase !== target || (target === 'writing' && state.samples === 0)) return;
      const cancel = document.querySelector<HTMLElement>('[data-testid="import-cancel"]');
      if (!cancel) return;
      cancel.click();
      watch.clicked = true;
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, phase);
}

/** The states the watch saw, once it has clicked Cancel. */
async function statesUntilCancelled(page: Page, phase: string): Promise<BarState[]> {
  const watch = () =>
    page.evaluate(
      () => (window as unknown as { kilnCancelWatch: { seen: BarState[]; clicked: boolean } }).kilnCancelWatch,
    );
  await expect
    .poll(async () => (await watch()).clicked, { timeout: 120_000, message: `the import never reached ${phase}` })
    .toBe(true);
  return (await watch()).seen;
}

describe.skipIf(!present)('cancel a large import in Chromium', () => {
  let session: KilnPage;
  let kiln: ServedKiln;
  let page: Page;
  const size = present ? readFileSync(DEEP_GO).length : 0;

  beforeAll(async () => {
    session = await openKilnPage();
    ({ kiln, page } = session);
  }, 60_000);
  afterAll(() => session?.close());

  for (const phase of ['parsing', 'writing'] as const) {
    it(`shows the import's progress and cancels it while ${phase}, adding nothing`, { timeout: 180_000 }, async () => {
      const name = `deep-go-${phase}.pb.gz`;
      await cancelWhenIn(page, phase);
      await dropFile(page, DEEP_GO, name);
      const seen = await statesUntilCancelled(page, phase);

      // The bar moved: it went through several states, its bytes never went back, and the server's part
      // names the file's size and phases in words.
      expect(seen.length).toBeGreaterThan(1);
      const serverStates = seen.filter((s) => s.phase !== 'sending');
      for (let i = 1; i < serverStates.length; i++) {
        expect(serverStates[i]?.bytesRead).toBeGreaterThanOrEqual(serverStates[i - 1]?.bytesRead as number);
      }
      // Watched through the tables pass and into the samples pass, the server's bytes move (the decoder reads the
      // file twice).
      if (phase === 'writing') expect(new Set(serverStates.map((s) => s.bytesRead)).size).toBeGreaterThan(1);
      const last = seen.at(-1) as BarState;
      expect(last.bytesTotal).toBe(size);
      expect(last.text).toContain(name);
      expect(last.text).toContain(`${phase[0]?.toUpperCase()}${phase.slice(1)} · `);
      expect(last.text).toContain('of 3.9 MiB');
      // Some, not yet all, of the file's 310,881 sample records are in.
      if (phase === 'writing') expect(last.text).toMatch(/ · [\d,]+ samples/);
      if (phase === 'writing') expect(last.samples).toBeLessThan(310_881);

      const notice = page.locator('[data-testid="import-cancelled"]');
      await expect.poll(() => notice.textContent(), { timeout: 60_000 }).toContain(`Import of ${name} cancelled`);
      expect(await page.locator('[data-testid="import-progress"]').count()).toBe(0);
      expect(await page.locator('[data-testid="import-errors"]').count()).toBe(0);
      expect(await page.locator('[data-testid="catalogue-row"]').count()).toBe(0);
      expect(await kiln.call<ItemSummary[]>('listItems', {})).toEqual([]);
      const jobs = await kiln.call<ImportJob[]>('getImportJobs', {});
      expect(jobs.at(-1)).toMatchObject({ file: name, state: 'cancelled' });
      await page.click('[data-testid="import-cancelled"] button');
    });
  }
});
