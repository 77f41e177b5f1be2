/**
 * `kiln import`'s progress line and Ctrl-C, as a user meets them: the built
 * bin in a child process, a temporary KILN_DB, and SIGINT sent once progress
 * shows. The large file is generated/large/deep-go.pb.gz of the shared corpus.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'kiln.cjs');
const DEEP_GO = join(ROOT, '..', 'shared', 'corpus', 'generated', 'large', 'deep-go.pb.gz');
const SMALL = 'test/fixtures/pprof/cpu_1.pb.gz';
const present = existsSync(DEEP_GO);
if (!present) console.log(`SKIPPED: ${DEEP_GO} not found (the shared corpus is not beside this clone)`);

describe('kiln import progress and Ctrl-C', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-cli-progress-'));
    env = { ...process.env, KILN_DB: join(dir, 'kiln.db') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const kiln = (args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: 120_000 });

  it.skipIf(!present)(
    'cancels on SIGINT after progress shows: says so, exits 130 and stores nothing',
    { timeout: 120_000 },
    async () => {
      const child = spawn(process.execPath, [BIN, 'import', DEEP_GO, '--progress'], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await new Promise<void>((resolve) => {
        child.stderr.on('data', (chunk: Buffer) => {
          const first = stderr === '';
          stderr += chunk.toString();
          if (first) {
            child.kill('SIGINT');
            resolve();
          }
        });
      });
      const code = await exited;
      expect(code).toBe(130);
      const lines = stderr.trim().split('\n');
      // A progress line: the file, its phase, bytes of its size and the share done.
      expect(lines[0]).toMatch(/^\S+deep-go\.pb\.gz {2}(hashing|parsing|writing) {2}[\d.]+ \S+ of 3\.9 MiB \(\d+%\)/);
      expect(lines.at(-1)).toBe(`${DEEP_GO}: import cancelled`);
      expect(stdout).toBe('');
      const ls = kiln(['ls', '--json']);
      expect(ls.status).toBe(0);
      expect(JSON.parse(ls.stdout)).toEqual([]);
    },
  );

  it('prints no progress when stderr is not a terminal, or with --quiet, and --json stays as it was', () => {
    const plain = kiln(['import', SMALL]);
    expect(plain.status).toBe(0);
    expect(plain.stderr).toBe('');
    const quiet = kiln(['import', SMALL, '--progress', '--quiet']);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/^already imported /);
    const json = kiln(['import', SMALL, '--json', '--progress']);
    expect(json.stderr).toBe('');
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(['imported', 'errors']);
  });
});
