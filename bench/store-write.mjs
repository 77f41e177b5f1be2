#!/usr/bin/env node
/**
 * Times `ProfileStore.addFile` for one parsed profile: into a fresh database,
 * and into one that already holds the same profile under another content hash
 * (every function, frame and stack already interned).
 *
 *   node bench/store-write.mjs [FILE] [--runs N]
 *
 * FILE defaults to deep-go.pb.gz of the large corpus. The store and the parser
 * are bundled from the TypeScript sources with esbuild, as scripts/build.mjs
 * does, so the numbers are those of the code in the tree, not of dist/.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS } from './lib/paths.mjs';
import { requireSources } from './lib/require-sources.mjs';

const { values: opts, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '3' } },
  allowPositionals: true,
});
const runs = Math.max(1, Number(opts.runs) || 3);
const input = positionals[0] ?? join(CORPUS, 'deep-go.pb.gz');

const { ProfileStore, parseProfileBytes } = await requireSources(
  'store-write',
  `export { ProfileStore } from './main/store/profile-store';
   export { parseProfileBytes } from './main/ingest/parse-bytes';`,
  ['better-sqlite3'],
);

const bytes = readFileSync(input);
let t = performance.now();
const profile = parseProfileBytes(bytes, basename(input));
const parseMs = performance.now() - t;
const samples = profile.samples.stack.length;
const distinctLeaves = new Set(profile.samples.stack).size;
console.log(
  `${basename(input)}: parsed in ${(parseMs / 1000).toFixed(2)} s; ${samples} samples, ` +
    `${distinctLeaves} distinct leaf stacks, ${profile.frames.func.length} frames, ${profile.functions.name.length} functions`,
);

const origin = (hash) => ({
  name: basename(input),
  source: input,
  contentHash: hash,
  byteSize: bytes.length,
  format: profile.format,
});
const item = [{ type: 'profile', name: null, profile }];

/** Wall and CPU (user + system) milliseconds of one addFile: CPU time is the steadier number on a busy machine. */
function timeAdd(store, hash) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  store.addFile(origin(hash), item);
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const fresh = [];
const warm = [];
let dbBytes = 0;
for (let run = 0; run < runs; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-store-bench-'));
  try {
    const store = new ProfileStore(join(dir, 'kiln.db'));
    fresh.push(timeAdd(store, 'first'));
    warm.push(timeAdd(store, 'second'));
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    dbBytes = statSync(join(dir, 'kiln.db')).size;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms) => (ms / 1000).toFixed(2);
const show = (times) => {
  const wall = times.map((t) => t.wall);
  const cpu = times.map((t) => t.cpu);
  return (
    `wall median ${seconds(median(wall))} s (best ${seconds(Math.min(...wall))}), ` +
    `CPU median ${seconds(median(cpu))} s (best ${seconds(Math.min(...cpu))}) ` +
    `(wall: ${wall.map(seconds).join(', ')}; CPU: ${cpu.map(seconds).join(', ')})`
  );
};
console.log(`addFile, fresh database:          ${show(fresh)}`);
console.log(`addFile, stacks already interned: ${show(warm)}`);
console.log(`database after both: ${(dbBytes / 1e6).toFixed(1)} MB`);
