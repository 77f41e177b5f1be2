#!/usr/bin/env bash
# Writes test/fixtures/perf-script/{busy-callchain,busy-flat,node-fib}.perf.txt from real
# `perf record` runs here, and next to each the `perf report` summary the tests compare
# against (<name>.report.txt: samples and period per symbol, self only):
#   busy-callchain: perf record -F 999 -g ./busy 150
#                   perf script --header
#   busy-flat:      perf record -F 999 ./busy 150   (no call chains)
#                   perf script -F comm,pid,tid,time,period,event,ip,sym,symoff,dso
#   node-fib:       perf record -F 199 -g node --perf-basic-prof fib.js 300
#                   perf script --max-stack=16 --time 50%-100%   (the second half: JIT code, not start-up;
#                   at most 16 frames per stack, to keep the file small)
# report: perf report --stdio --no-children -F sample,period,sym -g none --percent-limit 0 [--time 50%-100%]
# Needs gcc, perf (tested with perf 6.1) and node (tested with v20.20) with perf_event_paranoid <= 2.
# Usage: test/producers/perf-script/make-fixtures.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../fixtures/perf-script"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

report() { perf report --stdio --no-children -F sample,period,sym -g none --percent-limit 0 "$@" 2>/dev/null; }

gcc -O0 -g -fno-omit-frame-pointer -o "$work/busy" "$here/busy.c"
perf record -q -F 999 -g -o "$work/callchain.data" "$work/busy" 150 >/dev/null
perf script -i "$work/callchain.data" --header >"$out/busy-callchain.perf.txt" 2>/dev/null
report -i "$work/callchain.data" >"$out/busy-callchain.report.txt"

perf record -q -F 999 -o "$work/flat.data" "$work/busy" 150 >/dev/null
perf script -i "$work/flat.data" -F comm,pid,tid,time,period,event,ip,sym,symoff,dso >"$out/busy-flat.perf.txt" 2>/dev/null
report -i "$work/flat.data" >"$out/busy-flat.report.txt"

# From the scratch directory: Node writes an isolate-*-v8.log into its working directory.
(cd "$work" && perf record -q -F 199 -g -o "$work/node.data" node --perf-basic-prof "$here/fib.js" 300 >/dev/null)
perf script -i "$work/node.data" --max-stack=16 --time 50%-100% >"$out/node-fib.perf.txt" 2>/dev/null
report -i "$work/node.data" --time 50%-100% >"$out/node-fib.report.txt"
