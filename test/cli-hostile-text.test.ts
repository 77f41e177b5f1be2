/**
 * Text from a profile reaches the terminal only as text: `kiln ls`, `kiln top`
 * and `kiln import` print the control characters of function, file and item
 * names as visible escapes (a name must not clear the screen, set the window
 * title or break a table's rows), while --json keeps the exact strings. And an
 * import error stays short even when it quotes megabytes of the file.
 * The built CLI, a real SQLite file, the ingest worker.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'kiln.cjs');

const TITLE = '\x1b]0;pwned\x07';
const CLEAR = '\x1b[2J';
const CSI = 'bad\x9bname';
/** A folded-stacks file whose name holds an escape (Linux and macOS allow it; the test skips that part elsewhere). */
const EVIL_NAME = process.platform === 'win32' ? 'evil.folded' : 'evil\x1b[31m.folded';

function kiln(args: string[], cwd: string): { code: number; stdout: Buffer; stderr: Buffer } {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, timeout: 60_000 });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** Raw bytes that would drive a terminal: ESC, BEL, and CSI as its UTF-8 encoding's last byte. */
function expectNoControlBytes(output: Buffer): void {
  for (const byte of [0x1b, 0x07, 0x9b]) expect(output.indexOf(byte), `byte 0x${byte.toString(16)}`).toBe(-1);
}

describe('kiln prints profile names with their control characters escaped', () => {
  let dir: string;
  let db: string;
  let importOutput: Buffer;
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
    dir = mkdtempSync(join(tmpdir(), 'kiln-cli-hostile-'));
    db = join(dir, 'kiln.db');
    // Folded stacks split frames at ";": the title sequence becomes two frames, "\x1b]0" and "pwned\x07".
    writeFileSync(join(dir, EVIL_NAME), `main;${TITLE};leaf 5\nmain;${CLEAR} 3\nmain;${CSI} 2\nmain;tab\there 1\n`);
    // A .cpuprofile carries whole names and a file (url) for each function.
    const frame = (functionName: string, url: string): object => ({
      functionName,
      scriptId: '1',
      url,
      lineNumber: 0,
      columnNumber: 0,
    });
    writeFileSync(
      join(dir, 'evil.cpuprofile'),
      JSON.stringify({
        nodes: [
          { id: 1, callFrame: frame('(root)', ''), children: [2] },
          { id: 2, callFrame: frame(TITLE, `file:///src/${CLEAR}.js`), children: [] },
        ],
        startTime: 0,
        endTime: 3000,
        samples: [2, 2, 2],
        timeDeltas: [1000, 1000, 1000],
      }),
    );
    const imported = kiln(['import', EVIL_NAME, 'evil.cpuprofile', '--db', db], dir);
    if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr.toString()}`);
    importOutput = imported.stdout;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('kiln import: the file name escaped in the report', () => {
    expectNoControlBytes(importOutput);
    expect(importOutput.toString()).toContain(`imported ${EVIL_NAME.replace('\x1b', '\\x1b')} as #1`);
  });

  it('kiln ls: the file name escaped in the table, exact in --json', () => {
    const table = kiln(['ls', '--db', db], dir);
    expect(table.code).toBe(0);
    expectNoControlBytes(table.stdout);
    expect(table.stdout.toString()).toContain(EVIL_NAME.replace('\x1b', '\\x1b'));

    const json = kiln(['ls', '--db', db, '--json'], dir);
    expectNoControlBytes(json.stdout);
    const items = JSON.parse(json.stdout.toString()) as { id: number; name: string }[];
    expect(items.find((item) => item.id === 1)?.name).toBe(EVIL_NAME);
  });

  it('kiln top: function names escaped, one row per function, exact in --json', () => {
    const table = kiln(['top', '1', '--db', db], dir);
    expect(table.code).toBe(0);
    expectNoControlBytes(table.stdout);
    const text = table.stdout.toString();
    for (const shown of ['\\x1b]0', 'pwned\\x07', '\\x1b[2J', 'bad\\x9bname', 'tab\\there'])
      expect(text).toContain(shown);
    // The header and seven functions: no name broke a row in two.
    expect(text.trimEnd().split('\n')).toHaveLength(8);

    const json = kiln(['top', '1', '--db', db, '--json'], dir);
    expectNoControlBytes(json.stdout);
    const functions = (JSON.parse(json.stdout.toString()) as { function: string }[]).map((row) => row.function);
    expect(functions).toEqual(expect.arrayContaining(['\x1b]0', 'pwned\x07', CLEAR, CSI, 'tab\there']));
  });

  it('kiln top: a whole title sequence and a file name escaped, exact in --json', () => {
    const table = kiln(['top', '2', '--db', db], dir);
    expect(table.code).toBe(0);
    expectNoControlBytes(table.stdout);
    const row = table.stdout
      .toString()
      .split('\n')
      .find((line) => line.includes('pwned'));
    expect(row).toContain('\\x1b]0;pwned\\x07');
    expect(row).toContain('file:///src/\\x1b[2J.js');

    const json = kiln(['top', '2', '--db', db, '--json'], dir);
    const rows = JSON.parse(json.stdout.toString()) as { function: string; file: string }[];
    expect(rows.find((r) => r.function === TITLE)?.file).toBe(`file:///src/${CLEAR}.js`);
  });
});

describe('kiln import: an error that quotes a huge value stays short', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-cli-long-error-'));
    // A Firefox profile whose weightType is 5 MB of text: the importer's reason quotes it.
    const thread = {
      samples: { length: 1, stack: [0], time: [1], weightType: 'x'.repeat(5_000_000) },
      stackTable: { length: 1, prefix: [null], frame: [0] },
      frameTable: { length: 1, func: [0] },
      funcTable: { length: 1, name: [0] },
      stringArray: ['main'],
    };
    writeFileSync(join(dir, 'huge-quote.json'), JSON.stringify({ meta: { interval: 1 }, threads: [thread] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--json: a message of at most 400 characters that names the file once and says what was cut', () => {
    const run = kiln(['import', 'huge-quote.json', '--db', join(dir, 'kiln.db'), '--json'], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout.toString()) as { errors: { file: string; message: string }[] };
    const [error] = report.errors;
    expect(error?.file).toBe('huge-quote.json');
    const message = error?.message ?? '';
    expect(message.length).toBeLessThanOrEqual(400);
    expect(message.split('huge-quote.json')).toHaveLength(2);
    expect(message).toBe(
      `huge-quote.json: threads[0].samples.weightType "${'x'.repeat(40)}…" (4,999,960 more characters left out) is not samples, tracing-ms or bytes`,
    );
  });

  it('the text output says the same on stderr', () => {
    const run = kiln(['import', 'huge-quote.json', '--db', join(dir, 'kiln.db')], dir);
    expect(run.code).toBe(1);
    expect(run.stderr.length).toBeLessThanOrEqual(420);
    expect(run.stderr.toString()).toMatch(/^error: huge-quote\.json: threads\[0\]\.samples\.weightType "x{40}…" /);
  });
});
