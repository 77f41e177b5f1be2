/**
 * What `kiln import` prints when a file cannot be imported: the file's name once, then the reason, in the text
 * output and in the JSON report (whose message the app's import panel shows after the name: printing both
 * there said "empty.pb.gz: empty.pb.gz: empty file"; e2e/session-and-layout.test.ts checks the page).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = join(__dirname, '..', 'bin', 'kiln.cjs');

function kiln(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

describe('kiln import of a file it cannot read', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-cli-errors-'));
    writeFileSync(join(dir, 'empty.pb.gz'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([['empty.pb.gz'], ['./empty.pb.gz']])('names %s once in the text output', (path) => {
    const run = kiln(['import', path, '--db', join(dir, 'kiln.db')], dir);
    expect(run.code).toBe(1);
    // The importer names the file by its base name; the CLI must not add the path before it again.
    expect(run.stderr).toBe('error: empty.pb.gz: empty file\n');
  });

  it('names it once in the JSON report, in `file` and at the start of `message`', () => {
    const run = kiln(['import', 'empty.pb.gz', '--db', join(dir, 'kiln.db'), '--json'], dir);
    const report = JSON.parse(run.stdout) as { errors: { file: string; message: string }[] };
    expect(report.errors).toEqual([{ file: 'empty.pb.gz', message: 'empty.pb.gz: empty file' }]);
  });
});
