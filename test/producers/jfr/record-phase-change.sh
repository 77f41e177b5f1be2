#!/usr/bin/env bash
# Records test/fixtures/jfr/kiln-phase-change.jfr from KilnPhaseChange (tested
# with OpenJDK 17.0.15): 3 s of CPU work without allocation, then 2 s of
# allocation churn, under a settings=profile recording started with the JVM.
# As record.sh: the machine's environment, properties, processes and native
# libraries are left out of the recording.
# Usage: test/producers/jfr/record-phase-change.sh [output directory]
set -euo pipefail
cd "$(dirname "$0")/../../.."
OUT=${1:-test/fixtures/jfr}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
javac -d "$WORK" test/producers/jfr/KilnPhaseChange.java
QUIET='jdk.InitialEnvironmentVariable#enabled=false,jdk.InitialSystemProperty#enabled=false,jdk.SystemProcess#enabled=false,jdk.NativeLibrary#enabled=false'
(cd "$WORK" && env -i PATH=/usr/bin:/bin HOME=/tmp java -Xmx128m -XX:+UseG1GC \
  "-XX:StartFlightRecording=filename=$WORK/kiln-phase-change.jfr,settings=profile,$QUIET" \
  -cp "$WORK" KilnPhaseChange 3000 2000)
cp "$WORK/kiln-phase-change.jfr" "$OUT/"
