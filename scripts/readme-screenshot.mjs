// Makes resources/screenshot.png, the README's picture of today's app: the built `kiln serve` on a fresh store, a real
// Go service's captures (../shared/corpus/generated/go-service: CPU and heap profiles) imported
// through the CLI as two versions, and a window of its CPU captures brushed across the version change, in Debian's
// Chromium at 1400×900.
// Usage: npm run build && node scripts/readme-screenshot.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, VIEWPORT } from '../bench/lib/browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'kiln.cjs');
const goService = join(root, '..', 'shared', 'corpus', 'generated', 'go-service');
const batches = [
  { version: 'v1', files: ['cpu_1', 'cpu_2', 'cpu_3', 'heap_1', 'heap_2', 'heap_3'] },
  { version: 'v2', files: ['cpu_4', 'cpu_5', 'cpu_6', 'heap_4', 'heap_5', 'heap_6'] },
];

const dir = mkdtempSync(join(tmpdir(), 'kiln-screenshot-'));
const db = join(dir, 'kiln.db');
const kiln = (args) => execFileSync(process.execPath, [bin, ...args, '--db', db], { encoding: 'utf8' });
for (const { version, files } of batches) {
  const paths = files.map((name) => join(goService, `${name}.pb.gz`));
  kiln(['import', '--quiet', '--service', 'checkout', '--label', `version=${version}`, ...paths]);
}

// The window: from the start of cpu_2 (v1) to the end of cpu_5 (v2), its CPU captures merged.
const items = JSON.parse(kiln(['ls', '--json']));
const capture = (name) => items.find((item) => item.name === `${name}.pb.gz`);
const startMs = Math.floor(capture('cpu_2').capturedAtMs);
const last = capture('cpu_5');
const endMs = Math.ceil(last.capturedAtMs + last.durationNs / 1e6);
const selection = `service=checkout@${startMs}..${endMs};kind=cpu`;
const cpuType = last.sampleTypes.findIndex((type) => type.type === 'cpu');

const server = spawn(process.execPath, [bin, 'serve', '--db', db, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line) resolve(line.trim());
    });
    server.once('exit', (code) => reject(new Error(`kiln serve exited with ${code}`)));
  });
  // The bench's Chromium: Debian's binary with the end-to-end tests' flags.
  const { browser, close } = await launchBrowser();
  const page = await browser.newPage({ viewport: VIEWPORT });
  // Raw, as the page writes it: the selection text is already URL-safe and the page reads `sel=` undecoded.
  await page.goto(`${url}${url.includes('?') ? '&' : '?'}sel=${selection}&type=${cpuType}`);
  await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(root, 'resources', 'screenshot.png') });
  await close();
  console.log(`wrote resources/screenshot.png (window ${selection})`);
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
