/**
 * speedscope (the peer for first paint) lives outside the repository, in
 * PEER_CACHE; it is installed there with npm on first use. Its package ships the
 * built web app in dist/release/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PEER_CACHE } from './paths.mjs';

const SPEC = process.env.KILN_BENCH_SPEEDSCOPE ?? 'speedscope@1';

export function ensureSpeedscope(log) {
  const pkgDir = join(PEER_CACHE, 'node_modules', 'speedscope');
  const releaseDir = join(pkgDir, 'dist', 'release');
  if (!existsSync(join(releaseDir, 'index.html'))) {
    log(`installing ${SPEC} into ${PEER_CACHE} (outside the repository)`);
    mkdirSync(PEER_CACHE, { recursive: true });
    execFileSync('npm', ['install', '--prefix', PEER_CACHE, SPEC, '--no-audit', '--no-fund', '--loglevel=error'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 180_000,
    });
    if (!existsSync(join(releaseDir, 'index.html')))
      throw new Error(`speedscope installed but ${releaseDir}/index.html is missing`);
  }
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  return { releaseDir, version };
}
