/**
 * Deep-stack inputs for every format Kiln reads that has stacks, each built
 * from one chain of DEPTH distinct functions (f1 outermost … fDEPTH innermost)
 * with samples on the whole chain and on two of its prefixes, so the store's
 * prefix sharing matters. `expected` is what the file says by construction:
 * each listed function's self and total, in the unit `kiln top` reports.
 */
import { encodePprof } from '../fixtures/synthetic-pprof';

export const DEPTH = 20_000;
const HALF = DEPTH / 2;

export interface Expected {
  function: string;
  self: number;
  total: number;
}

export interface DeepInput {
  name: string;
  bytes: string | Uint8Array;
  /** Functions whose names start with this prefix: `depth` (default DEPTH) of them in `kiln top`. */
  prefix: string;
  depth?: number;
  expected: Expected[];
  /** When sampling decides the scale: `expected` is in units of this function's total. */
  scaleBy?: string;
  /** Store bytes allowed per distinct function beyond 4× the file (the catalogue's constant, for short names). */
  storeBytesPerFunction?: number;
}

/** Nanoseconds in a millisecond: `kiln top` reports time in ns. */
export const MS = 1_000_000;

const range = (n: number, from = 1): number[] => Array.from({ length: n }, (_, i) => i + from);
const f = (i: number): string => `f${i}`;
/**
 * A name as long as real ones (a JVM's or Go's are 30–80 characters): the store keeps ~105 bytes per distinct
 * function, so where a file names each function once and in few bytes, short names measure that constant, not depth.
 */
const qualified = (i: number): string => `com.example.deep.Chain.call${i}`;
const QUALIFIED_PREFIX = 'com.example.deep.Chain.call';

/**
 * Weights 5 on the whole chain, 3 on f1…f(DEPTH/2) and 2 on f1 alone (times
 * `unit`): what every sampled generator below writes.
 */
function prefixExpected(unit: number, name: (i: number) => string = f): Expected[] {
  return [
    { function: name(1), self: 2 * unit, total: 10 * unit },
    { function: name(HALF), self: 3 * unit, total: 8 * unit },
    { function: name(HALF + 1), self: 0, total: 5 * unit },
    { function: name(DEPTH), self: 5 * unit, total: 5 * unit },
  ];
}
const PREFIX_SAMPLES: [depth: number, weight: number][] = [
  [DEPTH, 5],
  [HALF, 3],
  [1, 2],
];

export function pprof(): DeepInput {
  const functions = range(DEPTH).map(f);
  const bytes = encodePprof({
    sampleTypes: [['samples', 'count']],
    functions,
    locations: functions.map((_, i) => ({ lines: [i + 1] })),
    // location_id[0] is the leaf.
    samples: PREFIX_SAMPLES.map(([depth, weight]) => ({ locations: range(depth).reverse(), values: [weight] })),
  });
  return { name: 'deep.pb', bytes, prefix: 'f', expected: prefixExpected(1) };
}

/** Go's legacy goroutine text: "count @ pc…" leaf first, one "#" symbol line per pc. */
export function pprofLegacy(): DeepInput {
  const pc = (i: number): number => 0x400000 + 16 * i;
  const hex = (n: number): string => `0x${n.toString(16)}`;
  const records = PREFIX_SAMPLES.map(([depth, weight]) => {
    const pcs = range(depth).reverse();
    // Go prints each return address's call site: the pc minus one.
    const symbols = pcs.map((i) => `#\t${hex(pc(i) - 1)}\tmain.${f(i)}+0x1\t/src/deep.go:${i}`);
    return `${weight} @ ${pcs.map((i) => hex(pc(i))).join(' ')}\n${symbols.join('\n')}\n`;
  });
  const text = `goroutine profile: total 10\n${records.join('\n')}`;
  return {
    name: 'deep-goroutine.txt',
    bytes: text,
    prefix: 'main.f',
    expected: prefixExpected(1, (i) => `main.${f(i)}`),
  };
}

/** Brendan Gregg's folded stacks: root first, ";"-separated, a count last. */
export function collapsed(): DeepInput {
  const lines = PREFIX_SAMPLES.map(([depth, weight]) => `${range(depth).map(qualified).join(';')} ${weight}`);
  return {
    name: 'deep.collapsed.txt',
    bytes: `${lines.join('\n')}\n`,
    prefix: QUALIFIED_PREFIX,
    expected: prefixExpected(1, qualified),
  };
}

/** The same chain named f1…f20000: 7 bytes a frame, so the store's per-function constant is allowed for explicitly. */
export function collapsedShortNames(): DeepInput {
  const lines = PREFIX_SAMPLES.map(([depth, weight]) => `${range(depth).map(f).join(';')} ${weight}`);
  return {
    name: 'deep-short.collapsed.txt',
    bytes: `${lines.join('\n')}\n`,
    prefix: 'f',
    expected: prefixExpected(1),
    storeBytesPerFunction: 128,
  };
}

/** `perf script` output: a sample header then its callchain, leaf first; one sample per unit of weight. */
export function perfScript(): DeepInput {
  const samples: string[] = [];
  let t = 0;
  for (const [depth, weight] of PREFIX_SAMPLES) {
    const chain = range(depth)
      .reverse()
      .map((i) => `\t ${(0x1000 + i).toString(16)} ${f(i)}+0x1 (/deep/bin)\n`)
      .join('');
    for (let k = 0; k < weight; k++) {
      t += 1;
      samples.push(`deep 1 ${(100 + t / 1000).toFixed(6)}:    1000000 cpu-clock:\n${chain}`);
    }
  }
  // cpu-clock's period is 1,000,000 ns: each sample is 1 ms.
  return { name: 'deep.perf.txt', bytes: samples.join('\n'), prefix: 'f', expected: prefixExpected(MS) };
}

const SPEEDSCOPE_SCHEMA = 'https://www.speedscope.app/file-format-schema.json';
const speedscopeFrames = (name: (i: number) => string = f) => range(DEPTH).map((i) => ({ name: name(i) }));

/** Evented: f_i opens at i and closes at 2·DEPTH − i + 1, so it spans 2·(DEPTH − i) + 1 ms and keeps 2 of them (the innermost 1). */
export function speedscopeEvented(): DeepInput {
  const opens = range(DEPTH).map((i) => ({ type: 'O', frame: i - 1, at: i }));
  const closes = range(DEPTH)
    .reverse()
    .map((i) => ({ type: 'C', frame: i - 1, at: 2 * DEPTH - i + 1 }));
  const file = {
    $schema: SPEEDSCOPE_SCHEMA,
    shared: { frames: speedscopeFrames() },
    profiles: [
      {
        type: 'evented',
        name: 'deep',
        unit: 'milliseconds',
        startValue: 0,
        endValue: 2 * DEPTH + 1,
        events: [...opens, ...closes],
      },
    ],
  };
  // f_i spans [i, 2·DEPTH − i + 1): 2·(DEPTH − i) + 1 ms, of which its child takes 2·(DEPTH − i) − 1.
  const span = (i: number): number => 2 * (DEPTH - i) + 1;
  const row = (i: number): Expected => ({ function: f(i), self: (i === DEPTH ? 1 : 2) * MS, total: span(i) * MS });
  return {
    name: 'deep-evented.speedscope.json',
    bytes: JSON.stringify(file),
    prefix: 'f',
    expected: [row(1), row(HALF), row(DEPTH)],
  };
}

export function speedscopeSampled(): DeepInput {
  const file = {
    $schema: SPEEDSCOPE_SCHEMA,
    shared: { frames: speedscopeFrames(qualified) },
    profiles: [
      {
        type: 'sampled',
        name: 'deep',
        unit: 'milliseconds',
        startValue: 0,
        endValue: 10,
        samples: PREFIX_SAMPLES.map(([depth]) => range(depth, 0)),
        weights: PREFIX_SAMPLES.map(([, weight]) => weight),
      },
    ],
  };
  return {
    name: 'deep-sampled.speedscope.json',
    bytes: JSON.stringify(file),
    prefix: QUALIFIED_PREFIX,
    expected: prefixExpected(MS, qualified),
  };
}

/** Gecko's raw format: a stack table that is one chain, one 1 ms sample per unit of weight. */
export function firefox(): DeepInput {
  const stackData = range(DEPTH, 0).map((i) => [i === 0 ? null : i - 1, i]);
  const frameData = range(DEPTH, 0).map((i) => [i]);
  const sampleData: number[][] = [];
  let time = 0;
  for (const [depth, weight] of PREFIX_SAMPLES) for (let k = 0; k < weight; k++) sampleData.push([depth - 1, time++]);
  const file = {
    meta: { interval: 1, startTime: 1_700_000_000_000, version: 3, product: 'Firefox', processType: 0 },
    libs: [],
    threads: [
      {
        name: 'GeckoMain',
        processType: 'default',
        samples: { schema: { stack: 0, time: 1 }, data: sampleData },
        stackTable: { schema: { prefix: 0, frame: 1 }, data: stackData },
        frameTable: { schema: { location: 0 }, data: frameData },
        markers: { schema: { name: 0, time: 1, data: 2 }, data: [] },
        stringTable: range(DEPTH).map(f),
      },
    ],
  };
  return { name: 'deep.firefox.json', bytes: JSON.stringify(file), prefix: 'f', expected: prefixExpected(MS) };
}

/** A callgrind call chain: each f_i costs 1 itself and calls f_(i+1) once. */
export function callgrind(): DeepInput {
  const parts = ['# callgrind format\nevents: Ir\nfl=deep.c\n'];
  for (let i = 1; i <= DEPTH; i++) {
    parts.push(`fn=${f(i)}\n${i} 1\n`);
    if (i < DEPTH) parts.push(`cfn=${f(i + 1)}\ncalls=1 ${i + 1}\n${i} ${DEPTH - i}\n`);
    parts.push('\n');
  }
  const row = (i: number): Expected => ({ function: f(i), self: 1, total: DEPTH - i + 1 });
  return { name: 'deep.callgrind', bytes: parts.join(''), prefix: 'f', expected: [row(1), row(HALF), row(DEPTH)] };
}

/** V8's sampling heap profile: a head chain of DEPTH nodes under (root), each 1 KiB itself. */
export function heapprofile(): DeepInput {
  // Written as text: JSON.stringify recurses once per level and overflows the stack at this depth.
  const node = (name: string, id: number, selfSize: number) =>
    `{"callFrame":{"functionName":"${name}","scriptId":"1","url":"file:///deep.js","lineNumber":${id},"columnNumber":0},` +
    `"selfSize":${selfSize},"id":${id},"children":[`;
  const opens = [node('(root)', 1, 0), ...range(DEPTH).map((i) => node(f(i), i + 1, 1024))];
  // One sampled allocation in the innermost node; space (what `kiln top` lists) is each node's selfSize.
  const sample = `{"size":1024,"nodeId":${DEPTH + 1},"ordinal":1}`;
  const text = `{"head":${opens.join('')}${']}'.repeat(DEPTH + 1)},"samples":[${sample}]}`;
  const row = (i: number): Expected => ({ function: f(i), self: 1024, total: 1024 * (DEPTH - i + 1) });
  return { name: 'deep.heapprofile', bytes: text, prefix: 'f', expected: [row(1), row(HALF), row(DEPTH)] };
}

/**
 * A `.cpuprofile` whose nodes form one chain f1 … f`depth` under V8's (root), one `sampleUs` µs sample on each node:
 * f_i's self is one sample, its total every sample at and below it.
 */
export function chainCpuprofileText(depth: number, sampleUs: number): string {
  const frame = (functionName: string, line: number) => ({
    functionName,
    scriptId: '1',
    url: 'file:///chain.js',
    lineNumber: line,
    columnNumber: 0,
  });
  const nodes = [{ id: 1, callFrame: frame('(root)', 0), hitCount: 0, children: [2] }];
  for (let i = 1; i <= depth; i++) {
    nodes.push({ id: i + 1, callFrame: frame(`f${i}`, i), hitCount: 1, children: i < depth ? [i + 2] : [] });
  }
  const samples = Array.from({ length: depth }, (_, i) => i + 2);
  return JSON.stringify({
    nodes,
    startTime: 0,
    endTime: depth * sampleUs,
    samples,
    timeDeltas: samples.map(() => sampleUs),
  });
}
