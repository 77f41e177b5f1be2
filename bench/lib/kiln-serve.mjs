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

/**
 * `runs + 1` calls of one contract method through a running `kiln serve`, as the page makes them (POST with the
 * session token), each timed from the request to the last byte of its answer, and the server's CPU time per call
 * when `cpuMs(pid)` is given. The first answer is returned parsed; a failed call ends the series with `failed`.
 */
export async function timedServeCalls(serve, method, args, runs, cpuMs = null) {
  const parsed = new URL(serve.url);
  const token = parsed.searchParams.get('token') ?? '';
  const wallMs = [];
  const callCpuMs = [];
  let first = null;
  for (let i = 0; i <= runs; i++) {
    const cpuBefore = cpuMs?.(serve.pid) ?? 0;
    const started = process.hrtime.bigint();
    const response = await fetch(`${parsed.origin}/api/call/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const text = await response.text();
    wallMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (cpuMs) callCpuMs.push(cpuMs(serve.pid) - cpuBefore);
    if (!response.ok) return { failed: `${method}: HTTP ${response.status} ${text.slice(0, 200)}`, wallMs, callCpuMs };
    first ??= JSON.parse(text);
  }
  return { first, wallMs, callCpuMs, failed: null };
}
