/**
 * Import + index: `kiln import FILE --db <fresh temp db> --json` against
 * `go tool pprof -top FILE` (output discarded), each a fresh process, wall time
 * and peak RSS. pprof cannot read a .cpuprofile, so that file has no peer.
 */
import { statSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { tempDir } from './cleanup.mjs';
import { measureProcess } from './measure-process.mjs';
import { KILN_BIN, ROOT } from './paths.mjs';
import { median } from './stats.mjs';

export function fileSizes(file) {
  const compressed = statSync(file.path).size;
  const uncompressed = gunzipSync(readFileSync(file.path)).length;
  return { compressed, uncompressed };
}

async function kilnImportOnce(file, timeoutMs) {
  const scratch = tempDir('kiln-bench-db-');
  try {
    const run = await measureProcess(
      process.execPath,
      [KILN_BIN, 'import', file.path, '--db', join(scratch.dir, 'kiln.db'), '--json'],
      { timeoutMs, cwd: ROOT, maxRssKb: PEER_RSS_CAP_KB },
    );
    let ok = run.code === 0 && !run.timedOut;
    if (ok) {
      try {
        const result = JSON.parse(run.stdout);
        ok = result.imported?.length === 1 && (result.errors?.length ?? 0) === 0;
      } catch {
        ok = false;
      }
    }
    return {
      ...run,
      ok,
      dbBytes: ok ? statSync(join(scratch.dir, 'kiln.db')).size : null,
      // `kiln import --json` reports a refused file in its JSON, not on stderr.
      reason: ok ? null : jsonError(run.stdout),
    };
  } finally {
    await scratch.remove();
  }
}

function jsonError(stdout) {
  try {
    return JSON.parse(stdout).errors?.[0]?.message ?? null;
  } catch {
    return null;
  }
}

/** Either tool is stopped past this RSS (the machine has 24 GiB): go tool pprof passes 18 GiB on the generated profile. */
export const PEER_RSS_CAP_KB = 12 * 1024 * 1024;

async function pprofOnce(file, timeoutMs) {
  const run = await measureProcess('go', ['tool', 'pprof', '-top', file.path], {
    timeoutMs,
    cwd: ROOT,
    maxRssKb: PEER_RSS_CAP_KB,
  });
  return { ...run, ok: run.code === 0 && !run.timedOut && /flat%/.test(run.stdout) };
}

/** Runs each tool `runs` times; reports the median wall time and the largest peak RSS. */
export async function benchImport(file, { runs, timeoutMs, log }) {
  const summarize = (samples) => {
    const good = samples.filter((s) => s.ok);
    if (good.length === 0) {
      const last = samples.at(-1);
      const why = last.rssCapped
        ? `stopped at ${Math.round(PEER_RSS_CAP_KB / 1024 / 1024)} GiB RSS after ${(last.wallMs / 1000).toFixed(0)} s`
        : last.timedOut
          ? 'timed out'
          : `failed (exit ${last.code ?? last.signal}): ${last.reason ?? last.stderr.trim().split('\n').at(-1) ?? ''}`;
      return { ok: false, why };
    }
    return {
      ok: true,
      wallMs: median(good.map((s) => s.wallMs)),
      wallAllMs: good.map((s) => s.wallMs),
      peakRssKb: Math.max(...good.map((s) => s.peakRssKb ?? 0)) || null,
      dbBytes: good[0].dbBytes ?? null,
    };
  };
  const kiln = [];
  const pprof = [];
  for (let i = 0; i < runs; i++) {
    log(`import ${file.name}: kiln import (run ${i + 1}/${runs})`);
    kiln.push(await kilnImportOnce(file, timeoutMs));
    log(`  ${fmtRun(kiln.at(-1))}`);
    if (file.pprof) {
      log(`import ${file.name}: go tool pprof -top (run ${i + 1}/${runs})`);
      pprof.push(await pprofOnce(file, timeoutMs));
      log(`  ${fmtRun(pprof.at(-1))}`);
    }
  }
  return { kiln: summarize(kiln), pprof: file.pprof ? summarize(pprof) : null };
}

function fmtRun(run) {
  if (!run.ok) {
    if (run.rssCapped) return `stopped: RSS over ${Math.round(PEER_RSS_CAP_KB / 1024 / 1024)} GiB`;
    return run.timedOut ? 'timed out' : `failed: exit ${run.code ?? run.signal}`;
  }
  return `${(run.wallMs / 1000).toFixed(2)} s, peak RSS ${run.peakRssKb ? Math.round(run.peakRssKb / 1024) + ' MiB' : '?'}`;
}
