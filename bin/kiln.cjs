#!/usr/bin/env node
// The `kiln` command: runs the bundled CLI that `npm install` (prepare) or `npm run build` writes to dist/.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'main', 'cli.cjs');
if (!existsSync(cli)) {
  process.stderr.write('kiln: not built yet: run `npm run build` in the Kiln folder\n');
  process.exit(1);
}
require(cli);
