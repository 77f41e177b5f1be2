// Producer of real Node 20 --trace-gc output for Kiln's GC-log tests (test/fixtures/gc/node20-*.txt).
// Allocates garbage while keeping a sliding window of objects live, prints a few lines of its own to
// stdout (V8 writes --trace-gc lines to stdout too, so they interleave), and calls gc() (exposed by
// --expose-gc) once, which V8 traces as a Mark-Compact. Run by make-node-logs.sh:
//   node --trace-gc --expose-gc node-churn.js 30000 >OUT
//   node --trace-gc --expose-gc --minor-mc node-churn.js 30000 >OUT   (young-generation mark-compact)
'use strict';
const rounds = Number(process.argv[2] ?? 30000);
const live = [];
let total = 0;
console.log(`node-churn starting: ${rounds} rounds`);
for (let round = 1; round <= rounds; round++) {
  for (let i = 0; i < 200; i++) {
    const garbage = { id: i, text: 'x'.repeat(16 + (i % 32)), list: new Array(8).fill(round) };
    total += garbage.list.length;
  }
  live.push(new Array(512).fill(round));
  if (live.length > 20000) live.shift();
  if (round % 1000 === 0) console.log(`round ${round}: ${total} items`);
  if (round === Math.floor(rounds / 2) && typeof globalThis.gc === 'function') globalThis.gc();
}
console.log(`done: ${total} items, live ${live.length}`);
