#!/usr/bin/env bash
# Records test/fixtures/gc/jvm-unified/kiln__jdk17-serial-decorated.log (tested with OpenJDK
# 17.0.15): a JVM unified GC log with every decoration before the level —
# time, uptime, hostname, pid, tid — from KilnPhaseChange (100 ms of CPU work,
# then 400 ms of allocation churn) under the Serial collector.
# Usage: test/producers/capture/record-decorated-gc-log.sh [output directory]
set -euo pipefail
cd "$(dirname "$0")/../../.."
OUT=${1:-test/fixtures/gc/jvm-unified}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
javac -d "$WORK" test/producers/jfr/KilnPhaseChange.java
(cd "$WORK" && env -i PATH=/usr/bin:/bin HOME=/tmp java -Xmx64m -XX:+UseSerialGC \
  "-Xlog:gc*:file=$WORK/jdk17-serial-decorated.log:time,uptime,hostname,pid,tid,level,tags" \
  -cp "$WORK" KilnPhaseChange 100 400)
cp "$WORK/jdk17-serial-decorated.log" "$OUT/kiln__jdk17-serial-decorated.log"
