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
# Usage: test/producers/jfr/record.sh [output directory]
set -euo pipefail
cd "$(dirname "$0")/../../.."
OUT=${1:-test/fixtures/jfr}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
javac -d "$WORK" test/producers/jfr/KilnJfrProducer.java
java -Xmx128m -XX:+UseG1GC \
  "-XX:StartFlightRecording=duration=5s,filename=$OUT/kiln-producer.jfr,settings=profile" \
  -cp "$WORK" KilnJfrProducer 6
java -Xmx128m -XX:+UseG1GC \
  "-XX:StartFlightRecording=name=main,duration=4s,filename=$OUT/kiln-producer-3chunks.jfr,settings=profile" \
  "-XX:StartFlightRecording=name=overlap,delay=1s,duration=1s,settings=default" \
  -cp "$WORK" KilnJfrProducer 5
