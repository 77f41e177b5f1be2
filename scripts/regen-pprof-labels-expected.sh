#!/usr/bin/env bash
# Regenerates test/fixtures/pprof-labels/expected.json: for each Kiln filter
# text that a store-level filter test checks (label chips, `lines`), what
# `go tool pprof -top` prints with the equivalent pprof options — the
# independent oracle:
# - `label:K=V` is `-tagfocus=K=^V$` (pprof matches string tags by regexp, so
#   it is anchored); two values of one key OR together: `-tagfocus=K=^V1$,^V2$`.
#   Numeric tags take a unit in pprof (`-tagfocus=bytes=16B`); Kiln compares
#   the number in the label's own unit (`label:bytes=16`).
# - Two keys AND together in Kiln; pprof has one -tagfocus, so the case uses
#   -tagignore on the other key's remaining values (the fixture's worker label
#   is "1" or "2": worker=1 is "not worker=2").
#   Two numeric values OR together in Kiln; pprof cannot list numbers, so the
#   case is the range between them minus the range strictly inside it.
# - `lines` is `-lines` (pprof's line granularity: one node per function and
#   source line).
# As in regen-pprof-expected.sh, -unit is the sample type's base unit so the
# values are exact integers, -nodefraction=0/-edgefraction=0 and a large
# -nodecount keep every node (so "Showing nodes accounting for" is the sum of
# the samples the filter keeps, recorded as `total`), the first TOP_ROWS rows
# are recorded, and each entry records its exact command. `-` is no filter.
#
# Needs Go (tested with go1.19.8) and Node. Usage: scripts/regen-pprof-labels-expected.sh
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=test/fixtures/pprof-labels/expected.json
LABELLED=test/fixtures/pprof-labels/labelled-cpu.pb.gz
HEAP=test/fixtures/pprof/heap_1.pb.gz
TOP_ROWS=30
NODE_COUNT=100000
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# fixture <TAB> sample index <TAB> sample type <TAB> kiln filter <TAB> pprof options (space separated)
cat >"$WORK/cases.tsv" <<'CASES'
labelled-cpu.pb.gz	1	cpu	-	-unit=ns
labelled-cpu.pb.gz	1	cpu	label:endpoint=/a	-unit=ns -tagfocus=endpoint=^/a$
labelled-cpu.pb.gz	1	cpu	label:endpoint=/b	-unit=ns -tagfocus=endpoint=^/b$
labelled-cpu.pb.gz	1	cpu	label:endpoint=/a;label:endpoint=/b	-unit=ns -tagfocus=endpoint=^/a$,^/b$
labelled-cpu.pb.gz	1	cpu	label:endpoint=/a;label:worker=1	-unit=ns -tagfocus=endpoint=^/a$ -tagignore=worker=^2$
labelled-cpu.pb.gz	0	samples	label:worker=2	-tagfocus=worker=^2$
labelled-cpu.pb.gz	1	cpu	lines	-unit=ns -lines
labelled-cpu.pb.gz	1	cpu	lines;label:endpoint=/b	-unit=ns -lines -tagfocus=endpoint=^/b$
heap_1.pb.gz	1	alloc_space	label:bytes=16	-unit=B -tagfocus=bytes=16B
heap_1.pb.gz	1	alloc_space	label:bytes=16;label:bytes=64	-unit=B -tagfocus=bytes=16B:64B -tagignore=bytes=17B:63B
heap_1.pb.gz	1	alloc_space	lines	-unit=B -lines
CASES

printf 'fixture\tindex\ttype\tfilter\tcommand\toutput\n' >"$WORK/index.tsv"
n=0
while IFS=$'\t' read -r fixture index type filter options; do
  case "$fixture" in
    labelled-cpu.pb.gz) file=$LABELLED ;;
    heap_1.pb.gz) file=$HEAP ;;
    *) echo "unknown fixture $fixture" >&2; exit 1 ;;
  esac
  read -r -a option_list <<<"$options"
  cmd=(go tool pprof -symbolize=none -top "-nodecount=$NODE_COUNT" -nodefraction=0 -edgefraction=0
    "${option_list[@]}" "-sample_index=$index" "$file")
  n=$((n + 1))
  "${cmd[@]}" >"$WORK/$n.txt" 2>/dev/null
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$fixture" "$index" "$type" "$filter" "${cmd[*]}" "$WORK/$n.txt" >>"$WORK/index.tsv"
done <"$WORK/cases.tsv"

TOP_ROWS=$TOP_ROWS GO_VERSION=$(go version) OUT="$OUT" INDEX="$WORK/index.tsv" node --input-type=module - <<'NODE'
import { readFileSync, writeFileSync } from 'node:fs';

// A value as pprof prints it with the base unit: digits, optionally a unit suffix.
function exactInteger(token, context) {
  const match = /^(-?\d+)(?:ns|us|ms|B)?$/.exec(token);
  if (!match) throw new Error(`${context}: "${token}" is not an exact integer`);
  return Number(match[1]);
}

const rows = readFileSync(process.env.INDEX, 'utf8').trim().split('\n').slice(1);
const cases = [];
for (const row of rows) {
  const [fixture, index, type, filter, command, output] = row.split('\t');
  const lines = readFileSync(output, 'utf8').split('\n');
  const context = `${fixture} ${type} ${filter}`;
  const totalLine = lines.find((l) => l.startsWith('Showing nodes accounting for'));
  const totalMatch = totalLine && /^Showing nodes accounting for (\S+),/.exec(totalLine);
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
  if (top.length === 0) throw new Error(`${context}: pprof kept no samples`);
  cases.push({
    fixture,
    sampleType: type,
    filter: filter === '-' ? '' : filter,
    command,
    total: exactInteger(totalMatch[1], context),
    top: top.slice(0, Number(process.env.TOP_ROWS)),
  });
}
const result = {
  generatedBy: 'scripts/regen-pprof-labels-expected.sh',
  goVersion: process.env.GO_VERSION,
  note:
    'per Kiln filter text: `go tool pprof -top` with the equivalent -tagfocus/-tagignore/-lines; ' +
    'total = "Showing nodes accounting for" (the kept samples); top rows: flat = self, cum = total; ' +
    'with -lines a row name is "function file:line"',
  cases,
};
writeFileSync(process.env.OUT, JSON.stringify(result, null, 2) + '\n');
console.log(`wrote ${process.env.OUT}: ${cases.length} cases`);
NODE
