// The Node producer of test/timeline-producers/node.test.ts: 400 ms of allocation churn, so --trace-gc logs
// scavenges (and --cpu-prof samples the churn); it keeps a few arrays alive so some survive a collection.
const keep = [];
const start = Date.now();
let round = 0;
while (Date.now() - start < 400) {
  const batch = [];
  for (let i = 0; i < 10000; i++) batch.push({ i, text: `item ${i}` });
  if (round++ % 10 === 0) keep.push(batch);
  if (keep.length > 20) keep.shift();
}
