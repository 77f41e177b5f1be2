/**
 * `kiln`: the command line over the same services as the app. Exit codes:
 * 0 success, 1 a command failed (e.g. a file did not import), 2 bad usage,
 * 130 an import stopped by Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_IMPORT_LIMITS } from '../../shared/import/limits';
import { defaultDbPath } from '../config/paths';
import { openKiln, type KilnRuntime } from '../services/runtime';
import { importCommand, lsCommand } from './commands';
import { processOutput, type Output } from './output';
import { searchCommand } from './search-command';
import { serveCommand } from './serve-command';
import { topCommand } from './top-command';
import { USAGE, UsageError } from './usage';

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
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export async function runCli(argv: string[], io: Output = processOutput): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`kiln: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    (command === undefined && !values.help ? io.err : io.out)(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (!['import', 'ls', 'top', 'search', 'serve'].includes(command)) {
    io.err(`kiln: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 2;
  }
  let port = 0;
  if (command === 'serve') {
    port = values.port === undefined ? 7373 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.err(`kiln: --port must be an integer from 0 to 65535\n\n${USAGE}`);
      return 2;
    }
  }

  let runtime: KilnRuntime | null = null;
  try {
    runtime = await openKiln({ dbPath: values.db ?? defaultDbPath() });
    switch (command) {
      case 'import':
        return await importCommand(runtime.services, rest, values.json, io, {
          quiet: values.quiet,
          progress: values.progress,
        });
      case 'ls':
        return await lsCommand(runtime.services, values.json, io);
      case 'top':
        return await topCommand(runtime.services, rest[0], values, io);
      case 'search':
        return await searchCommand(runtime.services, rest, values.limit, values.json, io);
      case 'serve': {
        const server = await serveCommand(runtime.services, port, DEFAULT_IMPORT_LIMITS.maxInputBytes, io);
        await waitForSignal();
        await server.close();
        return 0;
      }
    }
    return 2;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kiln: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(`kiln: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await runtime?.close();
  }
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
