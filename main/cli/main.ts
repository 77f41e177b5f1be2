/**
 * `kiln`: the command line over the same services as the app. Exit codes:
 * 0 success, 1 a command failed (e.g. a file did not import), 2 bad usage,
 * 130 an import stopped by Ctrl-C. With --json every failure is one line of
 * JSON on stdout, `{"error":{"message":…,"path":…}}` (path: the store's file,
 * when the store is the problem); without, a line on stderr.
 */
import { parseArgs } from 'node:util';
import { escapeControls } from '../../shared/format/control-chars';
import { DEFAULT_IMPORT_LIMITS } from '../../shared/import/limits';
import { defaultDbPath } from '../config/paths';
import type { KilnServices } from '../../shared/ipc/contract';
import { openKiln, type KilnRuntime } from '../services/runtime';
import { damagedStore, isStoreDamage, StoreOpenError } from '../store/store-file';
import { importCommand, lsCommand } from './commands';
import { diffCommand } from './diff-command';
import { findingsCommand } from './findings-command';
import { gcCommand } from './gc-command';
import { heapDiffCommand } from './heap-diff-command';
import { leaksCommand } from './leaks-command';
import { importTagsOf } from './import-tags';
import { processOutput, type Output } from './output';
import { searchCommand } from './search-command';
import { serveCommand } from './serve-command';
import { annotateCommand, timelineCommand } from './timeline-command';
import { topCommand } from './top-command';
import { USAGE, UsageError } from './usage';

const COMMANDS = [
  'import',
  'ls',
  'top',
  'diff',
  'search',
  'serve',
  'timeline',
  'annotate',
  'leaks',
  'heap-diff',
  'gc',
  'findings',
];

/** Commands that only read open the store read-only (store-open.ts) and never create one. */
const READ_ONLY_COMMANDS = new Set(['ls', 'top', 'diff', 'search', 'timeline', 'leaks', 'heap-diff', 'gc', 'findings']);

const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  progress: { type: 'boolean', default: false },
  type: { type: 'string' },
  limit: { type: 'string' },
  filter: { type: 'string' },
  from: { type: 'string' },
  base: { type: 'string' },
  to: { type: 'string' },
  port: { type: 'string' },
  service: { type: 'string' },
  label: { type: 'string', multiple: true },
  kind: { type: 'string' },
  'per-second': { type: 'boolean', default: false },
  mode: { type: 'string' },
  windows: { type: 'string' },
  'not-mine': { type: 'string', multiple: true },
  at: { type: 'string' },
  import: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export async function runCli(argv: string[], io: Output = processOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usageFailure(io, argv.includes('--json'), error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    (command === undefined && !values.help ? io.err : io.out)(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (!COMMANDS.includes(command)) {
    return usageFailure(io, values.json, `unknown command ${JSON.stringify(command)}`);
  }
  let port = 0;
  if (command === 'serve') {
    port = values.port === undefined ? 7373 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      return usageFailure(io, values.json, '--port must be an integer from 0 to 65535');
    }
  }

  const dbPath = values.db ?? defaultDbPath();
  const readOnly = READ_ONLY_COMMANDS.has(command);
  const opened: { runtime: Promise<KilnRuntime> | null } = { runtime: null };
  const runtimeOf = (): Promise<KilnRuntime> =>
    (opened.runtime ??= openKiln({ dbPath, access: readOnly ? 'read' : 'write' }));
  try {
    // Checked before the store opens: a bad --label creates no store.
    const importTags = command === 'import' ? importTagsOf(values.service, values.label) : undefined;
    // A read-only command opens the store when it first asks it something, after checking its arguments: a usage
    // error is reported as one whether or not there is a store.
    // annotate too: its arguments are checked (a usage error) before it creates or opens a store.
    const services = readOnly || command === 'annotate' ? lazyServices(runtimeOf) : (await runtimeOf()).services;
    // With --json, what a command says on stderr when it fails becomes the JSON error on stdout.
    const failures = values.json ? jsonFailures(io) : null;
    const commandIo = failures?.io ?? io;
    let code = 2;
    switch (command) {
      case 'import':
        code = await importCommand(services, rest, values.json, commandIo, {
          quiet: values.quiet,
          progress: values.progress,
          tags: importTags,
        });
        break;
      case 'ls':
        code = await lsCommand(services, values.json, commandIo, values.service);
        break;
      case 'top':
        code = await topCommand(services, rest[0], values, commandIo);
        break;
      case 'diff':
        code = await diffCommand(services, rest, values, commandIo);
        break;
      case 'leaks':
        code = await leaksCommand(services, rest, values, commandIo);
        break;
      case 'heap-diff':
        code = await heapDiffCommand(services, rest, values, commandIo);
        break;
      case 'gc':
        code = await gcCommand(services, rest, values, commandIo);
        break;
      case 'findings':
        code = await findingsCommand(services, rest, values, commandIo);
        break;
      case 'timeline':
        code = await timelineCommand(services, values.service, values.json, commandIo);
        break;
      case 'annotate':
        code = await annotateCommand(
          services,
          { service: values.service, at: values.at, label: values.label, import: values.import },
          values.json,
          commandIo,
        );
        break;
      case 'search':
        code = await searchCommand(services, rest, values.limit, values.json, commandIo);
        break;
      case 'serve': {
        const server = await serveCommand(await runtimeOf(), port, DEFAULT_IMPORT_LIMITS.maxInputBytes, io);
        await waitForSignal();
        await server.close();
        code = 0;
      }
    }
    failures?.settle(code);
    return code;
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, values.json, error.message);
    const { message, path } = describeFailure(error, dbPath);
    reportFailure(io, values.json, message, path);
    return 1;
  } finally {
    try {
      const runtime = await opened.runtime?.catch(() => null);
      await runtime?.close();
    } catch {
      // The command's outcome is already reported; a store that fails to close has nothing left to lose.
    }
  }
}

/** Services whose store opens on the first call (every service is an async method). */
function lazyServices(runtimeOf: () => Promise<KilnRuntime>): KilnServices {
  return new Proxy({} as KilnServices, {
    get: (_target, name) =>
      // Not a thenable: awaiting the services must not call a service named "then".
      name === 'then' || typeof name === 'symbol'
        ? undefined
        : async (...args: unknown[]): Promise<unknown> => {
            const services = (await runtimeOf()).services as unknown as Record<
              PropertyKey,
              (...a: unknown[]) => unknown
            >;
            const method = services[name];
            if (typeof method !== 'function') throw new TypeError(`no service ${String(name)}`);
            return method.apply(services, args);
          },
  });
}

/**
 * Holds back a command's stderr lines; when it fails without printing anything on stdout, they become one JSON
 * error there (without their "error: " prefix); otherwise they go to stderr as they are.
 */
function jsonFailures(io: Output): { io: Output; settle(code: number): void } {
  const held: string[] = [];
  let printed = false;
  return {
    io: {
      out: (line) => {
        printed = true;
        io.out(line);
      },
      err: (line) => held.push(line),
    },
    settle: (code) => {
      if (code !== 0 && !printed && held.length > 0) {
        reportFailure(io, true, held.map((line) => line.replace(/^error: /, '')).join('\n'));
      } else held.forEach((line) => io.err(line));
    },
  };
}

/** What went wrong, naming the store's file when the store is the problem (an SQLite error is the store's). */
function describeFailure(error: unknown, dbPath: string): { message: string; path?: string } {
  if (error instanceof StoreOpenError) return { message: error.message, path: error.path };
  const message = error instanceof Error ? error.message : String(error);
  if (isStoreDamage(error)) return { message: damagedStore(dbPath, message).message, path: dbPath };
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return { message: `the store at ${dbPath}: ${message}`, path: dbPath };
  }
  return { message };
}

/** JSON escapes control characters itself; on a terminal they are escaped so a message cannot drive it. */
function reportFailure(io: Output, json: boolean, message: string, path?: string): void {
  if (json) io.out(JSON.stringify({ error: { message, ...(path === undefined ? {} : { path }) } }));
  else io.err(`kiln: ${escapeControls(message)}`);
}

function usageFailure(io: Output, json: boolean, message: string): number {
  if (json) reportFailure(io, true, message);
  else io.err(`kiln: ${escapeControls(message)}\n\n${USAGE}`);
  return 2;
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
