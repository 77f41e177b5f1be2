/**
 * The timeline of 10,000 captures in Chromium against `kiln serve` on the store of timeline-input.mjs:
 *
 * First draw. An init script watches the lanes canvas: each paint sets its data-ready attribute (Timeline.tsx's
 * layout effect), and a MutationObserver callback right after that commit takes a 1-pixel getImageData (which makes
 * Chromium rasterise the canvas's pending 2D commands) and notes the time, the lanes and the series lanes drawn.
 * "First draw" is the first paint with every lane and every lane's series, timed two ways:
 *   - from the timeline's data arriving (the goal's measure): from the moment the answers that paint needs were all
 *     in (Resource Timing's responseEnd) to that paint. The page asks for listItems, getTimeline and
 *     getTimelineSeries at its start; the lanes come from getTimeline's captures or the catalogue, whichever is in
 *     first, and the series from getTimelineSeries, so "in" is max(series, min(getTimeline, listItems)). It
 *     includes parsing those answers, building the lanes and React's commit;
 *   - from the catalogue's answer (listItems' responseEnd), as it was timed before the lanes were drawn from
 *     getTimeline (negative when the timeline is drawn before the catalogue is in);
 *   - from navigation (performance.now() counts from the navigation's start): server, HTML and script on top.
 * The bars-only paint (every lane, series not yet in) is reported too.
 * Each is the median of `loads` fresh page loads (a new page per load; the browser's HTTP cache is off).
 *
 * Pan and zoom. `count` interactions of each, through Playwright's real input events over the whole 10 hours
 * (every bar in view, the most drawing there is): pan = ← / → keys and shift+drag (one interaction per pointer
 * move), zoom = wheel notches and + / − keys, alternating in and out. Per interaction: dispatched = when the page
 * gets the event (a capture listener on window: performance.now()), drawn = the canvas's paint after the commit plus
 * the 1-pixel getImageData, nextFrame = the first requestAnimationFrame callback after it. The frame, as the goal
 * reads it, is dispatched → drawn: the page's work for the interaction, within one 16 ms frame or not. Also from the
 * event's timeStamp (input latency, as frame-times.mjs times clicks): Chromium delivers wheel notches and pointer
 * moves aligned to the page's next frame, so that adds up to a frame the page cannot shorten; input-delivery.mjs
 * measures it on an empty page in the same run.
 */
import { loadavg } from 'node:os';
import { launchBrowser, VIEWPORT, waitProbeIdle } from './browser.mjs';
import { startKilnServe } from './kiln-serve.mjs';
import { inputDeliveryFloor } from './input-delivery.mjs';
import { frameTimeStats, percentile } from './stats.mjs';

const DATA_METHODS = ['listItems', 'getTimeline', 'getTimelineSeries'];

/** Runs in the page before any of its scripts. */
function installTimelineProbe() {
  const state = { paints: [], pending: null, done: [] };
  window.__timelineBench = state;
  const begin = (kinds, event) => {
    const p = state.pending;
    if (!p || p.start !== null || !kinds.includes(p.kind)) return;
    p.start = event.timeStamp;
    // When the page got the event: Chromium delivers wheel and pointer moves aligned to its next frame, so for them
    // timeStamp → dispatch is the browser's input latency, before any of the page's code runs.
    p.dispatched = performance.now();
  };
  addEventListener('keydown', (e) => begin(['pan-keys', 'zoom-keys'], e), true);
  addEventListener('wheel', (e) => begin(['zoom-wheel'], e), true);
  addEventListener('pointermove', (e) => begin(['pan-drag'], e), true);
  new MutationObserver(() => {
    const canvas = document.querySelector('[data-testid="timeline-canvas"]');
    if (!canvas || canvas.dataset.ready !== 'true') return;
    canvas.getContext('2d')?.getImageData(0, 0, 1, 1);
    const at = performance.now();
    const section = document.querySelector('[data-testid="timeline"]');
    state.paints.push({
      at,
      lanes: Number(section?.dataset.laneCount ?? 0),
      seriesLanes: Number(canvas.dataset.seriesLanes ?? 0),
      bars: Number(canvas.dataset.drawnBars ?? 0),
    });
    const p = state.pending;
    if (!p || p.start === null || p.drawn !== undefined) return;
    p.drawn = at;
    requestAnimationFrame(() => {
      p.nextFrame = performance.now();
      state.done.push(p);
      state.pending = null;
    });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
}

async function openTimeline(browser, url, expected) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.route('**/*', (route) => route.continue()); // no HTTP cache: every load fetches everything
  await page.addInitScript(installTimelineProbe);
  await page.goto(url);
  // The timeline may be drawn before the catalogue is in (its lanes come from getTimeline): its arrival is waited
  // for too, to time the draw from it.
  await page.waitForFunction(
    ({ lanes }) =>
      window.__timelineBench.paints.some((p) => p.lanes === lanes && p.seriesLanes === lanes) &&
      performance.getEntriesByType('resource').some((e) => e.name.endsWith('/api/call/listItems')),
    expected,
    { timeout: 120_000, polling: 100 },
  );
  return { context, page };
}

async function firstDraw(browser, url, expected) {
  const { context, page } = await openTimeline(browser, url, expected);
  const result = await page.evaluate(
    ({ lanes, methods }) => {
      const paints = window.__timelineBench.paints;
      const bars = paints.find((p) => p.lanes === lanes);
      const full = paints.find((p) => p.lanes === lanes && p.seriesLanes === lanes);
      const responses = performance
        .getEntriesByType('resource')
        .filter((e) => methods.some((m) => e.name.endsWith(`/api/call/${m}`)));
      const answered = (method) => responses.find((e) => e.name.endsWith(`/api/call/${method}`)).responseEnd;
      const listed = answered('listItems');
      const lanesIn = Math.min(answered('getTimeline'), listed);
      const dataIn = Math.max(lanesIn, answered('getTimelineSeries'));
      const lastAt = Math.max(...responses.map((e) => e.responseEnd));
      return {
        barsMs: bars.at,
        fullMs: full.at,
        dataMs: dataIn,
        catalogueMs: listed,
        afterDataMs: full.at - dataIn,
        barsAfterDataMs: bars.at - lanesIn,
        afterCatalogueMs: full.at - listed,
        afterLastResponseMs: full.at - lastAt,
        responses: responses.length,
        bars: full.bars,
        transferKb: responses.reduce((sum, e) => sum + e.encodedBodySize, 0) / 1024,
        catalogueRows: document.querySelectorAll('[data-testid="catalogue-row"]').length,
        sidebarRows: document.querySelectorAll('.sidebar [role="option"]').length,
      };
    },
    { lanes: expected.lanes, methods: DATA_METHODS },
  );
  await context.close();
  return result;
}

/** The page's frame (dispatched → drawn) as p50 / p95 / max, and from the event's timeStamp as `fromInput`. */
function frameStats(done, kinds) {
  const of = done.filter((d) => kinds.includes(d.kind));
  return {
    ...frameTimeStats(of.map((d) => ({ start: d.dispatched, drawn: d.drawn, nextFrame: d.nextFrame }))),
    fromInput: frameTimeStats(of),
  };
}

async function interactions(browser, url, expected, count, log) {
  const { context, page } = await openTimeline(browser, url, expected);
  const canvas = await page.locator('[data-testid="timeline-canvas"]').boundingBox();
  const y = canvas.y + Math.min(canvas.height - 4, 9);
  const centreX = canvas.x + canvas.width / 2;
  const arm = (kind) => page.evaluate((k) => (window.__timelineBench.pending = { kind: k, start: null }), kind);
  let missed = 0;
  const half = Math.max(1, Math.floor(count / 2));
  await page.locator('[data-testid="timeline"]').focus();
  // Pan by keys: half right, then back.
  for (let i = 0; i < half; i++) {
    await arm('pan-keys');
    await page.keyboard.press(i < half / 2 ? 'ArrowRight' : 'ArrowLeft');
    if (!(await waitProbeIdle(page, '__timelineBench', 10_000))) missed++;
  }
  // Pan by shift+drag: one interaction per pointer move, 8 px each, right then back.
  await page.keyboard.down('Shift');
  await page.mouse.move(centreX, y);
  await page.mouse.down();
  let x = centreX;
  for (let i = 0; i < count - half; i++) {
    x += i < (count - half) / 2 ? 8 : -8;
    await arm('pan-drag');
    await page.mouse.move(x, y);
    if (!(await waitProbeIdle(page, '__timelineBench', 10_000))) missed++;
  }
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await page.click('[data-testid="timeline-fit"]');
  await page.locator('[data-testid="timeline"]').focus();
  // Zoom by the wheel over the lanes, in and out in turn, at spread anchors.
  for (let i = 0; i < half; i++) {
    await page.mouse.move(canvas.x + ((i * 37) % 100) * 0.01 * canvas.width, y);
    await arm('zoom-wheel');
    await page.mouse.wheel(0, i % 2 === 0 ? -100 : 100);
    if (!(await waitProbeIdle(page, '__timelineBench', 10_000))) missed++;
  }
  await page.mouse.move(0, 0);
  await page.locator('[data-testid="timeline"]').focus();
  for (let i = 0; i < count - half; i++) {
    await arm('zoom-keys');
    await page.keyboard.press(i % 2 === 0 ? '+' : '-');
    if (!(await waitProbeIdle(page, '__timelineBench', 10_000))) missed++;
  }
  const done = await page.evaluate(() => window.__timelineBench.done);
  const barsInView = await page.evaluate(() =>
    Number(document.querySelector('[data-testid="timeline-canvas"]')?.dataset.drawnBars ?? 0),
  );
  await context.close();
  const result = {
    missed,
    barsInView,
    pan: frameStats(done, ['pan-keys', 'pan-drag']),
    zoom: frameStats(done, ['zoom-wheel', 'zoom-keys']),
    panKeys: frameStats(done, ['pan-keys']),
    panDrag: frameStats(done, ['pan-drag']),
    zoomWheel: frameStats(done, ['zoom-wheel']),
    zoomKeys: frameStats(done, ['zoom-keys']),
  };
  result.floor = await inputDeliveryFloor(browser, count);
  const line = (name, s) =>
    `${name}: ${s.n} frames, page got the event → drawn p50 ${s.p50?.toFixed(1)} ms, p95 ${s.p95?.toFixed(1)} ms, max ${s.max?.toFixed(1)} ms (→ next frame p95 ${s.nextP95?.toFixed(1)} ms; from the event's timeStamp p50 ${s.fromInput.p50?.toFixed(1)} ms, p95 ${s.fromInput.p95?.toFixed(1)} ms)`;
  log(`  ${line('pan', result.pan)}`);
  log(`  ${line('zoom', result.zoom)}`);
  for (const kind of ['panKeys', 'panDrag', 'zoomWheel', 'zoomKeys']) log(`    ${line(kind, result[kind])}`);
  const floor = (kind) =>
    `${kind} p50 ${result.floor[kind].p50?.toFixed(1)} ms, p95 ${result.floor[kind].p95?.toFixed(1)} ms`;
  log(`  Chromium's delivery on an empty page: ${['wheel', 'pointermove', 'keydown'].map(floor).join('; ')}`);
  if (missed) log(`  ${missed} interactions drew nothing within 10 s`);
  return result;
}

/**
 * @param {{ db: string, captures: number, lanes: number }} store from ensureTimelineStore
 */
export async function benchTimeline(store, { count = 60, loads = 5, log }) {
  const kiln = await startKilnServe({ dbPath: store.db });
  const browser = await launchBrowser();
  try {
    const expected = { lanes: store.lanes };
    const draws = [];
    for (let i = 0; i < loads; i++) {
      const draw = await firstDraw(browser.browser, kiln.url, expected);
      log(
        `  load ${i + 1}: all lanes with series at ${draw.fullMs.toFixed(0)} ms from navigation, ` +
          `${draw.afterDataMs.toFixed(1)} ms after its data arrived (bars ${draw.barsAfterDataMs.toFixed(1)} ms after ` +
          `theirs; ${draw.afterCatalogueMs.toFixed(1)} ms after the catalogue's, in at ${draw.catalogueMs.toFixed(0)} ms; ` +
          `${draw.afterLastResponseMs.toFixed(1)} ms after the last answer; ${draw.transferKb.toFixed(0)} KB)`,
      );
      draws.push(draw);
    }
    const median = (key) =>
      percentile(
        draws.map((d) => d[key]),
        50,
      );
    const first = {
      loads,
      fromNavigationMs: median('fullMs'),
      barsFromNavigationMs: median('barsMs'),
      dataArrivedMs: median('dataMs'),
      catalogueArrivedMs: median('catalogueMs'),
      afterCatalogueMs: median('afterCatalogueMs'),
      afterDataMs: median('afterDataMs'),
      barsAfterDataMs: median('barsAfterDataMs'),
      afterLastResponseMs: median('afterLastResponseMs'),
      afterDataMaxMs: percentile(
        draws.map((d) => d.afterDataMs),
        100,
      ),
      transferKb: draws[0].transferKb,
      bars: draws[0].bars,
      catalogueRows: draws[0].catalogueRows,
      sidebarRows: draws[0].sidebarRows,
    };
    const frames = await interactions(browser.browser, kiln.url, expected, count, log);
    // Other work on the machine shows in every number here; the report says how busy it was.
    return { ok: true, captures: store.captures, lanes: store.lanes, first, frames, loadAverage: loadavg() };
  } finally {
    await browser.close();
    await kiln.stop();
  }
}
