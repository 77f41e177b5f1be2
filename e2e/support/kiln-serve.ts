/** Starts the built `kiln serve` on a temporary database and a free port, for end-to-end tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServedKiln {
  url: string;
  origin: string;
  token: string;
  dbPath: string;
  call<T>(method: string, args: unknown): Promise<T>;
  stop(): Promise<void>;
}

export const ROOT = join(__dirname, '..', '..');
export const KILN_BIN = join(ROOT, 'bin', 'kiln.cjs');

export async function startKilnServe(): Promise<ServedKiln> {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-e2e-'));
  const dbPath = join(dir, 'kiln.db');
  const child: ChildProcess = spawn(process.execPath, [KILN_BIN, 'serve', '--db', dbPath, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`kiln serve printed no URL in 20 s; stderr: ${stderr}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('http://'));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.once('exit', (code) => reject(new Error(`kiln serve exited with ${code}: ${stderr}`)));
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  return {
    url,
    origin: parsed.origin,
    token,
    dbPath,
    call: async <T>(method: string, args: unknown): Promise<T> => {
      const response = await fetch(`${parsed.origin}/api/call/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
      if (!response.ok) throw new Error(`${method}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
