// Makes resources/screenshot.png, the README's picture of today's app: the built `kiln serve` on a fresh store, a few
// real captures imported through the CLI, the Go CPU profile opened, in Debian's Chromium at 1400×900.
// Usage: npm run build && node scripts/readme-screenshot.mjs
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, VIEWPORT } from '../bench/lib/browser.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'kiln.cjs');
const fixtures = join(root, 'test', 'fixtures');
const files = ['gc/go-gctrace/go-service.gctrace.stderr.txt', 'pprof/heap_1.pb.gz', 'pprof/cpu_1.pb.gz'];

const dir = mkdtempSync(join(tmpdir(), 'kiln-screenshot-'));
const db = join(dir, 'kiln.db');
execFileSync(process.execPath, [bin, 'import', '--db', db, '--quiet', ...files.map((f) => join(fixtures, f))], {
  stdio: 'inherit',
});
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
  await page.goto(url);
  const row = page.locator('[data-testid="catalogue-row"]', { hasText: 'cpu_1.pb.gz' });
  await row.first().click();
  await page.waitForSelector('[data-testid="flamegraph"][data-ready="true"]', { timeout: 30_000 });
  await page.screenshot({ path: join(root, 'resources', 'screenshot.png') });
  await close();
  console.log('wrote resources/screenshot.png');
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
