/**
 * Kiln: drop to first flame-graph paint. A fresh `kiln serve` (empty database)
 * and a fresh Chromium page; the file is set on `[data-testid="open-input"]`, and the
 * clock starts when the import dialog (service and labels) is confirmed and stops when, inside the page, the flame-graph
 * canvas gets `data-ready="true"` (set right after drawFlame ran) while the page
 * names the file. The time is taken in the page by a MutationObserver, not by
 * polling from Node. Includes the upload, parse, SQLite indexing, the flame-tree
 * query, layout and the draw.
 */
import { launchBrowser, pageFailure, VIEWPORT } from './browser.mjs';
import { startKilnServe } from './kiln-serve.mjs';

function installProbe() {
  const state = { armed: false, name: '', paintedAt: null, importedAt: null };
  Object.defineProperty(window, '__kilnBench', { value: state });
  const now = () => performance.timeOrigin + performance.now();
  const check = () => {
    if (!state.armed || state.paintedAt !== null) return;
    if (state.importedAt === null && document.querySelector('[data-testid="catalogue-row"]')) state.importedAt = now();
    const canvas = document.querySelector('[data-testid="flamegraph"]');
    if (canvas?.getAttribute('data-ready') === 'true' && (document.body.textContent ?? '').includes(state.name)) {
      state.paintedAt = now();
      state.nodeCount = Number(canvas.getAttribute('data-node-count'));
    }
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-ready'],
  });
}

/** Returns the measurement and, when it painted, the live session (page + close) for the frame-time bench. */
export async function kilnFirstPaint(file, { timeoutMs, log }) {
  const kiln = await startKilnServe();
  let browser;
  const close = async () => {
    await browser?.close();
    await kiln.stop();
  };
  try {
    browser = await launchBrowser();
    const page = await browser.browser.newPage({ viewport: VIEWPORT });
    page.on('pageerror', (error) => log(`  kiln page error: ${error.message}`));
    await page.addInitScript(installProbe);
    await page.goto(kiln.url);
    await page.waitForSelector('[data-testid="drop-zone"]', { timeout: 30_000 });
    await page.evaluate((name) => Object.assign(window.__kilnBench, { armed: true, name }), file.name);
    const failure = pageFailure(page);
    await page.setInputFiles('[data-testid="open-input"]', file.path);
    // The import dialog asks for the batch's service and labels; the import starts when it is confirmed, which is
    // when the clock starts (what dropping a file on speedscope is).
    await page.waitForSelector('[data-testid="import-dialog"][open]', { timeout: 30_000 });
    const started = Date.now();
    await page.keyboard.press('Enter');
    const outcome = await Promise.race([
      page
        .waitForFunction(() => window.__kilnBench.paintedAt !== null, null, { timeout: timeoutMs, polling: 250 })
        .then(() => page.evaluate(() => ({ ...window.__kilnBench })))
        .then((s) => ({ kind: 'ok', state: s }))
        .catch((error) =>
          /Timeout/.test(error.message) ? { kind: 'timed out' } : { kind: 'failed', detail: error.message },
        ),
      failure,
    ]);
    if (outcome.kind !== 'ok') {
      const detail = outcome.detail ?? (await describePage(page));
      await close();
      return { result: { ok: false, why: outcome.kind, detail }, session: null };
    }
    const { paintedAt, importedAt, nodeCount } = outcome.state;
    const result = {
      ok: true,
      ms: paintedAt - started,
      importedMs: importedAt === null ? null : importedAt - started,
      nodeCount,
    };
    return { result, session: { page, close, nodeCount, file } };
  } catch (error) {
    await close();
    return { result: { ok: false, why: 'failed', detail: error.message }, session: null };
  }
}

/** What the page shows when no paint came: for the report, so a timeout can be told from an error. */
async function describePage(page) {
  try {
    return await page.evaluate(() => {
      const q = (sel) => document.querySelector(sel);
      const canvas = q('[data-testid="flamegraph"]');
      const text = (q('[data-testid="import-progress"]')?.textContent ?? '').trim();
      const error = [...document.querySelectorAll('[role="alert"], .error')]
        .map((e) => e.textContent?.trim())
        .join('; ');
      return [
        `catalogue rows: ${document.querySelectorAll('[data-testid="catalogue-row"]').length}`,
        `flame canvas: ${canvas ? `data-ready=${canvas.getAttribute('data-ready')}` : 'absent'}`,
        text && `progress: ${text.slice(0, 120)}`,
        error && `error: ${error.slice(0, 200)}`,
      ]
        .filter(Boolean)
        .join(', ');
    });
  } catch (error) {
    return `page unresponsive (${error.message.split('\n')[0]})`;
  }
}
