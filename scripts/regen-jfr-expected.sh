#!/usr/bin/env bash
# Regenerates test/fixtures/jfr/expected.json: for every JFR fixture, what the
# JDK's own `jfr` tool reads from it. The JFR importer tests compare Kiln's
# items against this file, so it is the independent oracle.
#
# Per fixture:
# - counts: event counts from `jfr summary`;
# - executionSamples / nativeSamples / allocationSamples: from
#   `jfr print --json --stack-depth 4096 --events <type>`: the count, the
#   number with truncated stacks, the leaf-frame histogram, the first samples
#   in time order, and a SHA-256 over the sorted per-sample keys (thread,
#   state, weight, truncated flag, whole stack with lines and inlining), which
#   the tests recompute from Kiln's profiles;
# - gc / heap: every jdk.GarbageCollection and jdk.GCHeapSummary event from
#   `jfr print --json`.
# Each entry records its exact command. Times are ns since the epoch, as strings.
#
# Needs a JDK's `jfr` (tested with OpenJDK 17.0.15; set JFR=/path/to/jfr to
# choose another) and Node. Usage: scripts/regen-jfr-expected.sh
set -euo pipefail
cd "$(dirname "$0")/.."

FIXTURES=test/fixtures/jfr
OUT=$FIXTURES/expected.json
JFR=${JFR:-$(command -v jfr || ls /usr/lib/jvm/*/bin/jfr 2>/dev/null | head -n 1)}
JAVA=$(dirname "$(readlink -f "$JFR")")/java
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# JDK 17's `jfr print` fails on two unrelated recordings concatenated ("Unknown
# string encoding 8"; it carries state from one chunk to the next), so the
# multi-chunk fixture is a real one (test/producers/jfr/record.sh).
FILES=(java-churn.jfr speedscope__java-flight-recorder__heavy.jfr kiln-producer.jfr kiln-producer-3chunks.jfr)

printf 'name\tpath\n' >"$WORK/index.tsv"
for name in "${FILES[@]}"; do
  path=$FIXTURES/$name
  printf '%s\t%s\n' "$name" "$path" >>"$WORK/index.tsv"
  "$JFR" summary "$path" >"$WORK/$name.summary.txt"
  for type in ExecutionSample NativeMethodSample ObjectAllocationSample; do
    "$JFR" print --json --stack-depth 4096 --events "jdk.$type" "$path" >"$WORK/$name.jdk.$type.json"
  done
  for type in GarbageCollection GCHeapSummary; do
    "$JFR" print --json --events "jdk.$type" "$path" >"$WORK/$name.jdk.$type.json"
  done
done

JDK_VERSION=$("$JAVA" -version 2>&1 | head -n 2 | tail -n 1) JFR_PATH="$JFR" OUT="$OUT" WORK="$WORK" \
  node --input-type=module - <<'EOF'
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const work = process.env.WORK;
const rows = readFileSync(`${work}/index.tsv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const COUNTED = [
  'jdk.ExecutionSample',
  'jdk.NativeMethodSample',
  'jdk.ObjectAllocationSample',
  'jdk.ObjectAllocationInNewTLAB',
  'jdk.ObjectAllocationOutsideTLAB',
  'jdk.GarbageCollection',
  'jdk.GCHeapSummary',
  'jdk.G1GarbageCollection',
  'jdk.ActiveSetting',
];

// "2026-11-24T05:01:43.409969479Z", "2024-09-17T19:51:06.234564665+01:00" (jfr prints
// the recording's time zone) → ns since the epoch (BigInt).
function epochNs(iso) {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(iso);
  if (!m) throw new Error(`unexpected timestamp ${iso}`);
  return BigInt(Date.parse(`${m[1]}${m[3]}`)) * 1000000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}
// "PT0.00507359S", "PT1M2.5S" → ns (Number; durations are far below 2^53 ns).
function durationNs(iso) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d{1,9}))?S)?$/.exec(iso);
  if (!m) throw new Error(`unexpected duration ${iso}`);
  const s = BigInt(m[1] ?? 0) * 3600n + BigInt(m[2] ?? 0) * 60n + BigInt(m[3] ?? 0);
  return Number(s * 1000000000n + BigInt((m[4] ?? '').padEnd(9, '0')));
}
// Kiln's naming (shared/import/jfr/stacks.ts): "pkg.Class.method", class names with dots.
const dotted = (name) => name.replaceAll('/', '.');
const frameKey = (f) =>
  `${dotted(f.method.type.name)}.${f.method.name}:${Math.max(0, f.lineNumber)}${f.type === 'Inlined' ? ':inlined' : ''}`;
const threadName = (t) => (t ? t.javaName || t.osName || '' : '');
const digest = (keys) => createHash('sha256').update(keys.sort().join('\n')).digest('hex');

function events(name, type) {
  return JSON.parse(readFileSync(`${work}/${name}.${type}.json`, 'utf8')).recording.events;
}

function samples(name, type, commandPath, withWeight) {
  const list = events(name, type).map((e, order) => ({ ...e.values, order }));
  const keys = [];
  const leaves = {};
  let truncated = 0;
  for (const s of list) {
    const frames = s.stackTrace?.frames ?? [];
    const stack = frames.map(frameKey).reverse().join(';');
    if (s.stackTrace?.truncated) truncated++;
    const thread = threadName(s.sampledThread ?? s.eventThread);
    const cls = withWeight ? (s.objectClass?.name ?? '') : '';
    keys.push([thread, s.state ?? '', withWeight ? s.weight : '', s.stackTrace?.truncated ? 'T' : '', stack, cls].join('|'));
    const leaf = frames[0] ? `${dotted(frames[0].method.type.name)}.${frames[0].method.name}` : '';
    leaves[leaf] = (leaves[leaf] ?? 0) + 1;
  }
  const sorted = [...list].sort((a, b) => {
    const d = epochNs(a.startTime) - epochNs(b.startTime);
    return d < 0n ? -1 : d > 0n ? 1 : a.order - b.order;
  });
  const brief = (s) => ({
    epochNs: String(epochNs(s.startTime)),
    thread: threadName(s.sampledThread ?? s.eventThread),
    ...(withWeight ? { objectClass: s.objectClass?.name ?? null, weight: s.weight } : { state: s.state ?? null }),
    topFrames: (s.stackTrace?.frames ?? []).slice(0, 3).map(frameKey),
  });
  const result = {
    command: `jfr print --json --stack-depth 4096 --events ${type} ${commandPath}`,
    count: list.length,
    truncated,
    leafCounts: Object.fromEntries(Object.entries(leaves).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))),
    first: sorted.slice(0, 5).map(brief),
    last: sorted.slice(-3).map(brief),
    sampleKeysSha256: digest(keys),
  };
  if (withWeight) {
    result.totalWeight = list.reduce((sum, s) => sum + s.weight, 0);
    const byClass = {};
    for (const s of list) byClass[s.objectClass.name] = (byClass[s.objectClass.name] ?? 0) + s.weight;
    result.topClassesByWeight = Object.fromEntries(Object.entries(byClass).sort((a, b) => b[1] - a[1]).slice(0, 10));
  }
  return result;
}

const fixtures = {};
for (const [name, commandPath] of rows) {
  const summaryLines = readFileSync(`${work}/${name}.summary.txt`, 'utf8').split('\n');
  const counts = {};
  for (const type of COUNTED) {
    const line = summaryLines.find((l) => l.trim().split(/\s+/)[0] === type);
    counts[type] = line ? Number(line.trim().split(/\s+/)[1]) : 0;
  }
  const chunks = Number(/Chunks:\s+(\d+)/.exec(summaryLines.join('\n'))?.[1]);
  const version = /Version:\s+(\S+)/.exec(summaryLines.join('\n'))?.[1];
  const gcEvents = events(name, 'jdk.GarbageCollection').map((e) => ({
    gcId: e.values.gcId,
    name: e.values.name,
    cause: e.values.cause,
    startEpochNs: String(epochNs(e.values.startTime)),
    durationNs: durationNs(e.values.duration),
    sumOfPausesNs: durationNs(e.values.sumOfPauses),
    longestPauseNs: durationNs(e.values.longestPause),
  }));
  const heap = events(name, 'jdk.GCHeapSummary').map((e) => ({
    gcId: e.values.gcId,
    when: e.values.when,
    heapUsed: e.values.heapUsed,
    committedSize: e.values.heapSpace.committedSize,
  }));
  fixtures[name] = {
    summary: { command: `jfr summary ${commandPath}`, version, chunks, counts },
    executionSamples: samples(name, 'jdk.ExecutionSample', commandPath, false),
    nativeSamples: samples(name, 'jdk.NativeMethodSample', commandPath, false),
    allocationSamples: samples(name, 'jdk.ObjectAllocationSample', commandPath, true),
    gc: {
      command: `jfr print --json --events jdk.GarbageCollection ${commandPath}`,
      count: gcEvents.length,
      sumOfPausesNs: gcEvents.reduce((s, e) => s + e.sumOfPausesNs, 0),
      sumOfDurationsNs: gcEvents.reduce((s, e) => s + e.durationNs, 0),
      events: gcEvents,
    },
    heap: { command: `jfr print --json --events jdk.GCHeapSummary ${commandPath}`, count: heap.length, events: heap },
  };
}
const result = {
  generatedBy: 'scripts/regen-jfr-expected.sh',
  jdk: process.env.JDK_VERSION,
  jfr: process.env.JFR_PATH,
  note: 'stack frames are "pkg.Class.method:line[:inlined]" root first; times are ns since the epoch',
  fixtures,
};
writeFileSync(process.env.OUT, JSON.stringify(result, null, 2) + '\n');
console.log(`wrote ${process.env.OUT}: ${Object.keys(fixtures).length} recordings`);
EOF
