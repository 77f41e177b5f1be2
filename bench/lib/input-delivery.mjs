/**
 * How late Chromium hands input events to a page that does nothing with them: on an empty page with a non-passive
 * wheel listener (as the timeline has), performance.now() in the listener minus the event's timeStamp, for the same
 * Playwright wheel notches, pointer moves and key presses the timeline step sends, paced as it paces them: the next
 * one right after the page's next animation frame. Wheel notches and pointer moves are delivered aligned to a later
 * frame, so by their timeStamp no page draws them in under a frame; this is the floor under the timeline's
 * "event timeStamp → drawn" numbers, measured in the same run and browser. (Sent 40 ms apart instead, the same
 * notches reach an empty page after ~7 ms: the pacing, not the page, sets the floor.)
 */
import { VIEWPORT } from './browser.mjs';
import { percentile } from './stats.mjs';

const PAGE = `<!doctype html><html><body style="margin:0">
<div id="plot" style="width:800px;height:400px"></div>
<script>
  window.__delivery = [];
  const note = (kind) => (event) => window.__delivery.push({ kind, ms: performance.now() - event.timeStamp });
  const plot = document.getElementById('plot');
  plot.addEventListener('wheel', (event) => { event.preventDefault(); note('wheel')(event); }, { passive: false });
  plot.addEventListener('pointermove', note('pointermove'));
  addEventListener('keydown', note('keydown'));
</script></body></html>`;

/** `count` of each kind, one at a time, each after the page's next animation frame. */
export async function inputDeliveryFloor(browser, count) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.setContent(PAGE);
    const nextFrame = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));
    await page.mouse.move(100, 100);
    for (let i = 0; i < count; i++) {
      await page.mouse.wheel(0, i % 2 === 0 ? -100 : 100);
      await nextFrame();
    }
    for (let i = 0; i < count; i++) {
      await page.mouse.move(100 + (i % 50) * 8, 100);
      await nextFrame();
    }
    for (let i = 0; i < count; i++) {
      await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
      await nextFrame();
    }
    const delivered = await page.evaluate(() => window.__delivery);
    const stats = (kind) => {
      const ms = delivered.filter((d) => d.kind === kind).map((d) => d.ms);
      return { n: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95) };
    };
    return { wheel: stats('wheel'), pointermove: stats('pointermove'), keydown: stats('keydown') };
  } finally {
    await context.close();
  }
}
