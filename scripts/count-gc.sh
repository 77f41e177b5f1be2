#!/bin/sh
# Counts the stop-the-world pauses in each GC-log fixture and sums their times, with grep/sed/awk only
# (independent of Kiln's TypeScript parsers), and writes test/fixtures/gc/expected.json. The GC tests
# compare the parsers' pause counts and total pause (in integer nanoseconds, i.e. to the log's printed
# precision) against it. Each entry records the command that produced it; the awk programs are below
# and repeated in the JSON under "programs".
#
# Usage: scripts/count-gc.sh [FIXTURES_DIR] [OUT]      (defaults: test/fixtures/gc, FIXTURES_DIR/expected.json)
#        With the shared corpus present (KILN_CORPUS, default ../shared/corpus), its GC files are counted too,
#        under "corpus" (the tests that read them skip when the corpus is absent).
#        scripts/count-gc.sh --one FORMAT FILE          (prints "pauses totalPauseNs" for one file)
#
# What counts as a pause (the same definition as shared/gc/summary.ts: a pause event with a time > 0):
# - jvm-unified: each decorated line "GC(n) Pause … <t>ms"; a "Pause Young" logged right after a "Pause Full"
#   with a higher GC id (Serial/CMS of JDK 9–11: the full collection ran inside the young pause) keeps only
#   its own part (young − full), so the total counts that stop-the-world time once.
# - jvm-legacy: each stamped record "[GC …", "[GC pause …", "[GC remark …", "[GC cleanup …", "[Full GC …",
#   Shenandoah's "[Pause …, <t> ms]", joined over lines until its brackets balance, after removing the
#   concurrent records ("[GC concurrent-…]", "[CMS-concurrent-…]") that the JVM prints inside other records.
#   Its pause is the time before the closing "secs]"; a GC record nested inside it (CMSScavengeBeforeRemark)
#   is one more pause whose time is already inside the outer one.
# - go-gctrace: each "gc N @…s …%: a+b+c ms clock, …" line; pause = a + c (the two stop-the-world phases).
# - node-trace-gc: each "[pid:0xaddr]  N ms: <collector> … MB, p / e ms" line; pause = p.
set -eu

UNIFIED_AWK='
function ns(v) { gsub(",", ".", v); return sprintf("%.0f", v * 1000000) + 0 }
{
  line = $0; sub(/\r$/, "", line)
  if (line !~ /^\[/) next
  if (line !~ /GC\([0-9]+\) ([YO]: )?Pause .* [0-9]+([.,][0-9]+)?ms$/) next
  rest = line; sub(/^.*GC\(/, "", rest)
  id = rest; sub(/\).*$/, "", id); id = id + 0
  dur = line; sub(/^.* /, "", dur); sub(/ms$/, "", dur); v = ns(dur); own = v
  kind = "other"
  if (rest ~ /^[0-9]+\) Pause Full/) kind = "full"
  if (rest ~ /^[0-9]+\) Pause Young/) kind = "young"
  if (kind == "young" && prevkind == "full" && previd > id && v >= prevv) own = v - prevv
  if (own > 0) { count++; total += own }
  prevkind = kind; previd = id; prevv = v
}
END { printf "%d %.0f\n", count, total }'

DATE='[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9][.,][0-9][0-9][0-9][+-][0-9][0-9][0-9][0-9]: '
UP='[0-9]+[.,][0-9]+: '
LEGACY_AWK='
function secs(v) { gsub(",", ".", v); return sprintf("%.0f", v * 1000000000) + 0 }
function msns(v) { gsub(",", ".", v); return sprintf("%.0f", v * 1000000) + 0 }
function delta(s,   t, o, c) { t = s; o = gsub(/\[/, "", t); t = s; c = gsub(/\]/, "", t); return o - c }
function finish(rec,   body, nested, t, v) {
  body = rec
  sub("^[ \t]*(" DATE ")?(" UP ")?(#[0-9]+: )?\\[", "", body)
  sub(/[ \t]*$/, "", body)
  if (body ~ /^Pause / && body !~ /, start\]$/) {
    if (match(body, /[0-9]+([.,][0-9]+)? ms\]$/)) {
      t = substr(body, RSTART, RLENGTH); sub(/ ms\]$/, "", t); v = msns(t)
      if (v > 0) { count++; total += v }
    }
    return
  }
  if (body !~ /^(GC pause|GC remark|GC cleanup|Full GC|GC( |\(|--|\[|$))/) return
  if (body ~ /^GC (concurrent|ref-proc)/) return
  # The outer record ends at its last "]": drop what the line adds after it ([Times: …]).
  while (body ~ /\] ?\[Times: [^][]*\]$/) sub(/ ?\[Times: [^][]*\]$/, "", body)
  if (!match(body, /[0-9]+([.,][0-9]+)? ?secs?\]$/)) return
  t = substr(body, RSTART, RLENGTH); sub(/ ?secs?\]$/, "", t); v = secs(t)
  if (v > 0) { count++; total += v }
  t = body; nested = gsub(/\[(GC pause|GC \(|GC [0-9]|GC--|Full GC)/, "", t); count += nested
}
{
  line = $0; sub(/\r$/, "", line)
  gsub("(" DATE ")?(" UP ")?(#[0-9]+: )?\\[(GC concurrent-|CMS-concurrent-)[^][]*\\]( ?\\[Times: [^][]*\\])?", "", line)
  if (!open) {
    if (line !~ "^[ \t]*[0-9#]" || line !~ "^[ \t]*(" DATE ")?(" UP ")?(#[0-9]+: )?\\[") next
    open = 1; depth = 0; rec = ""
  }
  rec = rec (rec == "" ? "" : " ") line
  depth += delta(line)
  if (depth <= 0) { finish(rec); open = 0 }
}
END { printf "%d %.0f\n", count, total }'

GO_AWK='
function ns(v) { return sprintf("%.0f", v * 1000000) + 0 }
/^gc [0-9]+ @[0-9.]+s [0-9]+%: [0-9.]+\+[0-9.]+\+[0-9.]+ ms clock, .* [0-9]+->[0-9]+->[0-9]+ MB, [0-9]+ MB goal, .*[0-9]+ P( \(forced\))?$/ {
  clock = $5; split(clock, phase, "+")
  v = ns(phase[1]) + ns(phase[3])
  if (v > 0) { count++; total += v }
}
END { printf "%d %.0f\n", count, total }'

NODE_AWK='
function ns(v) { return sprintf("%.0f", v * 1000000) + 0 }
{
  line = $0; sub(/\r$/, "", line)
  if (line !~ /^\[[0-9]+:0x[0-9a-fA-F]+\] +[0-9.]+ ms: (Scavenge|Minor Mark-Sweep|Minor Mark-Compact|Mark-sweep|Mark-Compact)/) next
  if (!match(line, /MB, [0-9.]+ \/ [0-9.]+ ms/)) next
  t = substr(line, RSTART + 4, RLENGTH); sub(/ .*$/, "", t); v = ns(t)
  if (v > 0) { count++; total += v }
}
END { printf "%d %.0f\n", count, total }'

count_one() { # FORMAT FILE → "pauses totalPauseNs"
  case "$2" in *.gz) reader='gzip -dc' ;; *) reader='cat' ;; esac
  case "$1" in
    jvm-unified) $reader "$2" | awk "$UNIFIED_AWK" ;;
    jvm-legacy) $reader "$2" | awk -v DATE="$DATE" -v UP="$UP" "$LEGACY_AWK" ;;
    go-gctrace) $reader "$2" | awk "$GO_AWK" ;;
    node-trace-gc) $reader "$2" | awk "$NODE_AWK" ;;
    *) echo "unknown format $1" >&2; exit 2 ;;
  esac
}

json_string() { # the argument as a JSON string
  printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' | awk 'BEGIN { printf "\"" } NR > 1 { printf "\\n" } { printf "%s", $0 } END { printf "\"" }'
}

if [ "${1:-}" = "--one" ]; then
  count_one "$2" "$3"
  exit 0
fi

DIR=${1:-test/fixtures/gc}
OUT=${2:-$DIR/expected.json}
CORPUS=${KILN_CORPUS:-../shared/corpus}
TMP=$(mktemp)
{
  printf '{\n  "generatedBy": "scripts/count-gc.sh (grep/sed/awk only; awk is %s)",\n' "$(readlink -f "$(command -v awk)")"
  printf '  "programs": {\n'
  printf '    "jvm-unified": %s,\n' "$(json_string "$UNIFIED_AWK")"
  printf '    "jvm-legacy": %s,\n' "$(json_string "awk -v DATE='$DATE' -v UP='$UP' '$LEGACY_AWK'")"
  printf '    "go-gctrace": %s,\n' "$(json_string "$GO_AWK")"
  printf '    "node-trace-gc": %s\n' "$(json_string "$NODE_AWK")"
  printf '  },\n  "files": {\n'
  first=1
  for format in jvm-unified jvm-legacy go-gctrace node-trace-gc; do
    for file in "$DIR/$format"/*; do
      [ -f "$file" ] || continue
      name="$format/$(basename "$file")"
      set -- $(count_one "$format" "$file")
      [ $first -eq 1 ] || printf ',\n'
      first=0
      printf '    "%s": { "format": "%s", "pauseEvents": %s, "totalPauseNs": %s, "command": "scripts/count-gc.sh --one %s %s" }' \
        "$name" "$format" "$1" "$2" "$format" "$name"
    done
  done
  printf '\n  },\n  "corpus": {\n'
  first=1
  if [ -d "$CORPUS" ]; then
    for entry in jvm-unified:public/jvm-gc-unified jvm-legacy:public/jvm-gc-legacy go-gctrace:public/go-gctrace \
      node-trace-gc:public/node-trace-gc go-gctrace:generated/go-service/gctrace.stderr.txt \
      node-trace-gc:generated/node/node-leaky.trace-gc.txt jvm-unified:generated/java/java-churn.gc.log; do
      format=${entry%%:*}
      for file in "$CORPUS/${entry#*:}" "$CORPUS/${entry#*:}"/*; do
        [ -f "$file" ] || continue
        name=${file#"$CORPUS"/}
        set -- $(count_one "$format" "$file")
        [ $first -eq 1 ] || printf ',\n'
        first=0
        printf '    "%s": { "format": "%s", "pauseEvents": %s, "totalPauseNs": %s, "command": "scripts/count-gc.sh --one %s $KILN_CORPUS/%s" }' \
          "$name" "$format" "$1" "$2" "$format" "$name"
      done
    done
  fi
  printf '\n  }\n}\n'
} >"$TMP"
mv "$TMP" "$OUT"
echo "wrote $OUT"
