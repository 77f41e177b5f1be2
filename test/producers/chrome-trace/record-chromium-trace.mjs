// Records a real Chrome performance trace with V8 CPU samples (Profile/ProfileChunk events),
// task slices (X and B events) and thread names, as the fixture test/fixtures/chrome-trace/chromium-fib.json.gz.
//
//   node test/producers/chrome-trace/record-chromium-trace.mjs test/fixtures/chrome-trace/chromium-fib.json.gz
//
// Uses Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) through playwright-core. The page runs a named
// recursive function for ~250 ms so the CPU profile has a known stack: (root) → work → fib → fib ….
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const out = process.argv[2];
if (!out) throw new Error('usage: record-chromium-trace.mjs <out.json.gz>');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  await page.setContent(`<script>
    function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
    function work() { let sum = 0; for (let i = 0; i < 10; i++) sum += fib(21); return sum; }
  </script>`);
  await browser.startTracing(page, {
    categories: ['disabled-by-default-v8.cpu_profiler', 'toplevel', 'v8.execute', '__metadata'],
  });
  await page.evaluate(() => {
    const start = Date.now();
    // work() is the page's own function, defined by the script above.
    while (Date.now() - start < 250) work();
  });
  const trace = await browser.stopTracing();
  writeFileSync(out, gzipSync(trace, { level: 9 }));
} finally {
  await browser.close();
}
