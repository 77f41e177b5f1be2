/** A description of the machine and tool versions the numbers were taken on. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, ROOT } from './paths.mjs';

function run(file, args) {
  try {
    return execFileSync(file, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 20_000,
    }).trimEnd();
  } catch {
    return 'unavailable';
  }
}

export function describeMachine(speedscopeVersion) {
  let playwright = 'unavailable';
  try {
    playwright = JSON.parse(
      readFileSync(join(ROOT, 'node_modules', 'playwright-core', 'package.json'), 'utf8'),
    ).version;
  } catch {
    /* not installed */
  }
  return {
    cpu: `${cpus()[0]?.model ?? 'unknown'}`,
    nproc: run('nproc', []),
    memory: run('free', ['-h']),
    kernel: run('uname', ['-sr']),
    node: process.version,
    chromium: run(CHROMIUM_PATH, ['--version']),
    go: run('go', ['version']),
    speedscope: speedscopeVersion ?? 'not installed',
    playwright,
  };
}
