/**
 * speedscope: drop to first flame-chart paint. speedscope's built page is served
 * from a local static server (127.0.0.1) and opened in a fresh Chromium page;
 * the clock starts just before the file is set on its file input (`input#file`,
 * behind the "Browse" button — the same path as a drop) and stops at the first
 * frame whose WebGL canvas holds coloured pixels, i.e. flame-chart rectangles
 * (speedscope's background, grid and text are grey).
 *
 * How the paint is detected: an init script makes speedscope's WebGL contexts
 * use preserveDrawingBuffer (so what was drawn can be read back later), and
 * after every animation frame (rAF, then a posted message, so the frame's own
 * drawing is done) reads 19 one-pixel rows across the canvas with readPixels,
 * looking for a pixel whose channels differ by more than 24. The time is taken
 * in the page, so it is exact to within one frame.
 */
import { launchBrowser, pageFailure, VIEWPORT } from './browser.mjs';
import { startStaticServer } from './static-server.mjs';

function installProbe() {
  const state = { armed: false, paintedAt: null, colouredPixels: 0, contexts: 0 };
  Object.defineProperty(window, '__ssBench', { value: state });
  const contexts = [];
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, attributes) {
    if (type === 'webgl' || type === 'webgl2' || type === 'experimental-webgl') {
      const ctx = getContext.call(this, type, { ...(attributes ?? {}), preserveDrawingBuffer: true });
      if (ctx && !contexts.includes(ctx)) {
        contexts.push(ctx);
        state.contexts = contexts.length;
      }
      return ctx;
    }
    return getContext.call(this, type, attributes);
  };
  const colouredPixels = (gl) => {
    const w = gl.drawingBufferWidth;
    const h = gl.drawingBufferHeight;
    if (w === 0 || h === 0) return 0;
    const row = new Uint8Array(w * 4);
    const previous = gl.getParameter(gl.FRAMEBUFFER_BINDING);
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    let count = 0;
    for (let k = 1; k < 20; k++) {
      gl.readPixels(0, Math.floor((h * k) / 20), w, 1, gl.RGBA, gl.UNSIGNED_BYTE, row);
      for (let i = 0; i < row.length; i += 4) {
        const r = row[i],
          g = row[i + 1],
          b = row[i + 2];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 24) count++;
      }
    }
    gl.bindFramebuffer(gl.FRAMEBUFFER, previous);
    return count;
  };
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    if (state.paintedAt !== null) return;
    if (state.armed) {
      for (const gl of contexts) {
        const count = colouredPixels(gl);
        if (count > 0) {
          state.paintedAt = performance.timeOrigin + performance.now();
          state.colouredPixels = count;
          return;
        }
      }
    }
    requestAnimationFrame(tick);
  };
  const tick = () => channel.port2.postMessage(0);
  requestAnimationFrame(tick);
}

let server = null;
async function speedscopeOrigin(releaseDir) {
  server ??= await startStaticServer({ '/speedscope/': releaseDir });
  return server.origin;
}

export async function stopSpeedscopeServer() {
  await server?.stop();
  server = null;
}

export async function speedscopeFirstPaint(file, { releaseDir, timeoutMs, log }) {
  const origin = await speedscopeOrigin(releaseDir);
  const browser = await launchBrowser();
  try {
    const page = await browser.browser.newPage({ viewport: VIEWPORT });
    page.on('pageerror', (error) => log(`  speedscope page error: ${error.message}`));
    await page.addInitScript(installProbe);
    await page.goto(`${origin}/speedscope/index.html`);
    await page.waitForSelector('input#file', { state: 'attached', timeout: 30_000 });
    await page.evaluate(() => (window.__ssBench.armed = true));
    const failure = pageFailure(page);
    const started = Date.now();
    await page.setInputFiles('input#file', file.path);
    const outcome = await Promise.race([
      page
        .waitForFunction(() => window.__ssBench.paintedAt !== null, null, { timeout: timeoutMs, polling: 250 })
        .then(() => page.evaluate(() => ({ ...window.__ssBench })))
        .then((state) => ({ kind: 'ok', state }))
        .catch((error) =>
          /Timeout/.test(error.message)
            ? { kind: 'timed out', detail: `no flame chart after ${Math.round(timeoutMs / 1000)} s` }
            : { kind: /crash/i.test(error.message) ? 'crashed' : 'failed', detail: error.message.split('\n')[0] },
        ),
      failure,
    ]);
    if (outcome.kind !== 'ok') return { ok: false, why: outcome.kind, detail: outcome.detail };
    return { ok: true, ms: outcome.state.paintedAt - started, colouredPixels: outcome.state.colouredPixels };
  } catch (error) {
    return { ok: false, why: 'failed', detail: error.message.split('\n')[0] };
  } finally {
    await browser.close();
  }
}
