#!/usr/bin/env node
/**
 * The in-process half of the window-diff bench (issue 12): getDiff of two selections, called on the query services
 * in this Node process with the store opened as the app's query workers open it (read-only ProfileStore,
 * createQueryServices), bundled from the TypeScript sources as merge-in-process.mjs does. Cold is the first call
 * after opening; then `runs` warm calls. Prints one JSON line:
 * { openMs, coldMs, warmMs[], coldCpuMs, warmCpuMs[], jsonMs[], answer, byName } (answer: the first call's
 * DiffResult; byName: after the timed calls, one more with every row, its deltas folded by function name, as pprof
 * -top folds them: kiln keeps one name in two files apart, e.g. runtime.mallocgc of malloc.go and of mcache.go).
 *
 *   node [--cpu-prof] bench/diff-in-process.mjs DB ARGS_JSON [--runs N]
 */
import { parseArgs } from 'node:util';
import { requireSources } from './lib/require-sources.mjs';

const { values: opts, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '9' } },
  allowPositionals: true,
});
const [dbPath, argsJson] = positionals;
if (!dbPath || !argsJson) throw new Error('usage: diff-in-process.mjs DB ARGS_JSON [--runs N]');
const runs = Math.max(1, Number(opts.runs) || 9);

const { ProfileStore, createQueryServices } = await requireSources(
  'diff-in-process',
  `export { ProfileStore } from './main/store/profile-store';
   export { createQueryServices } from './main/services/kiln-services';`,
  ['better-sqlite3', 'electron'],
);

const args = JSON.parse(argsJson);
let t = performance.now();
const store = new ProfileStore(dbPath, undefined, 'read');
const services = createQueryServices(store);
const openMs = performance.now() - t;
const callMs = [];
const cpuMs = [];
const jsonMs = [];
let first = null;
for (let i = 0; i <= runs; i++) {
  t = performance.now();
  const cpu = process.cpuUsage();
  const answer = await services.getDiff(args);
  callMs.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  cpuMs.push((used.user + used.system) / 1000);
  t = performance.now();
  JSON.stringify(answer);
  jsonMs.push(performance.now() - t);
  first ??= answer;
}
const every = await services.getDiff({ ...args, limit: Number.MAX_SAFE_INTEGER });
const byName = {};
for (const row of every.rows) {
  const entry = (byName[row.function] ??= { self: 0, total: 0 });
  entry.self += row.delta.self;
  entry.total += row.delta.total;
}
store.close();
console.log(
  JSON.stringify({
    openMs,
    coldMs: callMs[0],
    warmMs: callMs.slice(1),
    coldCpuMs: cpuMs[0],
    warmCpuMs: cpuMs.slice(1),
    jsonMs,
    answer: first,
    byName,
  }),
);
