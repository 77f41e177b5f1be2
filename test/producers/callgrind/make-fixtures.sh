#!/usr/bin/env bash
# Writes test/fixtures/callgrind/shapes.callgrind and shapes-instr-jumps.callgrind from real
# valgrind runs of shapes.c, and callgrind_annotate's per-function costs of each, which the
# tests compare against (<name>.annotate.txt self costs, <name>.inclusive.txt inclusive costs):
#   gcc -O0 -g -fno-inline -o shapes shapes.c
#   valgrind --tool=callgrind --toggle-collect=main --callgrind-out-file=shapes.callgrind ./shapes
#   valgrind --tool=callgrind --toggle-collect=main --dump-instr=yes --collect-jumps=yes \
#            --callgrind-out-file=shapes-instr-jumps.callgrind ./shapes
#   callgrind_annotate --threshold=100 --inclusive=no|yes FILE
# --toggle-collect=main keeps the files small (no dynamic loader start-up).
# Needs gcc and valgrind (tested with valgrind-3.19.0). Usage: test/producers/callgrind/make-fixtures.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../fixtures/callgrind"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gcc -O0 -g -fno-inline -o "$work/shapes" "$here/shapes.c"
valgrind -q --tool=callgrind --toggle-collect=main --callgrind-out-file="$out/shapes.callgrind" "$work/shapes" >/dev/null
valgrind -q --tool=callgrind --toggle-collect=main --dump-instr=yes --collect-jumps=yes \
  --callgrind-out-file="$out/shapes-instr-jumps.callgrind" "$work/shapes" >/dev/null
for name in shapes shapes-instr-jumps; do
  callgrind_annotate --threshold=100 --inclusive=no "$out/$name.callgrind" >"$out/$name.annotate.txt"
done
callgrind_annotate --threshold=100 --inclusive=yes "$out/shapes.callgrind" >"$out/shapes.inclusive.txt"
chmod 644 "$out"/*.callgrind
