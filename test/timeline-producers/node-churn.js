// The Node producer of test/timeline-producers/node.test.ts, run with --expose-gc. Its collections must not depend
// on how fast the machine is: it does FORCED_GCS rounds of 80 ms of allocation churn (which --cpu-prof samples, and
// which may add scavenges), each ended by a forced full collection, gc(). V8 logs each gc() as one --trace-gc line
// ending "testing; GC in old space requested", so the log holds at least FORCED_GCS lines however loaded the
// machine is. It keeps a few arrays alive so some survive a collection.
const FORCED_GCS = Number(process.argv[2] ?? '5');
const keep = [];
for (let forced = 0; forced < FORCED_GCS; forced++) {
  const start = Date.now();
  let round = 0;
  while (Date.now() - start < 80) {
    const batch = [];
    for (let i = 0; i < 10000; i++) batch.push({ i, text: `item ${i}` });
    if (round++ % 10 === 0) keep.push(batch);
    if (keep.length > 20) keep.shift();
  }
  globalThis.gc();
}
