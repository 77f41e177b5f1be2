#!/usr/bin/env node
/**
 * The in-process half of the merge bench (issue 11): getFlameTree over a service window, timed by
 * lib/in-process-calls.mjs; prints { …timings, total, nodes } (the tree's total and node count, not the tree).
 *
 *   node [--cpu-prof] bench/merge-in-process.mjs DB ARGS_JSON [--runs N]
 */
import { inProcessMain } from './lib/in-process-calls.mjs';

await inProcessMain('merge-in-process', 'getFlameTree', (tree) => ({ total: tree.total[0], nodes: tree.func.length }));
