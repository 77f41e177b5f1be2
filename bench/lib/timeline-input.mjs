/**
 * The timeline bench's store: 10,000 captures of three services, imported with the built CLI, cached under
 * PEER_CACHE (outside the repository) in a folder named by a hash of this file, the parameters, the real inputs and
 * the store's migrations, so a rerun reuses it and a changed input or schema makes a new one.
 *
 * Every capture is a real profile re-encoded with its own time: the CPU and heap captures are the corpus's go-service
 * captures (a Go service with net/http/pprof, ../shared/corpus/generated/go-service: cpu_1..6, heap_1..6), each
 * reused with a distinct time_nanos (and, for CPU, a 10 s duration_nanos); the GC logs are the corpus's real gctrace,
 * made distinct by one line and placed by their file's mtime (Kiln estimates a gctrace's start from it). The corpus
 * is fixed, so the cache key does not move when the merge bench's producer changes.
 * Spacing: a CPU capture every 15 s, a heap profile every 45 s, a GC log every 270 s, per service, over ~10 hours;
 * each service's captures are imported in four batches with `--label version=v1..v4`, so each has three version
 * markers.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { makeOnce } from './make-once.mjs';
import { KILN_BIN, PEER_CACHE, ROOT } from './paths.mjs';

const GO_SERVICE = join(ROOT, '..', 'shared', 'corpus', 'generated', 'go-service');

export const TIMELINE_INPUT = {
  services: ['checkout', 'billing', 'search'],
  /** Per service; 3 × (2,400 + 800 + 133) + 1 = 10,000 (the last service gets one more GC log). */
  cpu: 2400,
  heap: 800,
  gc: 133,
  cpuEveryMs: 15_000,
  cpuDurationMs: 10_000,
  heapEveryMs: 45_000,
  gcEveryMs: 270_000,
  versions: 4,
  /** 2026-11-20T00:00:00Z; services start a few seconds apart. */
  startMs: Date.UTC(2026, 10, 20),
};

/** The same store with `scale` × the captures per service (a quick run of the harness; 1 is the 10,000). */
export function scaledTimelineInput(scale, params = TIMELINE_INPUT) {
  const of = (n) => Math.max(1, Math.round(n * scale));
  return { ...params, cpu: of(params.cpu), heap: of(params.heap), gc: of(params.gc) };
}

export function timelineCaptureCount(params = TIMELINE_INPUT) {
  return params.services.length * (params.cpu + params.heap + params.gc) + 1;
}

/**
 * @returns {Promise<{ db: string, captures: number, lanes: number, builtS: number, cached: boolean, key: string } | { error: string }>}
 */
export async function ensureTimelineStore(log, params = TIMELINE_INPUT) {
  const cpus = [1, 2, 3, 4, 5, 6].map((n) => join(GO_SERVICE, `cpu_${n}.pb.gz`));
  const heaps = [1, 2, 3, 4, 5, 6].map((n) => join(GO_SERVICE, `heap_${n}.pb.gz`));
  const gctrace = join(GO_SERVICE, 'gctrace.stderr.txt');
  const missing = [...cpus, ...heaps, gctrace].filter((f) => !existsSync(f));
  if (missing.length) return { error: `missing corpus files: ${missing.join(', ')}` };

  const hash = createHash('sha256');
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  hash.update(JSON.stringify(params));
  for (const file of [...cpus, ...heaps, gctrace]) hash.update(readFileSync(file));
  hash.update(readFileSync(join(ROOT, 'main', 'store', 'migrations.ts')));
  const key = hash.digest('hex').slice(0, 12);
  const dir = join(PEER_CACHE, 'generated', `timeline-${timelineCaptureCount(params)}-${key}`);
  const doneFile = join(dir, 'built.json');
  const made = await makeOnce(dir, doneFile, 'making the timeline store', async (partial) => {
    const started = Date.now();
    log(`making the timeline store: ${timelineCaptureCount(params)} captures (a few minutes, once)`);
    const batches = writeCaptures(partial, params, cpus, heaps, gctrace);
    const db = join(partial, 'kiln.db');
    let imported = 0;
    for (const batch of batches) {
      const args = [
        KILN_BIN,
        'import',
        '--db',
        db,
        '--service',
        batch.service,
        '--label',
        `version=${batch.version}`,
      ].concat('--json', batch.files);
      // KILN_BENCH_LOCK=/tmp/kiln-build.lock: each batch holds a shared flock on it, so a build in the same checkout
      // waits for the batch instead of replacing the CLI under it.
      const lock = process.env.KILN_BENCH_LOCK;
      const out = execFileSync(
        lock ? 'flock' : process.execPath,
        lock ? ['-s', lock, process.execPath, ...args] : args,
        { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
      );
      imported += countImported(out);
      rmSync(batch.dir, { recursive: true, force: true });
      log(`  ${batch.service} ${batch.version}: ${batch.files.length} files, ${imported} imported so far`);
    }
    if (imported !== timelineCaptureCount(params))
      throw new Error(`imported ${imported} captures, expected ${timelineCaptureCount(params)}`);
    const builtS = (Date.now() - started) / 1000;
    writeFileSync(doneFile.replace(dir, partial), `${JSON.stringify({ builtS, imported, params }, null, 2)}\n`);
  });
  if ('error' in made) return made;
  const { cached } = made;
  const meta = JSON.parse(readFileSync(doneFile, 'utf8'));
  return {
    db: join(dir, 'kiln.db'),
    captures: meta.imported,
    // A lane per service and kind.
    lanes: params.services.length * 3,
    builtS: meta.builtS,
    cached,
    key,
  };
}

/** `kiln import --json` prints `{imported: [{id, …}], errors: [...]}`; any error fails the store. */
function countImported(out) {
  const { imported, errors } = JSON.parse(out);
  if (errors.length) throw new Error(`kiln import: ${JSON.stringify(errors[0]).slice(0, 300)}`);
  return imported.length;
}

/** Writes every capture file, grouped in import batches (service × version), each batch in its own folder. */
function writeCaptures(root, params, cpuFiles, heapFiles, gctrace) {
  const cpuProfiles = cpuFiles.map((f) => Profile.decode(gunzipSync(readFileSync(f))));
  const heapProfiles = heapFiles.map((f) => Profile.decode(gunzipSync(readFileSync(f))));
  const gcText = readFileSync(gctrace, 'utf8');
  const spanMs = params.cpu * params.cpuEveryMs;
  const versionOf = (offsetMs) =>
    `v${Math.min(params.versions, 1 + Math.floor((offsetMs / spanMs) * params.versions))}`;
  const batches = new Map();
  const batchOf = (service, version) => {
    const name = `${service}-${version}`;
    if (!batches.has(name)) {
      const dir = join(root, name);
      mkdirSync(dir, { recursive: true });
      batches.set(name, { service, version, dir, files: [] });
    }
    return batches.get(name);
  };
  let serial = 0;
  params.services.forEach((service, s) => {
    const base = params.startMs + s * 3_000;
    for (let i = 0; i < params.cpu; i++) {
      const offset = i * params.cpuEveryMs;
      const profile = cpuProfiles[(i + s) % cpuProfiles.length];
      profile.timeNanos = BigInt(base + offset) * 1_000_000n;
      profile.durationNanos = BigInt(params.cpuDurationMs) * 1_000_000n;
      const batch = batchOf(service, versionOf(offset));
      const file = join(batch.dir, `cpu-${String(serial++).padStart(5, '0')}.pb.gz`);
      writeFileSync(file, gzipSync(profile.encode(), { level: 1 }));
      batch.files.push(file);
    }
    for (let i = 0; i < params.heap; i++) {
      const offset = i * params.heapEveryMs + 7_000;
      const profile = heapProfiles[i % heapProfiles.length];
      profile.timeNanos = BigInt(base + offset) * 1_000_000n;
      const batch = batchOf(service, versionOf(offset));
      const file = join(batch.dir, `heap-${String(serial++).padStart(5, '0')}.pb.gz`);
      writeFileSync(file, gzipSync(profile.encode(), { level: 1 }));
      batch.files.push(file);
    }
    const gcCount = params.gc + (s === params.services.length - 1 ? 1 : 0);
    for (let i = 0; i < gcCount; i++) {
      const offset = i * params.gcEveryMs + 11_000;
      const batch = batchOf(service, versionOf(offset));
      const file = join(batch.dir, `gc-${String(serial++).padStart(5, '0')}.log`);
      // The first line names the service and the log's number, so no two logs have the same content.
      writeFileSync(file, gcText.replace(/^.*$/m, `${service} gc log ${i} listening on 127.0.0.1:6061`));
      // The log's last event is ~40 s after its start: its mtime is when it was written.
      const mtime = (base + offset + 40_000) / 1000;
      utimesSync(file, mtime, mtime);
      batch.files.push(file);
    }
  });
  return [...batches.values()];
}
