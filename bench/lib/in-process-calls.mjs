/**
 * The in-process half of the window benches (merge-in-process.mjs, diff-in-process.mjs): one contract method called
 * on the query services in a Node process of its own, the store opened as the app's query workers open it
 * (read-only ProfileStore, createQueryServices), bundled from the TypeScript sources. Cold is the first call after
 * opening; then `runs` warm calls. CPU is this process's user + system time during a call (the steadier number on
 * a busy machine); `jsonMs` is JSON.stringify of each answer (the text a query worker sends).
 *
 * Both sides: `inProcessMain` is the script's body (it prints one JSON line), `runInProcess` the runner's call of it.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureProcess } from './measure-process.mjs';
import { ROOT } from './paths.mjs';
import { requireSources } from './require-sources.mjs';

/**
 * Times `method` on this process's query services with the arguments of the command line (DB ARGS_JSON [--runs N])
 * and prints { openMs, coldMs, warmMs[], coldCpuMs, warmCpuMs[], jsonMs[], ...summary(first answer, services) }.
 */
export async function inProcessMain(name, method, summary) {
  const { values: opts, positionals } = parseArgs({
    options: { runs: { type: 'string', default: '9' } },
    allowPositionals: true,
  });
  const [dbPath, argsJson] = positionals;
  if (!dbPath || !argsJson) throw new Error(`usage: ${name}.mjs DB ARGS_JSON [--runs N]`);
  const runs = Math.max(1, Number(opts.runs) || 9);
  const { ProfileStore, createQueryServices } = await requireSources(
    name,
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
    const answer = await services[method](args);
    callMs.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuMs.push((used.user + used.system) / 1000);
    t = performance.now();
    JSON.stringify(answer);
    jsonMs.push(performance.now() - t);
    first ??= answer;
  }
  const extra = await summary(first, services, args);
  store.close();
  console.log(
    JSON.stringify({
      openMs,
      coldMs: callMs[0],
      warmMs: callMs.slice(1),
      coldCpuMs: cpuMs[0],
      warmCpuMs: cpuMs.slice(1),
      jsonMs,
      ...extra,
    }),
  );
}

/** Runs bench/SCRIPT.mjs on the store: its JSON line, or { failed } with the last line it wrote on stderr. */
export async function runInProcess(script, dbPath, args, runs) {
  const run = await measureProcess(
    process.execPath,
    [join(ROOT, 'bench', `${script}.mjs`), dbPath, JSON.stringify(args), '--runs', String(runs)],
    { timeoutMs: 600_000, cwd: ROOT },
  );
  let parsed = null;
  try {
    parsed = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '');
  } catch {
    parsed = null;
  }
  if (run.code !== 0 || parsed === null) {
    return { failed: `${script} failed: ${run.stderr.trim().split('\n').at(-1) ?? ''}` };
  }
  return { result: parsed };
}
