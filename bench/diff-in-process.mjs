#!/usr/bin/env node
/**
 * The in-process half of the window-diff bench (issue 12): getDiff of two selections, timed by
 * lib/in-process-calls.mjs; prints { …timings, answer, byName } (answer: the first call's DiffResult; byName: after
 * the timed calls, one more with every row, its deltas folded by function name, as pprof -top folds them: kiln keeps
 * one name in two files apart, e.g. runtime.mallocgc of malloc.go and of mcache.go).
 *
 *   node [--cpu-prof] bench/diff-in-process.mjs DB ARGS_JSON [--runs N]
 */
import { inProcessMain } from './lib/in-process-calls.mjs';

await inProcessMain('diff-in-process', 'getDiff', async (answer, services, args) => {
  const every = await services.getDiff({ ...args, limit: Number.MAX_SAFE_INTEGER });
  const byName = {};
  for (const row of every.rows) {
    const entry = (byName[row.function] ??= { self: 0, total: 0 });
    entry.self += row.delta.self;
    entry.total += row.delta.total;
  }
  return { answer, byName };
});
