#!/bin/sh
# Writes a fresh GODEBUG=gctrace=1 stderr capture (Go 1.19) to OUT (default /tmp/kiln-gc-go/go119-gctrace.txt).
# Usage: test/producers/gc/make-go-log.sh [OUT] [ROUNDS]
# Commands: go build -o TMP/gochurn gochurn.go; GODEBUG=gctrace=1 GOMAXPROCS=2 TMP/gochurn ROUNDS 2>OUT
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-/tmp/kiln-gc-go/go119-gctrace.txt}
ROUNDS=${2:-2000}
TMP=$(mktemp -d)
mkdir -p "$(dirname "$OUT")"
(cd "$HERE" && GO111MODULE=off go build -o "$TMP/gochurn" gochurn.go)
GODEBUG=gctrace=1 GOMAXPROCS=2 "$TMP/gochurn" "$ROUNDS" 2>"$OUT"
rm -rf "$TMP"
