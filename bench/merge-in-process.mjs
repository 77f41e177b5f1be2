#!/usr/bin/env node
/**
 * The in-process half of the merge bench (issue 11): getFlameTree over a
 * service window, called on the query services in this Node process with the
 * store opened as the app's query workers open it (read-only ProfileStore,
 * createQueryServices), bundled from the TypeScript sources with esbuild, as
 * scripts/build.mjs does. Cold is the first call after opening; then `runs`
 * warm calls. Prints one JSON line: { openMs, coldMs, warmMs[], coldCpuMs, warmCpuMs[], jsonMs[], total, nodes }
 * (CPU: this process's user + system time during the call, the steadier number on a busy machine).
 * `jsonMs` is JSON.stringify of each answer (the text a query worker sends).
 *
 *   node [--cpu-prof] bench/merge-in-process.mjs DB ARGS_JSON [--runs N]
 */
import { parseArgs } from 'node:util';
import { requireSources } from './lib/require-sources.mjs';

const { values: opts, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '9' } },
  allowPositionals: true,
});
const [dbPath, argsJson] = positionals;
if (!dbPath || !argsJson) throw new Error('usage: merge-in-process.mjs DB ARGS_JSON [--runs N]');
const runs = Math.max(1, Number(opts.runs) || 9);

const { ProfileStore, createQueryServices } = await requireSources(
  'merge-in-process',
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
let tree = null;
for (let i = 0; i <= runs; i++) {
  t = performance.now();
  const cpu = process.cpuUsage();
  const answer = await services.getFlameTree(args);
  callMs.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  cpuMs.push((used.user + used.system) / 1000);
  t = performance.now();
  JSON.stringify(answer);
  jsonMs.push(performance.now() - t);
  tree ??= answer;
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
    total: tree.total[0],
    nodes: tree.func.length,
  }),
);
