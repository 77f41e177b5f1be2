/** `kiln serve` on a fresh temporary database and a free port (mirrors e2e/support/kiln-serve.ts). */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { killChild, onCleanup, tempDir } from './cleanup.mjs';
import { KILN_BIN, ROOT } from './paths.mjs';

/** `dbPath`: serve this existing store instead of a fresh one (it is not removed at the end). */
export async function startKilnServe({ dbPath } = {}) {
  const scratch = tempDir('kiln-bench-serve-');
  // e.g. KILN_BENCH_SERVE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server during a run.
  const nodeArgs = (process.env.KILN_BENCH_SERVE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeArgs, KILN_BIN, 'serve', '--db', dbPath ?? join(scratch.dir, 'kiln.db'), '--port', '0'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = onCleanup(async () => {
    await killChild(child);
    await scratch.remove();
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  try {
    const url = await new Promise((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`kiln serve printed no URL in 20 s; stderr: ${stderr}`)), 20_000);
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const line = stdout.split('\n').find((l) => l.startsWith('http://'));
        if (line) {
          clearTimeout(timer);
          resolve(line.trim());
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`kiln serve exited with ${code}: ${stderr}`));
      });
    });
    return { url, stop, pid: child.pid };
  } catch (error) {
    await stop();
    throw error;
  }
}
