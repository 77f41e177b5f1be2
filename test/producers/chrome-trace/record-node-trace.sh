#!/bin/sh
# Records a real Node trace-event file (object form: {"traceEvents": [...]}) with B/E pairs
# (synchronous fs calls), X events (event-loop phases, V8 deserialization) and thread names:
#
#   sh test/producers/chrome-trace/record-node-trace.sh test/fixtures/chrome-trace/node-fs-sync.json
#
# node --trace-events-enabled writes the file when the process exits.
set -eu
out=$1
dir=$(mktemp -d)
cat > "$dir/app.js" <<'JS'
const fs = require('node:fs');
const path = require('node:path');
const file = path.join(__dirname, 'data.txt');
for (let i = 0; i < 3; i++) fs.writeFileSync(file, 'x'.repeat(1000 * (i + 1)));
for (let i = 0; i < 3; i++) fs.readFileSync(file);
setTimeout(() => fs.unlinkSync(file), 5);
JS
node --trace-events-enabled --trace-event-categories v8,node,node.fs.sync \
  --trace-event-file-pattern "$dir/trace.json" "$dir/app.js"
cp "$dir/trace.json" "$out"
rm -r "$dir"
