/**
 * Debian Chromium through playwright-core, with the end-to-end tests' flags plus
 * SwiftShader WebGL (speedscope draws with WebGL). Both tools get the same flags
 * and a fresh browser per measurement.
 */
import { chromium } from 'playwright-core';
import { onCleanup } from './cleanup.mjs';
import { CHROMIUM_PATH } from './paths.mjs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
];

export const VIEWPORT = { width: 1400, height: 900 };

export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 60_000 });
  const close = onCleanup(() => browser.close());
  return { browser, close };
}

/**
 * Resolves when `page` crashes (renderer out of memory, …) or is closed.
 * A tool that dies must be reported as crashed, not waited on until the timeout.
 */
export function pageFailure(page) {
  return new Promise((resolve) => {
    page.once('crash', () => resolve({ kind: 'crashed', detail: 'renderer process crashed (likely out of memory)' }));
    page.once('close', () => resolve({ kind: 'crashed', detail: 'page closed' }));
    page.on('dialog', (dialog) => {
      const message = dialog.message();
      dialog.dismiss().catch(() => {});
      resolve({ kind: 'failed', detail: `dialog: ${message.slice(0, 200)}` });
    });
  });
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits (up to `timeoutMs`) until the page's probe `window[probe]` has no interaction pending, its last one timed.
 * False when it timed out: the pending one is then dropped, for the caller to count as missed.
 */
export async function waitProbeIdle(page, probe, timeoutMs) {
  try {
    await page.waitForFunction((name) => window[name].pending === null, probe, {
      timeout: timeoutMs,
      polling: 'raf',
    });
    return true;
  } catch {
    await page.evaluate((name) => (window[name].pending = null), probe);
    return false;
  }
}
