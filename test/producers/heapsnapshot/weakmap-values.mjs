// Writes a V8 heap snapshot where COUNT values of the class WeakValue live only
// as WeakMap entries: each is the value for one WeakKey, the keys are held by
// an array on the global object, the WeakMap by another global. A value is
// freed when its key is (or the map is), so its retainer is the key.
//
//   node weakmap-values.mjs OUT_DIR [COUNT=100] [PAYLOAD=4096]
//
// Prints the snapshot's path.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

const [outDir = '.', countArg = '100', payloadArg = '4096'] = process.argv.slice(2);
const count = Number(countArg);
const payload = Number(payloadArg);

class WeakKey {}
class WeakValue {
  constructor(index) {
    // A flat string of its own (see leaky-things.mjs).
    this.text = Buffer.from(`WeakValue #${index} `.padEnd(payload, '.'), 'latin1').toString('latin1');
  }
}

globalThis.weakKeys = [];
globalThis.weakTable = new WeakMap();
for (let i = 0; i < count; i++) {
  const key = new WeakKey();
  globalThis.weakKeys.push(key);
  globalThis.weakTable.set(key, new WeakValue(i));
}

mkdirSync(resolve(outDir), { recursive: true });
console.log(writeHeapSnapshot(join(resolve(outDir), `weakmap-values-${count}x${payload}.heapsnapshot`)));
