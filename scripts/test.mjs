// `npm test`: every check, in order, stopping at the first failure:
// build, type-check (all four tsconfig projects), lint, unit and integration
// tests, then the end-to-end tests in Chromium. Ends with one summary line,
// "N passed, N failed, N skipped", counted from vitest's JSON reports.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });

function run(title, command, args) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.log(`\n${title} failed (exit ${result.status ?? result.signal})`);
    summarize();
    process.exit(result.status || 1);
  }
}

const suites = [];
function summarize() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of suites) {
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  }
  console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
run('build', 'node', ['scripts/build.mjs']);
run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
run('lint', 'npm', ['run', '--silent', 'lint']);
const unitReport = join(reports, 'unit.json');
suites.push(unitReport);
run('unit and integration tests', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitReport}`,
]);
const e2eReport = join(reports, 'e2e.json');
suites.push(e2eReport);
run('end-to-end tests (Chromium)', npx, [
  'vitest',
  'run',
  '--config',
  'vitest.e2e.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${e2eReport}`,
]);
summarize();
