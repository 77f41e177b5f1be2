#!/usr/bin/env node
/**
 * Decodes one pprof file with Kiln's streaming reader (shared/import/pprof/stream.ts)
 * and prints wall time, samples, distinct stacks and peak RSS:
 *
 *   node bench/pprof-decode.mjs [FILE] [--sync] [--chunk BYTES] [--json]
 *
 * FILE defaults to deep-go.pb.gz of the large corpus (../shared/corpus/generated/large,
 * or $KILN_BENCH_CORPUS). The file is read twice through node:zlib's createGunzip, as the
 * ingest worker does, so the uncompressed bytes are never held whole. --sync instead
 * gunzips the file into memory and runs the sync importPprof (the path of `importFile`),
 * for comparison. --chunk sets the gunzip output chunk size (default 64 KiB).
 *
 * The TypeScript is bundled on the fly with esbuild, like scripts/build.mjs does,
 * so no build is needed. Peak RSS is process.resourceUsage().maxRSS of this process,
 * which includes Node itself (~50 MB) and esbuild's bundle step.
 */
import { build } from 'esbuild';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createGunzip, gunzipSync } from 'node:zlib';
import { CORPUS, ROOT } from './lib/paths.mjs';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sync: { type: 'boolean', default: false },
    chunk: { type: 'string', default: String(64 * 1024) },
    json: { type: 'boolean', default: false },
  },
});
const file = positionals[0] ?? join(CORPUS, 'deep-go.pb.gz');
const chunkSize = Math.max(1024, Number(opts.chunk) || 64 * 1024);

const entry = [
  `export { importPprofStream } from './shared/import/pprof/stream';`,
  `export { importPprof } from './shared/import/pprof/pprof';`,
  `export { DEFAULT_IMPORT_LIMITS } from './shared/import/limits';`,
].join('\n');
const bundle = await build({
  stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  write: false,
  logLevel: 'warning',
});
const code = bundle.outputFiles[0].text;
const { importPprofStream, importPprof, DEFAULT_IMPORT_LIMITS } = await import(
  `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
);

const gzipped = (() => {
  const head = readFileSync(file).subarray(0, 2);
  return head[0] === 0x1f && head[1] === 0x8b;
})();
const limits = { ...DEFAULT_IMPORT_LIMITS };

const start = performance.now();
const cpuStart = process.cpuUsage();
let profile;
let uncompressedBytes = 0;
/** Sample messages in the file (pass 1 counts them; the sync path does not report it). */
let fileSamples = null;
if (opts.sync) {
  const raw = readFileSync(file);
  const bytes = new Uint8Array(gzipped ? gunzipSync(raw) : raw);
  uncompressedBytes = bytes.length;
  profile = importPprof(bytes, limits, false);
} else {
  const openPass = () => {
    const stream = createReadStream(file, { highWaterMark: chunkSize });
    return gzipped ? stream.pipe(createGunzip({ chunkSize })) : stream;
  };
  profile = await importPprofStream(openPass, {
    limits,
    onProgress: (p) => {
      if (p.pass === 1) {
        uncompressedBytes = p.bytes;
        fileSamples = p.samples;
      }
    },
  });
}
const wallMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);

const leafStacks = new Set(profile.samples.stack).size;
let total = 0;
for (const v of profile.samples.values[profile.defaultSampleType] ?? []) total += v;

const result = {
  file,
  mode: opts.sync ? 'sync (gunzipSync + importPprof)' : `stream (createGunzip, ${chunkSize}-byte chunks)`,
  uncompressedBytes,
  wallMs: Math.round(wallMs),
  // CPU time of this process (all threads, gunzip included): a steadier measure than wall time on a busy machine.
  cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  fileSamples: fileSamples ?? 'n/a',
  sampleRows: profile.samples.stack.length,
  distinctLeafStacks: leafStacks,
  stackNodes: profile.stacks.frame.length,
  frames: profile.frames.func.length,
  functions: profile.functions.name.length,
  [`total ${profile.sampleTypes[profile.defaultSampleType]?.type}`]: total,
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
};
if (opts.json) console.log(JSON.stringify(result));
else for (const [key, value] of Object.entries(result)) console.log(`${key.padEnd(20)} ${value}`);
