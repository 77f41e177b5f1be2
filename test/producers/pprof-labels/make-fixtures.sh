#!/usr/bin/env bash
# Writes test/fixtures/pprof-labels/labelled-cpu.pb.gz: a CPU profile of
# labelled.go (runtime/pprof, pprof.Do labels "endpoint" and "worker").
# Then run scripts/regen-pprof-labels-expected.sh to refresh expected.json.
# Usage: test/producers/pprof-labels/make-fixtures.sh [SECONDS]   (tested with go1.19.8 linux/amd64)
#   i.e. GO111MODULE=off go build -trimpath -o BIN labelled.go && GOMAXPROCS=1 BIN OUT 3
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../fixtures/pprof-labels"
mkdir -p "$out"
bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
(cd "$here" && GO111MODULE=off go build -trimpath -o "$bin" labelled.go)
GOMAXPROCS=1 "$bin" "$out/labelled-cpu.pb.gz" "${1:-3}"
