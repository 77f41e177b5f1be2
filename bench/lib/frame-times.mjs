/**
 * Frame time while zooming the largest Kiln flame graph. Kiln zooms by clicking
 * a frame and resets with Esc (it has no panning), so one interaction is a
 * click on a frame (zoom) or an Esc (reset to the root); `count` of each are
 * driven alternately through Playwright's real input events.
 *
 * Per interaction, inside the page:
 *   start    = the input event's timeStamp (capture listener on window);
 *   drawn    = a MutationObserver callback on the canvas's data-zoom-name
 *              attribute — it runs right after React's commit, in which the
 *              layout effect already called drawFlame — followed by a 1-pixel
 *              getImageData, which forces Chromium to rasterise the canvas's
 *              pending 2D commands (so software raster is included);
 *   nextFrame = the first requestAnimationFrame callback after `drawn`.
 * "frame time" = drawn − start: the main-thread work to produce the new frame
 * (event handling, React render and commit, visible-frame selection, canvas
 * drawing and raster). "input → next frame" = nextFrame − start, which also
 * includes waiting for the next frame to begin (up to one ~16.7 ms vsync interval).
 * Click targets are chosen at the root view with the page's window.__kilnFlame
 * debug hook (a frame must be drawn there), spread over depths and x by a fixed
 * seed, so runs are comparable.
 */
import { waitProbeIdle } from './browser.mjs';
import { frameTimeStats } from './stats.mjs';

function installFrameProbe() {
  if (window.__frameBench) return;
  const state = { pending: null, done: [] };
  window.__frameBench = state;
  const now = () => performance.now();
  const begin = (kind, event) => {
    if (state.pending?.kind === kind && state.pending.start === null) state.pending.start = event.timeStamp;
  };
  window.addEventListener('click', (e) => begin('zoom', e), true);
  window.addEventListener('keydown', (e) => e.key === 'Escape' && begin('reset', e), true);
  new MutationObserver(() => {
    const p = state.pending;
    if (!p || p.start === null || p.drawn !== undefined) return;
    const canvas = document.querySelector('[data-testid="flamegraph"]');
    p.committed = now();
    canvas?.getContext('2d')?.getImageData(0, 0, 1, 1);
    p.drawn = now();
    p.zoomName = canvas?.getAttribute('data-zoom-name');
    requestAnimationFrame(() => {
      p.nextFrame = now();
      state.done.push(p);
      state.pending = null;
    });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-zoom-name'] });
}

/** Visible click targets at the root view: [{x, y, depth, name}] in canvas CSS pixels. */
function findTargets({ maxY, rowHeight }) {
  const hook = window.__kilnFlame;
  const canvas = document.querySelector('[data-testid="flamegraph"]');
  const width = canvas.getBoundingClientRect().width;
  const targets = [];
  const seen = new Set();
  for (let depth = 1; (depth + 0.5) * rowHeight < maxY; depth++) {
    const y = depth * rowHeight + rowHeight / 2;
    for (let x = 2; x < width - 2; x += 3) {
      const name = hook.nameAt(x, y);
      if (name === null || name === 'root') continue;
      const key = `${depth}:${name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      targets.push({ x, y, depth, name });
    }
  }
  return targets;
}

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function benchFrames(session, { count = 60, log }) {
  const { page } = session;
  await page.evaluate(installFrameProbe);
  const canvas = page.locator('[data-testid="flamegraph"]');
  await page.keyboard.press('Escape');
  await page.waitForFunction(
    () => document.querySelector('[data-testid="flamegraph"]')?.getAttribute('data-zoom-name') === 'root',
  );
  const box = await canvas.boundingBox();
  const viewport = page.viewportSize();
  const maxY = Math.min(box.height, viewport.height - box.y - 4);
  if (maxY < 36) throw new Error(`flame graph canvas is not on screen (top at ${box.y}px)`);
  const targets = await page.evaluate(findTargets, { maxY, rowHeight: 18 });
  if (targets.length === 0) throw new Error('no clickable frame found on the flame graph');
  const random = mulberry32(0x6b696c6e);
  let missed = 0;
  for (let i = 0; i < count; i++) {
    const target = targets[Math.floor(random() * targets.length)];
    await page.evaluate(() => (window.__frameBench.pending = { kind: 'zoom', start: null }));
    await page.mouse.click(box.x + target.x, box.y + target.y);
    if (!(await waitProbeIdle(page, '__frameBench', 10_000))) missed++;
    await page.evaluate(() => (window.__frameBench.pending = { kind: 'reset', start: null }));
    await page.keyboard.press('Escape');
    if (!(await waitProbeIdle(page, '__frameBench', 10_000))) missed++;
  }
  await page.mouse.move(0, 0);
  const done = await page.evaluate(() => window.__frameBench.done);
  const stats = (kind) => frameTimeStats(done.filter((d) => kind === 'all' || d.kind === kind));
  const result = {
    file: session.file.name,
    nodeCount: session.nodeCount,
    targets: targets.length,
    missed,
    all: stats('all'),
    zoom: stats('zoom'),
    reset: stats('reset'),
  };
  log(
    `  frames: ${result.all.n} interactions, frame time p50 ${result.all.p50?.toFixed(1)} ms, p95 ${result.all.p95?.toFixed(1)} ms, max ${result.all.max?.toFixed(1)} ms` +
      (missed ? `, ${missed} interactions produced no redraw` : ''),
  );
  return result;
}
