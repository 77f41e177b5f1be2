#!/bin/sh
# Writes fresh Node 20 --trace-gc captures to OUT (default /tmp/kiln-gc-node).
# Usage: test/producers/gc/make-node-logs.sh [OUT] [ROUNDS]
# Commands:
#   node --trace-gc --expose-gc node-churn.js ROUNDS >OUT/node20-trace-gc.txt
#   node --trace-gc --expose-gc --minor-mc node-churn.js ROUNDS >OUT/node20-minor-mc.txt
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-/tmp/kiln-gc-node}
ROUNDS=${2:-30000}
mkdir -p "$OUT"
node --trace-gc --expose-gc "$HERE/node-churn.js" "$ROUNDS" >"$OUT/node20-trace-gc.txt"
node --trace-gc --expose-gc --minor-mc "$HERE/node-churn.js" "$ROUNDS" >"$OUT/node20-minor-mc.txt"
