/**
 * The merge bench's input: 1,000 CPU profiles of one Go service written by the
 * real runtime (bench/producers/go-cpu-window), cached under PEER_CACHE in a
 * folder named by a hash of the producer's sources, its parameters and the Go
 * version, so a rerun reuses them and a changed producer makes a new set.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeOnce } from './make-once.mjs';
import { PEER_CACHE, ROOT } from './paths.mjs';

/**
 * 1,000 captures, written by 4 processes of 250 (runtime/pprof idles ~200 ms after each capture). Each lasts at
 * least 1 s and long enough to hold 200 samples (~200–270 over ~160–200 distinct stacks, as a real service's
 * profile holds); the kernel fires per-thread CPU timers on its 250 Hz tick, so that is ~1 s of CPU per capture
 * and the whole set takes ~7 minutes on 2 idle cores, longer when other jobs share them.
 */
export const CPU_WINDOW = { captures: 1000, ms: 1000, minSamples: 200, hz: 1000, processes: 4 };

const SOURCE = join(ROOT, 'bench', 'producers', 'go-cpu-window');

/**
 * @returns {Promise<{ dir: string, files: string[], generatedS: number, generatedAt: string, cached: boolean, key: string } | { error: string }>}
 */
export async function ensureCpuWindowProfiles(log, params = CPU_WINDOW) {
  let goVersion;
  try {
    goVersion = execFileSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  } catch (error) {
    return { error: `go is not installed (${error.message.split('\n')[0]})` };
  }
  const hash = createHash('sha256');
  for (const name of ['go.mod', 'main.go']) hash.update(readFileSync(join(SOURCE, name)));
  hash.update(JSON.stringify(params));
  const key = `${hash.digest('hex').slice(0, 12)}-${goVersion}`;
  const dir = join(PEER_CACHE, 'generated', `go-cpu-window-${key}`);
  const doneFile = join(dir, 'generated.json');
  const made = await makeOnce(dir, doneFile, 'generating the Go CPU profiles', async (partial) => {
    log(`generating ${params.captures} Go CPU profiles with the Go runtime (7 minutes or more, once)`);
    const started = Date.now();
    const binary = join(partial, 'go-cpu-window');
    execFileSync('go', ['build', '-o', binary, '.'], {
      cwd: SOURCE,
      stdio: 'inherit',
      env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off' },
    });
    const per = Math.ceil(params.captures / params.processes);
    const runs = [];
    for (let p = 0; p < params.processes; p++) {
      const first = p * per;
      const n = Math.min(per, params.captures - first);
      if (n > 0)
        runs.push(
          runProducer(binary, [
            ...['-n', n, '-first', first],
            ...['-ms', params.ms, '-min-samples', params.minSamples, '-hz', params.hz],
            '-out',
            partial,
          ]),
        );
    }
    await Promise.all(runs);
    rmSync(binary);
    const generatedS = (Date.now() - started) / 1000;
    writeFileSync(
      join(partial, 'generated.json'),
      `${JSON.stringify({ generatedS, params, goVersion, at: new Date().toISOString() })}\n`,
    );
  });
  if ('error' in made) return made;
  const { cached } = made;
  const meta = JSON.parse(readFileSync(doneFile, 'utf8'));
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.pb.gz'))
    .sort()
    .map((name) => join(dir, name));
  if (files.length !== params.captures)
    return { error: `${dir} holds ${files.length} profiles, not ${params.captures}` };
  return { dir, files, generatedS: meta.generatedS, generatedAt: meta.at, cached, key };
}

function runProducer(binary, args) {
  return new Promise((resolve, reject) => {
    // stderr is only the runtime's "cannot set cpu profile rate" line per capture (the producer sets the rate first).
    const child = spawn(binary, args.map(String), { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr = (stderr + c).slice(-4000)));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`go-cpu-window exited with ${code}: ${stderr.trim().split('\n').at(-1)}`)),
    );
  });
}
