// Writes a V8 heap snapshot of a known heap, for checks an importer must pass on
// snapshots it has never seen: exactly COUNT instances of the class LeakyThing,
// each holding its own flat one-byte string of PAYLOAD characters, all kept
// alive by one array on the global object (globalThis.leakyThings).
//
//   node leaky-things.mjs OUT_DIR [COUNT=1000] [PAYLOAD=1024]
//
// Prints the snapshot's path. Kiln's tests run it with the node that runs them.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

const [outDir = '.', countArg = '1000', payloadArg = '1024'] = process.argv.slice(2);
const count = Number(countArg);
const payload = Number(payloadArg);

class LeakyThing {
  constructor(index, text) {
    this.index = index;
    this.text = text;
  }
}

// Unique per instance, and flat: a string made by concatenation or padEnd can be
// a cons string sharing its parts; a round trip through a Buffer gives a
// sequential string that belongs to this instance alone.
function flatString(index) {
  const text = `LeakyThing #${index} `.padEnd(payload, '.');
  return Buffer.from(text, 'latin1').toString('latin1');
}

globalThis.leakyThings = [];
for (let i = 0; i < count; i++) globalThis.leakyThings.push(new LeakyThing(i, flatString(i)));

mkdirSync(resolve(outDir), { recursive: true });
const file = writeHeapSnapshot(join(resolve(outDir), `leaky-things-${count}x${payload}.heapsnapshot`));
console.log(file);
