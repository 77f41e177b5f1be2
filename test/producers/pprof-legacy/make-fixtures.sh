#!/usr/bin/env bash
# Writes test/fixtures/pprof-legacy/go119-{heap,allocs,goroutine,threadcreate,mutex,block}.txt
# from one real run of legacyprof.go (runtime/pprof Lookup(name).WriteTo(w, 1)).
# Then run scripts/regen-pprof-legacy-expected.sh to refresh expected.json.
# Usage: test/producers/pprof-legacy/make-fixtures.sh   (tested with go1.19.8 linux/amd64)
#   i.e. GO111MODULE=off go build -o BIN legacyprof.go && BIN test/fixtures/pprof-legacy
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../fixtures/pprof-legacy"
mkdir -p "$out"
bin=$(mktemp)
trap 'rm -f "$bin"' EXIT
(cd "$here" && GO111MODULE=off go build -o "$bin" legacyprof.go)
"$bin" "$out"
