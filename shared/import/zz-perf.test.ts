import { test } from 'vitest';
import { deepPprof, encodePprof } from '../../test/fixtures/synthetic-pprof';
import { checkProfileWire } from './protobuf-wire';
import { importPprof } from './pprof';
import { resolveImportLimits } from './limits';
import { Profile } from 'pprof-format';
test('perf', () => {
  const b = deepPprof(20000);
  const limits = resolveImportLimits();
  for (let r = 0; r < 3; r++) {
    let t = performance.now();
    checkProfileWire(b, limits);
    console.log('wire', performance.now() - t); t = performance.now();
    Profile.decode(b);
    console.log('decode', performance.now() - t); t = performance.now();
    importPprof(b, limits);
    console.log('import', performance.now() - t);
  }
  // many samples
  const n = 200000;
  const fns = Array.from({ length: 200 }, (_, i) => `fn${i}`);
  const big = encodePprof({
    sampleTypes: [['samples', 'count'], ['cpu', 'nanoseconds']],
    functions: fns,
    locations: fns.map((_, i) => ({ lines: [i + 1] })),
    samples: Array.from({ length: n }, (_, i) => ({ locations: Array.from({ length: 30 }, (_, k) => ((i * 7 + k * 13) % 200) + 1), values: [1, 10000000] })),
  });
  let t = performance.now();
  Profile.decode(big);
  console.log('decode 200k', performance.now() - t, big.length); t = performance.now();
  importPprof(big, limits);
  console.log('import 200k', performance.now() - t);
});
