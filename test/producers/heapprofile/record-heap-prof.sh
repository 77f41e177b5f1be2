#!/bin/sh
# Records a real V8 sampling heap profile with node --heap-prof (samples[] present, Node 20):
#
#   sh test/producers/heapprofile/record-heap-prof.sh test/fixtures/heapprofile/node-retain.heapprofile
#
# The script keeps what two named functions allocate, so the live allocations at exit sit under
# retainStrings and retainArrays. A 16 KiB sampling interval gives a few dozen samples.
set -eu
out=$1
dir=$(mktemp -d)
cat > "$dir/retain.js" <<'JS'
const kept = [];
function retainStrings() { for (let i = 0; i < 20000; i++) kept.push('s'.repeat(20) + i); }
function retainArrays() { for (let i = 0; i < 2000; i++) kept.push(new Array(64).fill(i)); }
retainStrings();
retainArrays();
setTimeout(() => console.log(kept.length), 10);
JS
(cd "$dir" && node --heap-prof --heap-prof-interval=16384 --heap-prof-name=out.heapprofile retain.js > /dev/null)
cp "$dir/out.heapprofile" "$out"
rm -r "$dir"
