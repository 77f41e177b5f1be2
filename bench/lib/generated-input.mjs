/**
 * The bench's own large input: a 200 MB+ (uncompressed) Go heap profile made
 * by the real Go runtime (bench/producers/go-wide-heap), cached under
 * PEER_CACHE so later runs reuse it. Regenerated when the parameters or the Go
 * version change (both are in the file name).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { PEER_CACHE, ROOT } from './paths.mjs';

/** 5M allocations from random depth-24 stacks: ~240 MB uncompressed, ~72 MB gzipped, ~90 s and ~3.5 GB to make. */
export const WIDE_HEAP = { allocs: 5_000_000, depth: 24, seed: 1 };
/** 20M allocations: ~960 MB uncompressed, ~290 MB gzipped; ~16 min and ~14 GB to make (the runtime's bucket table is fixed-size). */
export const HUGE_HEAP = { allocs: 20_000_000, depth: 24, seed: 2 };

/** @returns {{ name: string, pprof: true, generated: true, path: string } | { error: string }} */
export function ensureGeneratedPprof(log, params = WIDE_HEAP) {
  let goVersion;
  try {
    goVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  } catch (error) {
    return { error: `go is not installed (${error.message.split('\n')[0]})` };
  }
  const dir = join(PEER_CACHE, 'generated');
  mkdirSync(dir, { recursive: true });
  const name = `go-wide-heap-${params.allocs}-${params.depth}-${params.seed}-${goVersion}.pb.gz`;
  const path = join(dir, name);
  if (!existsSync(path)) {
    const source = join(ROOT, 'bench', 'producers', 'go-wide-heap');
    const binary = join(dir, 'go-wide-heap');
    log(`generating ${name} with the Go runtime (takes about 90 s)`);
    try {
      execFileSync('go', ['build', '-o', binary, '.'], {
        cwd: source,
        stdio: 'inherit',
        env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off' },
      });
      const partial = `${path}.partial`;
      execFileSync(
        binary,
        [
          '-allocs',
          String(params.allocs),
          '-depth',
          String(params.depth),
          '-seed',
          String(params.seed),
          '-out',
          partial,
        ],
        { stdio: 'inherit' },
      );
      renameSync(partial, path);
    } catch (error) {
      return { error: `generating the Go heap profile failed: ${error.message.split('\n')[0]}` };
    }
  }
  // The name is the file's own: the first-paint check looks for it in the catalogue.
  return { name, pprof: true, generated: true, path };
}
