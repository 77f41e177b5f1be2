#!/usr/bin/env bash
# Records the JFR fixtures made here, on this machine's JDK (tested with
# OpenJDK 17.0.15), from KilnJfrProducer:
# - test/fixtures/jfr/kiln-producer.jfr: one 5-second recording, settings=profile
#   (one chunk).
# - test/fixtures/jfr/kiln-producer-3chunks.jfr: a 4-second recording
#   (settings=profile, ExecutionSample period 10 ms) while a second recording
#   (settings=default, 20 ms) runs from second 1 to 2. Starting and stopping a
#   recording rotates the chunk, so the file holds three chunks, each with its
#   own metadata, constant pools and jdk.ActiveSetting events.
# The environment-variable, system-property, process and native-library events
# are switched off and the JVM runs with a minimal environment, so the fixtures
# carry nothing of the machine that made them; recordings are written to a
# scratch folder and copied.
# Usage: test/producers/jfr/record.sh [output directory]
set -euo pipefail
cd "$(dirname "$0")/../../.."
OUT=${1:-test/fixtures/jfr}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
javac -d "$WORK" test/producers/jfr/KilnJfrProducer.java
QUIET='jdk.InitialEnvironmentVariable#enabled=false,jdk.InitialSystemProperty#enabled=false,jdk.SystemProcess#enabled=false,jdk.NativeLibrary#enabled=false'
run() { (cd "$WORK" && env -i PATH=/usr/bin:/bin HOME=/tmp java "$@"); }
run -Xmx128m -XX:+UseG1GC \
  "-XX:StartFlightRecording=duration=5s,filename=$WORK/kiln-producer.jfr,settings=profile,$QUIET" \
  -cp "$WORK" KilnJfrProducer 6
run -Xmx128m -XX:+UseG1GC \
  "-XX:StartFlightRecording=name=main,duration=4s,filename=$WORK/kiln-producer-3chunks.jfr,settings=profile,$QUIET" \
  "-XX:StartFlightRecording=name=overlap,delay=1s,duration=1s,settings=default,$QUIET" \
  -cp "$WORK" KilnJfrProducer 5
cp "$WORK/kiln-producer.jfr" "$WORK/kiln-producer-3chunks.jfr" "$OUT/"
