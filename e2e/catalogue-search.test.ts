/**
 * Catalogue-wide function search in the real page: two profiles imported (a
 * Go pprof and a Node .cpuprofile), a search that finds a Go function while
 * the Node profile is open, and a click on its profile that opens it focused
 * on exactly that function.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKilnPage, type KilnPage, confirmImport } from './support/kiln-page';
import { expectedPprof } from './support/pprof-expected';
import { ROOT } from './support/kiln-serve';

const GO = join(ROOT, 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz');
const NODE = join(ROOT, 'test', 'fixtures', 'cpuprofile', 'node-leaky.cpuprofile');

describe('catalogue search in the browser build', () => {
  let session: KilnPage;
  let page: Page;

  beforeAll(async () => {
    session = await openKilnPage();
    ({ page } = session);
    await page.setInputFiles('[data-testid="open-input"]', [GO, NODE]);
    await confirmImport(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="catalogue-row"]').length === 2);
    await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]');
  }, 60_000);
  afterAll(() => session?.close());

  const idOf = async (name: string): Promise<number> =>
    Number(
      await page.locator('[data-testid="catalogue-row"]', { hasText: name }).first().getAttribute('data-profile-id'),
    );
  const selectedId = async (): Promise<number> =>
    Number(await page.locator('[data-testid="catalogue-row"][aria-selected="true"]').getAttribute('data-profile-id'));

  it('finds functions of every profile by word prefix and by substring', async () => {
    const goId = await idOf('cpu_1.pb.gz');
    const nodeId = await idOf('node-leaky.cpuprofile');
    // "hash" is the start of Node's Hash and inside getHashCache and createHash; Go's sha256 has no such word.
    await page.fill('[data-testid="catalogue-search-input"]', 'hash');
    await expect
      .poll(() => page.locator('[data-testid="catalogue-search-name"]').allTextContents())
      .toEqual(expect.arrayContaining(['Hash', 'createHash', 'getHashCache']));
    const hitProfiles = await page
      .locator('[data-testid="catalogue-search-profile"]')
      .evaluateAll((buttons) => [...new Set(buttons.map((b) => Number(b.getAttribute('data-profile-id'))))]);
    expect(hitProfiles).toEqual([nodeId]);

    await page.fill('[data-testid="catalogue-search-input"]', 'runtime.malloc');
    await expect
      .poll(() => page.locator('[data-testid="catalogue-search-name"]').allTextContents())
      .toEqual(['runtime.mallocgc']);
    const profileButton = page.locator('[data-testid="catalogue-search-profile"]');
    expect(await profileButton.getAttribute('data-profile-id')).toBe(String(goId));
    // go tool pprof -top: runtime.mallocgc flat 20 ms, cum 50 ms of 1.36 s.
    expect(await profileButton.textContent()).toBe('cpu_1.pb.gz 3.7% total · 1.5% self');
  });

  it('opens the chosen profile focused on the function: a focus chip, and the function tops the table', async () => {
    const goId = await idOf('cpu_1.pb.gz');
    expect(await selectedId()).not.toBe(goId);
    await page.fill('[data-testid="catalogue-search-input"]', 'sha256.block');
    const hit = page.locator('[data-testid="catalogue-search-hit"]', { hasText: 'crypto/sha256.block' });
    await hit.waitFor();
    await hit.locator(`[data-testid="catalogue-search-profile"][data-profile-id="${goId}"]`).click();

    await expect.poll(selectedId).toBe(goId);
    await expect.poll(() => page.locator('[data-testid="filter-chip"]').count()).toBe(1);
    expect(await page.getAttribute('[data-testid="filter-chip"]', 'data-kind')).toBe('focus');
    expect(await page.locator('[data-testid="filter-chip"]').textContent()).toContain('^crypto/sha256\\.block$');

    const block = expectedPprof('cpu_1.pb.gz').sampleTypes['cpu']?.top.find((r) => r.name === 'crypto/sha256.block');
    const firstRow = page.locator('[data-testid="top-row"]').first();
    await expect.poll(() => firstRow.locator('[data-col="function"]').textContent()).toBe('crypto/sha256.block');
    expect(Number(await firstRow.locator('[data-col="self"]').getAttribute('data-value'))).toBe(block?.flat);

    // Choosing it again keeps one chip.
    await hit.locator(`[data-testid="catalogue-search-profile"][data-profile-id="${goId}"]`).click();
    expect(await page.locator('[data-testid="filter-chip"]').count()).toBe(1);
  });
});
