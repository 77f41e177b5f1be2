#!/usr/bin/env bash
# Regenerates test/fixtures/pprof-expected.json: for every pprof fixture and
# every sample type, the total and the top rows by flat value exactly as
# `go tool pprof -top` prints them. The importer tests compare Kiln's totals
# and top functions against this file, so it is the independent oracle.
#
# Exact integers: -unit is set to the sample type's own base unit (ns, B, us,
# ms), so pprof prints unscaled values ("%.2f" with ".00" trimmed, exact below
# 2^53); counts are printed unscaled without -unit. -nodefraction=0 and
# -edgefraction=0 keep pprof from dropping small nodes; -symbolize=none keeps
# it from looking for binaries. The exact command of each entry is recorded.
#
# Needs Go (tested with go1.19.8) and Node. Usage: scripts/regen-pprof-expected.sh
set -euo pipefail
cd "$(dirname "$0")/.."

FIXTURES=test/fixtures/pprof
OUT=test/fixtures/pprof-expected.json
TOP_ROWS=20
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

printf 'file\tindex\ttype\tunit\tcommand\toutput\n' >"$WORK/index.tsv"
n=0
for file in "$FIXTURES"/*; do
  # The line after "Samples:" in -raw output lists the sample types, e.g.
  # "alloc_objects/count alloc_space/bytes[dflt] ...".
  types=$(go tool pprof -symbolize=none -raw "$file" 2>/dev/null | awk '/^Samples:/ { getline; print; exit }')
  index=0
  for entry in $types; do
    entry=${entry%"[dflt]"}
    type=${entry%%/*}
    unit=${entry#*/}
    case "$unit" in
      nanoseconds) unit_flag=(-unit=ns) ;;
      microseconds) unit_flag=(-unit=us) ;;
      milliseconds) unit_flag=(-unit=ms) ;;
      bytes) unit_flag=(-unit=B) ;;
      *) unit_flag=() ;;
    esac
    cmd=(go tool pprof -symbolize=none -top "-nodecount=$TOP_ROWS" -nodefraction=0 -edgefraction=0
      ${unit_flag[@]+"${unit_flag[@]}"} "-sample_index=$index" "$file")
    n=$((n + 1))
    "${cmd[@]}" >"$WORK/$n.txt" 2>/dev/null
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$file")" "$index" "$type" "$unit" "${cmd[*]}" "$WORK/$n.txt" >>"$WORK/index.tsv"
    index=$((index + 1))
  done
done

GO_VERSION=$(go version) OUT="$OUT" INDEX="$WORK/index.tsv" node --input-type=module - <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';

// A value as pprof prints it with the base unit: digits, optionally a unit suffix.
function exactInteger(token, context) {
  const match = /^(-?\d+)(?:ns|us|ms|B)?$/.exec(token);
  if (!match) throw new Error(`${context}: "${token}" is not an exact integer`);
  return Number(match[1]);
}

const rows = readFileSync(process.env.INDEX, 'utf8').trim().split('\n').slice(1);
const fixtures = {};
for (const row of rows) {
  const [file, index, type, unit, command, output] = row.split('\t');
  const lines = readFileSync(output, 'utf8').split('\n');
  const context = `${file} ${type}`;
  const totalLine = lines.find((l) => l.startsWith('Showing nodes accounting for'));
  const totalMatch = totalLine && / of (\S+) total/.exec(totalLine);
  if (!totalMatch) throw new Error(`${context}: no total line in pprof output`);
  const header = lines.findIndex((l) => /^\s+flat\s+flat%\s+sum%\s+cum\s+cum%/.test(l));
  if (header < 0) throw new Error(`${context}: no table header in pprof output`);
  const top = [];
  for (const line of lines.slice(header + 1)) {
    if (line.trim() === '') continue;
    const m = /^\s*(\S+)\s+\S+%\s+\S+%\s+(\S+)\s+\S+%\s+(.*)$/.exec(line);
    if (!m) throw new Error(`${context}: cannot parse row "${line}"`);
    // pprof marks nodes only ever reached through inlining; the name is the part before.
    const name = m[3].replace(/ \((partial-)?inline\)$/, '');
    top.push({ name, flat: exactInteger(m[1], context), cum: exactInteger(m[2], context) });
  }
  fixtures[file] ??= { sampleTypes: [] };
  fixtures[file].sampleTypes[Number(index)] = {
    type,
    unit,
    command,
    total: exactInteger(totalMatch[1], context),
    top,
  };
}
const result = {
  generatedBy: 'scripts/regen-pprof-expected.sh',
  goVersion: process.env.GO_VERSION,
  note: 'top: first rows of `go tool pprof -top` (flat desc, then name); flat = self, cum = total',
  fixtures,
};
writeFileSync(process.env.OUT, JSON.stringify(result, null, 2) + '\n');
console.log(`wrote ${process.env.OUT}: ${rows.length} sample types in ${Object.keys(fixtures).length} files`);
EOF
