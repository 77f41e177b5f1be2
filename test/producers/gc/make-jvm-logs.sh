#!/bin/sh
# Writes fresh JDK 17 unified GC logs for each collector into OUT (default /tmp/kiln-gc-jvm).
# Usage: test/producers/gc/make-jvm-logs.sh [OUT] [ROUNDS]
# Commands (JDK 17, source-file mode):
#   java -Xmx128m -Xlog:gc*:file=OUT/jdk17-<gc>.log:uptime,time,level,tags -XX:+Use<GC>GC GcChurn.java ROUNDS
#     for <GC> in G1 Parallel Serial Z Shenandoah
#   java -Xmx128m -Xlog:gc:file=OUT/jdk17-g1-defaults.log -XX:+UseG1GC GcChurn.java ROUNDS
#     (-Xlog:gc with the default decorations uptime,level,tags)
#   java -Xmx128m -Xlog:gc*:file=OUT/jdk17-parallel-millis.log:uptimemillis,timemillis,level,tags -XX:+UseParallelGC GcChurn.java ROUNDS
#   java -Xmx128m -Xlog:gc*:file=OUT/jdk17-serial-time.log:time,level,tags -XX:+UseSerialGC GcChurn.java ROUNDS
#     ([time] only: no uptime decoration)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:-/tmp/kiln-gc-jvm}
ROUNDS=${2:-3000}
mkdir -p "$OUT"
run() {
  java -Xmx128m "$@" "$HERE/GcChurn.java" "$ROUNDS" >/dev/null
}
for gc in G1 Parallel Serial Z Shenandoah; do
  name=$(echo "$gc" | tr 'A-Z' 'a-z')
  run "-Xlog:gc*:file=$OUT/jdk17-$name.log:uptime,time,level,tags" "-XX:+Use${gc}GC"
done
run "-Xlog:gc:file=$OUT/jdk17-g1-defaults.log" -XX:+UseG1GC
run "-Xlog:gc*:file=$OUT/jdk17-parallel-millis.log:uptimemillis,timemillis,level,tags" -XX:+UseParallelGC
run "-Xlog:gc*:file=$OUT/jdk17-serial-time.log:time,level,tags" -XX:+UseSerialGC
