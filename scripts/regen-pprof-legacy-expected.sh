#!/usr/bin/env bash
# Regenerates test/fixtures/pprof-legacy/expected.json: for every legacy text
# fixture, what `go tool pprof` (Go's vendored google/pprof, the independent
# oracle) reads from it:
# - `-raw`: period type, period, sample types and every sample's values,
#   addresses (or, for Java agents, function names) and numeric labels.
#   pprof merges samples with equal stacks and labels, drops all-zero ones,
#   and leaves samples without addresses out of -raw (but not out of totals).
# - `-top`: each sample type's total, exact: -unit is set to the type's own
#   base unit (ns, us, B), so pprof prints unscaled integers; counts are
#   unscaled without -unit.
# Files pprof refuses get "pprofError" instead. -symbolize=none keeps pprof
# from looking for binaries. Each entry records its exact commands.
#
# Needs Go (tested with go1.19.8) and Node. Usage: scripts/regen-pprof-legacy-expected.sh
set -euo pipefail
cd "$(dirname "$0")/.."

FIXTURES=test/fixtures/pprof-legacy
OUT=$FIXTURES/expected.json
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

printf 'file\tkind\tindex\tunit\tcommand\toutput\n' >"$WORK/index.tsv"
n=0
for file in "$FIXTURES"/*; do
  name=$(basename "$file")
  case "$name" in expected.json | SOURCES.md) continue ;; esac
  n=$((n + 1))
  raw=(go tool pprof -symbolize=none -raw "$file")
  if ! "${raw[@]}" >"$WORK/$n.txt" 2>"$WORK/$n.err"; then
    printf '%s\terror\t\t\t%s\t%s\n' "$name" "${raw[*]}" "$WORK/$n.err" >>"$WORK/index.tsv"
    continue
  fi
  printf '%s\traw\t\t\t%s\t%s\n' "$name" "${raw[*]}" "$WORK/$n.txt" >>"$WORK/index.tsv"
  # The line after "Samples:" lists the sample types, e.g. "contentions/count delay/nanoseconds".
  types=$(awk '/^Samples:/ { getline; print; exit }' "$WORK/$n.txt")
  index=0
  for entry in $types; do
    entry=${entry%"[dflt]"}
    unit=${entry#*/}
    case "$unit" in
      nanoseconds) unit_flag=(-unit=ns) ;;
      microseconds) unit_flag=(-unit=us) ;;
      milliseconds) unit_flag=(-unit=ms) ;;
      bytes) unit_flag=(-unit=B) ;;
      *) unit_flag=() ;;
    esac
    top=(go tool pprof -symbolize=none -top -nodecount=1 ${unit_flag[@]+"${unit_flag[@]}"} "-sample_index=$index" "$file")
    n=$((n + 1))
    "${top[@]}" >"$WORK/$n.txt" 2>/dev/null
    printf '%s\ttop\t%s\t%s\t%s\t%s\n' "$name" "$index" "$unit" "${top[*]}" "$WORK/$n.txt" >>"$WORK/index.tsv"
    index=$((index + 1))
  done
done

GO_VERSION=$(go version) OUT="$OUT" INDEX="$WORK/index.tsv" node --input-type=module - <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';

/** go tool pprof -raw output: header, samples (values, location ids, numeric labels), locations. */
function parseRaw(text, context) {
  const lines = text.split('\n');
  const result = { periodType: null, period: null, sampleTypes: [], samples: [] };
  let i = 0;
  for (; i < lines.length && lines[i] !== 'Samples:'; i++) {
    const pt = /^PeriodType: (\S*) (\S*)$/.exec(lines[i]);
    if (pt) result.periodType = pt[1] === '' && pt[2] === '' ? null : { type: pt[1], unit: pt[2] };
    const p = /^Period: (-?\d+)$/.exec(lines[i]);
    if (p) result.period = Number(p[1]);
  }
  if (i >= lines.length) throw new Error(`${context}: no "Samples:" in pprof -raw output`);
  result.sampleTypes = lines[++i].trim().split(/\s+/).map((t) => {
    const [type, unit] = t.replace(/\[dflt\]$/, '').split('/');
    return { type, unit };
  });
  const samples = [];
  for (i++; i < lines.length && lines[i] !== 'Locations'; i++) {
    const s = /^\s*(-?\d+(?:\s+-?\d+)*):((?: \d+)*)\s*$/.exec(lines[i]);
    if (s) {
      samples.push({ values: s[1].trim().split(/\s+/).map(Number), ids: s[2].trim().split(/\s+/).filter(Boolean), numLabels: {} });
      continue;
    }
    const l = /^\s+(\S+):\[(-?\d+(?:\s+-?\d+)*)\]\s*$/.exec(lines[i]);
    if (l && samples.length > 0) {
      samples[samples.length - 1].numLabels[l[1]] = l[2].split(/\s+/).map(Number);
      continue;
    }
    if (lines[i].trim() !== '') throw new Error(`${context}: cannot parse sample line "${lines[i]}"`);
  }
  // "     1: 0x4b5370 M=1 [function file:line s=0]", further inlined lines indented without an id.
  const locations = new Map();
  let current = null;
  for (i++; i < lines.length && lines[i] !== 'Mappings'; i++) {
    const loc = /^\s*(\d+): (0x[0-9a-f]+) M=\d+ ?(.*)$/.exec(lines[i]);
    if (loc) {
      current = { address: loc[2], functions: [] };
      locations.set(loc[1], current);
      if (loc[3].trim() !== '') current.functions.push(loc[3].trim().split(' ')[0]);
      continue;
    }
    const more = /^\s+(\S+) \S+ s=\d+$/.exec(lines[i]);
    if (more && current) current.functions.push(more[1]);
  }
  result.samples = samples.map((s) => ({
    values: s.values,
    // Leaf first; a symbolized location contributes its functions (innermost first), else its address.
    stack: s.ids.flatMap((id) => {
      const loc = locations.get(id);
      if (!loc) throw new Error(`${context}: sample refers to unknown location ${id}`);
      return loc.functions.length > 0 ? loc.functions : [loc.address];
    }),
    numLabels: s.numLabels,
  }));
  return result;
}

/** A value as pprof prints it with the base unit: digits, optionally a unit suffix. */
function exactInteger(token, context) {
  const match = /^(-?\d+)(?:ns|us|ms|B)?$/.exec(token);
  if (!match) throw new Error(`${context}: "${token}" is not an exact integer`);
  return Number(match[1]);
}

const rows = readFileSync(process.env.INDEX, 'utf8').trim().split('\n').slice(1);
const fixtures = {};
for (const row of rows) {
  const [file, kind, index, unit, command, output] = row.split('\t');
  const text = readFileSync(output, 'utf8');
  if (kind === 'error') {
    fixtures[file] = { command, pprofError: text.trim().split('\n')[0] };
  } else if (kind === 'raw') {
    fixtures[file] = { command, ...parseRaw(text, file), totals: [], totalCommands: [] };
  } else {
    const context = `${file} sample type ${index}`;
    const totalLine = text.split('\n').find((l) => l.startsWith('Showing nodes accounting for'));
    const totalMatch = totalLine && / of (\S+) total/.exec(totalLine);
    if (!totalMatch) throw new Error(`${context}: no total line in pprof -top output`);
    fixtures[file].totals[Number(index)] = exactInteger(totalMatch[1], context);
    fixtures[file].totalCommands[Number(index)] = command;
  }
}
const result = {
  generatedBy: 'scripts/regen-pprof-legacy-expected.sh',
  goVersion: process.env.GO_VERSION,
  note: 'samples: pprof -raw (merged by stack and labels, zero and address-less samples left out), stack leaf first; totals: pprof -top per sample type',
  fixtures,
};
writeFileSync(process.env.OUT, JSON.stringify(result, null, 2) + '\n');
console.log(`wrote ${process.env.OUT}: ${Object.keys(fixtures).length} files`);
EOF
